import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ExecutionsClient } from '@ai-ops/plugin-executions-common';
import type { WorkflowsClient } from '@ai-ops/plugin-workflows-common';

/**
 * The executions HTTP API as the frontend uses it: methods of the typed
 * {@link @ai-ops/plugin-executions-common#ExecutionsClient}.
 *
 * @public
 */
export type ExecutionsApi = Pick<
  ExecutionsClient,
  | 'startExecution'
  | 'listExecutions'
  | 'getExecution'
  | 'listSteps'
  | 'listStepsPage'
  | 'listExecutionEvents'
  | 'listMyApprovals'
  | 'getStep'
  | 'getWorkflowMetrics'
  | 'getComponentMetrics'
  | 'pinExecution'
  | 'unpinExecution'
  | 'getRunEstimate'
  | 'getWorkflowRetention'
  | 'putWorkflowRetention'
  | 'deleteWorkflowRetention'
  | 'cancelExecution'
  | 'decideApproval'
  | 'resumeExecution'
  | 'rerunExecution'
>;

/**
 * Reference to the {@link ExecutionsApi}, provided by the plugin's
 * `api:executions` extension.
 *
 * @public
 */
export const executionsApiRef = createApiRef<ExecutionsApi>().with({
  id: 'plugin.executions.service',
  pluginId: 'executions',
});

/**
 * What the run pages read from the workflows API: the definition of the
 * version a run executes (its steps, `needs` and layout), and workflows to
 * start a run of.
 *
 * @public
 */
export type WorkflowDefinitionsApi = Pick<
  WorkflowsClient,
  'getVersion' | 'listWorkflows'
>;

/**
 * Reference to the {@link WorkflowDefinitionsApi}, provided by the plugin's
 * `api:executions/workflow-definitions` extension.
 *
 * @public
 */
export const workflowDefinitionsApiRef =
  createApiRef<WorkflowDefinitionsApi>().with({
    id: 'plugin.executions.workflow-definitions',
    pluginId: 'executions',
  });
