export { executionsApiRef, workflowDefinitionsApiRef } from './ExecutionsApi';
export type { ExecutionsApi, WorkflowDefinitionsApi } from './ExecutionsApi';
export {
  createExecutionsClient,
  createWorkflowDefinitionsClient,
  errorMessage,
} from './createClients';
