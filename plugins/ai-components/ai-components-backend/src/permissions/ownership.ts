import {
  AuthService,
  PermissionsRegistryService,
} from '@backstage/backend-plugin-api';
import {
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
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
    resource.ownerRefs.some(ref => claims.includes(ref)),
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

/**
 * Registers the capability's permissions and its ownership-aware resource
 * type. Resources are loaded from the catalog, where every component appears as
 * an `AIComponent` entity with `ownedBy` relations.
 *
 * @internal
 */
export function registerAIComponentPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { permissionsRegistry, catalog, auth } = options;
  permissionsRegistry.addResourceType({
    resourceRef: aiComponentResourceRef,
    permissions: aiComponentsPermissions.filter(p => p.type === 'resource'),
    rules: [isOwnerRule],
    getResources: async entityRefs => {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs, fields: ['kind', 'metadata', 'relations'] },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return items.map(entity =>
        entity
          ? {
              entityRef: stringifyEntityRef(entity),
              ownerRefs: (entity.relations ?? [])
                .filter(r => r.type === RELATION_OWNED_BY)
                .map(r => r.targetRef),
            }
          : undefined,
      );
    },
  });
  permissionsRegistry.addPermissions(
    aiComponentsPermissions.filter(p => p.type !== 'resource'),
  );
}
