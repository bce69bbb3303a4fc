export { createExecutionActivities } from './createExecutionActivities';
export {
  createScheduleActivities,
  SCHEDULE_RUNS_PATH,
} from './createScheduleActivities';
export {
  createAiComponentsInvocationClient,
  type ComponentInvocation,
  type ComponentInvocationClient,
} from './ComponentInvocationClient';
export {
  createWorkflowSnapshotSource,
  normalizeWorkflowDocument,
  type WorkflowSnapshotSource,
} from './WorkflowSnapshotSource';
export {
  createCachedComponentRevisionSource,
  createRuntimeInvocationClient,
  secretsStayInRegistry,
  type ComponentRevision,
  type ComponentRevisionSource,
} from './RuntimeInvocationClient';
export { executionsWorkerRuntimesExtensionPoint } from './runtimes';
