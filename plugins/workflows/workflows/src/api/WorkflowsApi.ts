import { createApiRef } from '@backstage/frontend-plugin-api';
import type { WorkflowsClient } from '@ai-ops/plugin-workflows-common';
import type { AiComponentsClient } from '@ai-ops/plugin-ai-components-common';
import type {
  ExecutionDto,
  TriggerScheduleDto,
} from '@ai-ops/plugin-executions-common';

/**
 * The workflows HTTP API as the frontend uses it: methods of the typed
 * {@link @ai-ops/plugin-workflows-common#WorkflowsClient}.
 *
 * @public
 */
export type WorkflowsApi = Pick<
  WorkflowsClient,
  | 'validate'
  | 'listWorkflows'
  | 'getWorkflow'
  | 'createWorkflow'
  | 'saveWorkflow'
  | 'importWorkflow'
  | 'exportWorkflow'
  | 'listVersions'
  | 'getVersion'
  | 'restoreVersion'
  | 'diff'
  | 'setLabel'
  | 'removeLabel'
  | 'labelHistory'
  | 'listTriggers'
  | 'createTrigger'
  | 'updateTrigger'
  | 'deleteTrigger'
  | 'rotateTriggerSecret'
>;

/**
 * Reference to the {@link WorkflowsApi}, provided by the plugin's
 * `api:workflows` extension.
 *
 * @public
 */
export const workflowsApiRef = createApiRef<WorkflowsApi>().with({
  id: 'plugin.workflows.service',
  pluginId: 'workflows',
});

/**
 * What the editor's palette reads from the AI components registry.
 *
 * @public
 */
export type ComponentRegistryApi = Pick<
  AiComponentsClient,
  'listComponents' | 'getComponent'
>;

/**
 * Reference to the {@link ComponentRegistryApi}, provided by the plugin's
 * `api:workflows/component-registry` extension.
 *
 * @public
 */
export const componentRegistryApiRef =
  createApiRef<ComponentRegistryApi>().with({
    id: 'plugin.workflows.component-registry',
    pluginId: 'workflows',
  });

/**
 * What the Triggers tab reads from the executions API: the newest run a
 * trigger started and when a schedule trigger fires next.
 *
 * @public
 */
export interface TriggerActivityApi {
  /** The newest run the trigger started; undefined when it started none. */
  getLastRun(triggerId: string): Promise<ExecutionDto | undefined>;
  /**
   * The Temporal Schedule of a schedule trigger: paused or not, and its
   * next fire times; undefined while it is not in Temporal yet.
   */
  getSchedule(triggerId: string): Promise<TriggerScheduleDto | undefined>;
}

/**
 * Reference to the {@link TriggerActivityApi}, provided by the plugin's
 * `api:workflows/trigger-activity` extension.
 *
 * @public
 */
export const triggerActivityApiRef = createApiRef<TriggerActivityApi>().with({
  id: 'plugin.workflows.trigger-activity',
  pluginId: 'workflows',
});
