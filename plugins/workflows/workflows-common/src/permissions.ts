import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permission resource type of a workflow. Resource refs are the
 * workflow's entity ref, e.g. `aiworkflow:default/support-triage`.
 *
 * @public
 */
export const AI_WORKFLOW_RESOURCE_TYPE = 'ai-workflow';

/** @public */
export const workflowReadPermission = createPermission({
  name: 'workflows.workflow.read',
  attributes: { action: 'read' },
  resourceType: AI_WORKFLOW_RESOURCE_TYPE,
});

/** @public */
export const workflowCreatePermission = createPermission({
  name: 'workflows.workflow.create',
  attributes: { action: 'create' },
});

/** @public */
export const workflowUpdatePermission = createPermission({
  name: 'workflows.workflow.update',
  attributes: { action: 'update' },
  resourceType: AI_WORKFLOW_RESOURCE_TYPE,
});

/** @public */
export const workflowDeletePermission = createPermission({
  name: 'workflows.workflow.delete',
  attributes: { action: 'delete' },
  resourceType: AI_WORKFLOW_RESOURCE_TYPE,
});

/**
 * Moving a label such as `production` to a version of a workflow. It has no
 * CRUD action of its own, so RBAC policies grant it as `use`.
 *
 * @public
 */
export const workflowPromotePermission = createPermission({
  name: 'workflows.workflow.promote',
  attributes: {},
  resourceType: AI_WORKFLOW_RESOURCE_TYPE,
});

/** @public */
export const workflowsPermissions = [
  workflowReadPermission,
  workflowCreatePermission,
  workflowUpdatePermission,
  workflowDeletePermission,
  workflowPromotePermission,
];
