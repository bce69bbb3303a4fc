/**
 * The workflows frontend plugin.
 *
 * @packageDocumentation
 */

export { workflowsPlugin as default } from './plugin';
export {
  componentRegistryApiRef,
  triggerActivityApiRef,
  workflowsApiRef,
} from './api';
export type {
  ComponentRegistryApi,
  TriggerActivityApi,
  WorkflowsApi,
} from './api';
