import { createPermission } from '@backstage/plugin-permission-common';

/** @public */
export const executionReadPermission = createPermission({
  name: 'executions.execution.read',
  attributes: { action: 'read' },
});

/**
 * Starting a run of a workflow (manually, by API or through a trigger).
 *
 * @public
 */
export const executionRunPermission = createPermission({
  name: 'executions.execution.run',
  attributes: { action: 'create' },
});

/** @public */
export const executionCancelPermission = createPermission({
  name: 'executions.execution.cancel',
  attributes: { action: 'update' },
});

/**
 * Deciding an approval step or a budget pause of a run.
 *
 * @public
 */
export const executionApprovePermission = createPermission({
  name: 'executions.execution.approve',
  attributes: { action: 'update' },
});

/** @public */
export const executionsPermissions = [
  executionReadPermission,
  executionRunPermission,
  executionCancelPermission,
  executionApprovePermission,
];
