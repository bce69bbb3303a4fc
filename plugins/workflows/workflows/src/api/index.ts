export {
  componentRegistryApiRef,
  triggerActivityApiRef,
  workflowsApiRef,
} from './WorkflowsApi';
export type {
  ComponentRegistryApi,
  TriggerActivityApi,
  WorkflowsApi,
} from './WorkflowsApi';
export {
  createComponentRegistryClient,
  createTriggerActivityClient,
  createWorkflowsClient,
  documentInput,
  errorMessage,
} from './createClients';
