export { componentRegistryApiRef, workflowsApiRef } from './WorkflowsApi';
export type { ComponentRegistryApi, WorkflowsApi } from './WorkflowsApi';
export {
  createComponentRegistryClient,
  createWorkflowsClient,
  documentInput,
  errorMessage,
} from './createClients';
