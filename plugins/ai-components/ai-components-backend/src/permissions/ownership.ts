import { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import {
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  AI_COMPONENT_RESOURCE_TYPE,
  AI_COMPONENT_SECRET_RESOURCE_TYPE,
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

/** A user or group ref in an ownership condition's claims, as stored. */
const claimMatches = (claims: string[], ownerRefs: string[]) =>
  ownerRefs.some(ref =>
    claims.some(claim => claim.toLocaleLowerCase('en-US') === ref),
  );

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe('Entity refs of users or groups, e.g. $ownerRefs'),
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
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => claimMatches(claims, resource.ownerRefs),
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

/**
 * What an ownership condition on a secret is evaluated against: its name
 * and its owner (none for a shared secret, which no condition matches).
 *
 * @internal
 */
export interface OwnedSecret {
  name: string;
  ownerRefs: string[];
}

/** @internal */
export const aiComponentSecretResourceRef = createPermissionResourceRef<
  OwnedSecret,
  OwnershipFilter
>().with({
  pluginId: 'ai-components',
  resourceType: AI_COMPONENT_SECRET_RESOURCE_TYPE,
});

/**
 * `IS_OWNER` for secrets: the secret is owned by one of `claims`. A shared
 * secret (no owner) never matches, so only an unconditional allow changes it.
 *
 * @internal
 */
export const isSecretOwnerRule = createPermissionRule({
  name: 'IS_OWNER',
  description:
    'Allow when the secret is owned by one of the given users or groups',
  resourceRef: aiComponentSecretResourceRef,
  paramsSchema: claimsSchema,
  apply: (resource, { claims }) => claimMatches(claims, resource.ownerRefs),
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

/**
 * Registers the capability's permissions and its ownership-aware resource
 * types (components and secrets); `loadOwners` returns each component's
 * owner ref (or undefined when it does not exist), in the order of the refs,
 * and `loadSecretOwners` each secret's (null for a shared secret).
 *
 * @internal
 */
export function registerAIComponentPermissions(options: {
  permissionsRegistry: PermissionsRegistryService;
  loadOwners(entityRefs: string[]): Promise<Array<string | undefined>>;
  loadSecretOwners(
    names: string[],
  ): Promise<Array<{ owner?: string } | undefined>>;
}) {
  const { permissionsRegistry, loadOwners, loadSecretOwners } = options;
  const ofType = (resourceType: string) =>
    aiComponentsPermissions.filter(
      p => p.type === 'resource' && p.resourceType === resourceType,
    );
  permissionsRegistry.addResourceType({
    resourceRef: aiComponentResourceRef,
    permissions: ofType(AI_COMPONENT_RESOURCE_TYPE),
    rules: [isOwnerRule],
    getResources: async entityRefs => {
      const owners = await loadOwners(entityRefs);
      return entityRefs.map((entityRef, i) => {
        const owner = owners[i];
        return owner ? { entityRef, ownerRefs: [owner] } : undefined;
      });
    },
  });
  permissionsRegistry.addResourceType({
    resourceRef: aiComponentSecretResourceRef,
    permissions: ofType(AI_COMPONENT_SECRET_RESOURCE_TYPE),
    rules: [isSecretOwnerRule],
    getResources: async names => {
      const secrets = await loadSecretOwners(names);
      return names.map((name, i) => {
        const secret = secrets[i];
        if (!secret) return undefined;
        return { name, ownerRefs: secret.owner ? [secret.owner] : [] };
      });
    },
  });
  permissionsRegistry.addPermissions(
    aiComponentsPermissions.filter(p => p.type !== 'resource'),
  );
}
