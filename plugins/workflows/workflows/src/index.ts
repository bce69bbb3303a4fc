/**
 * The workflows frontend plugin.
 *
 * @packageDocumentation
 */

export { workflowsPlugin as default } from './plugin';
export { componentRegistryApiRef, workflowsApiRef } from './api';
export type { ComponentRegistryApi, WorkflowsApi } from './api';
