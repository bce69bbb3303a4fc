import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The permission resource type of an AI component. Resource refs are the
 * component's entity ref, e.g. `aicomponent:default/gpt-4o-chat`.
 *
 * @public
 */
export const AI_COMPONENT_RESOURCE_TYPE = 'ai-component';

/** @public */
export const aiComponentReadPermission = createPermission({
  name: 'ai-components.component.read',
  attributes: { action: 'read' },
  resourceType: AI_COMPONENT_RESOURCE_TYPE,
});

/** @public */
export const aiComponentCreatePermission = createPermission({
  name: 'ai-components.component.create',
  attributes: { action: 'create' },
});

/** @public */
export const aiComponentUpdatePermission = createPermission({
  name: 'ai-components.component.update',
  attributes: { action: 'update' },
  resourceType: AI_COMPONENT_RESOURCE_TYPE,
});

/** @public */
export const aiComponentDeletePermission = createPermission({
  name: 'ai-components.component.delete',
  attributes: { action: 'delete' },
  resourceType: AI_COMPONENT_RESOURCE_TYPE,
});

/**
 * Running one version of a component once (the "try it" panel).
 *
 * @public
 */
export const aiComponentInvokePermission = createPermission({
  name: 'ai-components.component.invoke',
  attributes: {},
  resourceType: AI_COMPONENT_RESOURCE_TYPE,
});

/**
 * Listing, storing and deleting the secrets (API keys) that runtime configs
 * reference by name. Values are write-only whatever the permission.
 *
 * @public
 */
export const aiComponentSecretManagePermission = createPermission({
  name: 'ai-components.secret.manage',
  attributes: { action: 'update' },
});

/** @public */
export const aiComponentsPermissions = [
  aiComponentReadPermission,
  aiComponentCreatePermission,
  aiComponentUpdatePermission,
  aiComponentDeletePermission,
  aiComponentInvokePermission,
  aiComponentSecretManagePermission,
];
