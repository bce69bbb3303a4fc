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
  AI_WORKFLOW_RESOURCE_TYPE,
  workflowsPermissions,
} from '@ai-ops/plugin-workflows-common';
import { z } from 'zod';

/**
 * What an ownership condition is evaluated against: the workflow's entity ref
 * and the refs of the users or groups that own it.
 *
 * @internal
 */
export interface OwnedAIWorkflow {
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
export const aiWorkflowResourceRef = createPermissionResourceRef<
  OwnedAIWorkflow,
  OwnershipFilter
>().with({ pluginId: 'workflows', resourceType: AI_WORKFLOW_RESOURCE_TYPE });

/**
 * `IS_OWNER`: the workflow is owned by one of `claims` (use `$ownerRefs` in an
 * RBAC conditional policy for "the signed-in user or one of their groups").
 *
 * @internal
 */
export const isOwnerRule = createPermissionRule({
  name: 'IS_OWNER',
  description:
    'Allow when the workflow is owned by one of the given users or groups',
  resourceRef: aiWorkflowResourceRef,
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
 * type. Resources are loaded from the catalog, where every workflow appears as
 * an `AIWorkflow` entity with `ownedBy` relations.
 *
 * @internal
 */
export function registerAIWorkflowPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  catalog: CatalogService;
  auth: AuthService;
}) {
  const { permissionsRegistry, catalog, auth } = options;
  permissionsRegistry.addResourceType({
    resourceRef: aiWorkflowResourceRef,
    permissions: workflowsPermissions.filter(p => p.type === 'resource'),
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
    workflowsPermissions.filter(p => p.type !== 'resource'),
  );
}
