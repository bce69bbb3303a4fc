export { createExecutionActivities } from './createExecutionActivities';
export {
  createAiComponentsInvocationClient,
  type ComponentInvocation,
  type ComponentInvocationClient,
} from './ComponentInvocationClient';
export {
  createWorkflowSnapshotSource,
  DEFAULT_WORKFLOW_LABEL,
  normalizeWorkflowDocument,
  type WorkflowSnapshotSource,
} from './WorkflowSnapshotSource';
