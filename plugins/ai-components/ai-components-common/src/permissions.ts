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
 * The permission resource type of a stored secret. Resource refs are the
 * secret's name; its owner (a user or group ref, or none for a shared
 * secret) is what ownership conditions look at.
 *
 * @public
 */
export const AI_COMPONENT_SECRET_RESOURCE_TYPE = 'ai-component-secret';

/**
 * Using the secrets screen and API at all: listing the secrets one may
 * manage (and the shared ones) and storing new ones. Values are write-only
 * whatever the permission. Which secrets may be changed is
 * {@link aiComponentSecretWritePermission}.
 *
 * @public
 */
export const aiComponentSecretManagePermission = createPermission({
  name: 'ai-components.secret.manage',
  attributes: { action: 'update' },
});

/**
 * Storing, replacing or deleting one secret, by its owner: an RBAC condition
 * `IS_OWNER` with `$ownerRefs` lets authors write their own groups'
 * secrets; an unconditional allow (admins) also covers shared secrets,
 * which have no owner and which any component may use.
 *
 * Its action is `create` (policies grant `ai-components.secret.write,
 * create`): RBAC 6.1.0 maps a conditional policy's action to the first
 * resource permission of the plugin with that action, whatever its resource
 * type, so it must be an action no other ai-components resource permission
 * has (`update` would map to `ai-components.component.update`).
 *
 * @public
 */
export const aiComponentSecretWritePermission = createPermission({
  name: 'ai-components.secret.write',
  attributes: { action: 'create' },
  resourceType: AI_COMPONENT_SECRET_RESOURCE_TYPE,
});

/** @public */
export const aiComponentsPermissions = [
  aiComponentReadPermission,
  aiComponentCreatePermission,
  aiComponentUpdatePermission,
  aiComponentDeletePermission,
  aiComponentInvokePermission,
  aiComponentSecretManagePermission,
  aiComponentSecretWritePermission,
];
