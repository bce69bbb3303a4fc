import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  AI_COMPONENT_RESOURCE_TYPE,
  aiComponentsPermissions,
} from '@ai-ops/plugin-ai-components-common';
import { z } from 'zod';

/**
 * What an ownership condition is evaluated against: the component's entity ref
 * and the refs of the users or groups that own it.
 *
 * @internal
 */
export interface OwnedAIComponent {
  entityRef: string;
  ownerRefs: string[];
}

/**
 * The query form of an ownership condition, for stores that filter lists in
 * the database.
 *
 * @internal
 */
export interface OwnershipFilter {
  ownerRefs: string[];
}

/** @internal */
export const aiComponentResourceRef = createPermissionResourceRef<
  OwnedAIComponent,
  OwnershipFilter
>().with({
  pluginId: 'ai-components',
  resourceType: AI_COMPONENT_RESOURCE_TYPE,
});

/**
 * `IS_OWNER`: the component is owned by one of `claims` (use `$ownerRefs` in an
 * RBAC conditional policy for "the signed-in user or one of their groups").
 *
 * @internal
 */
export const isOwnerRule = createPermissionRule({
  name: 'IS_OWNER',
  description:
    'Allow when the component is owned by one of the given users or groups',
  resourceRef: aiComponentResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe('Entity refs of users or groups, e.g. $ownerRefs'),
  }),
  apply: (resource, { claims }) =>
    resource.ownerRefs.some(ref =>
      claims.some(claim => claim.toLocaleLowerCase('en-US') === ref),
    ),
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

/**
 * Registers the capability's permissions and its ownership-aware resource
 * type; `loadOwners` returns each resource's owner ref (or undefined when it
 * does not exist), in the order of the refs.
 *
 * @internal
 */
export function registerAIComponentPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  loadOwners(entityRefs: string[]): Promise<Array<string | undefined>>;
}) {
  const { permissionsRegistry, loadOwners } = options;
  permissionsRegistry.addResourceType({
    resourceRef: aiComponentResourceRef,
    permissions: aiComponentsPermissions.filter(p => p.type === 'resource'),
    rules: [isOwnerRule],
    getResources: async entityRefs => {
      const owners = await loadOwners(entityRefs);
      return entityRefs.map((entityRef, i) => {
        const owner = owners[i];
        return owner ? { entityRef, ownerRefs: [owner] } : undefined;
      });
    },
  });
  permissionsRegistry.addPermissions(
    aiComponentsPermissions.filter(p => p.type !== 'resource'),
  );
}
