/**
 * The topic of the Backstage events service on which the workflows backend
 * announces that a workflow's triggers changed: a trigger was created,
 * updated or deleted, or its workflow was deleted. The executions backend
 * brings its Temporal Schedules in line when it hears one, instead of at
 * its next periodic pass.
 *
 * @public
 */
export const WORKFLOW_TRIGGERS_TOPIC = 'ai-ops.workflows.triggers';

/**
 * The payload of a {@link WORKFLOW_TRIGGERS_TOPIC} event.
 *
 * @public
 */
export interface WorkflowTriggersChangedEvent {
  /** The workflow's entity ref, `aiworkflow:<namespace>/<name>`. */
  workflowRef: string;
  change: 'created' | 'updated' | 'deleted' | 'workflow-deleted';
  /** The trigger, unless the whole workflow was deleted. */
  triggerId?: string;
}
