import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  AI_WORKFLOW_RESOURCE_TYPE,
  workflowsPermissions,
} from '@ai-ops/plugin-workflows-common';
import { z } from 'zod';
import type { WorkflowKey, WorkflowStore } from '../database/types';

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
 * Refs compare case-insensitively, as the store keeps them lower-cased.
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
    resource.ownerRefs.some(ref =>
      claims.some(
        claim =>
          claim.toLocaleLowerCase('en-US') === ref.toLocaleLowerCase('en-US'),
      ),
    ),
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

/** The key of an `aiworkflow:<namespace>/<name>` ref, or undefined. */
function keyOfRef(ref: string): WorkflowKey | undefined {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'aiworkflow',
      defaultNamespace: 'default',
    });
    return parsed.kind.toLocaleLowerCase('en-US') === 'aiworkflow'
      ? { namespace: parsed.namespace, name: parsed.name }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Registers the capability's permissions and its ownership-aware resource
 * type. Resources are loaded from the store, which holds console workflows
 * at once (the catalog sees them only after its provider has polled) as
 * well as the mirrored catalog ones.
 *
 * @internal
 */
export function registerAIWorkflowPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  store: Pick<WorkflowStore, 'getOwners'>;
}) {
  const { permissionsRegistry, store } = options;
  permissionsRegistry.addResourceType({
    resourceRef: aiWorkflowResourceRef,
    permissions: workflowsPermissions.filter(p => p.type === 'resource'),
    rules: [isOwnerRule],
    getResources: async entityRefs => {
      const keys = entityRefs.map(keyOfRef);
      const valid = keys.filter((k): k is WorkflowKey => !!k);
      const owners = await store.getOwners(valid);
      const byKey = new Map(
        valid.map((k, i) => [`${k.namespace}/${k.name}`, owners[i]]),
      );
      return entityRefs.map((entityRef, i) => {
        const key = keys[i];
        const owner = key && byKey.get(`${key.namespace}/${key.name}`);
        return owner ? { entityRef, ownerRefs: [owner] } : undefined;
      });
    },
  });
  permissionsRegistry.addPermissions(
    workflowsPermissions.filter(p => p.type !== 'resource'),
  );
}
