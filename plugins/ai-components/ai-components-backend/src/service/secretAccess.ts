import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { OwnedSecret } from '../permissions/ownership';

/** What one caller may do with secrets, by owner. @internal */
export interface SecretAccess {
  /**
   * Whether the caller may store, replace or delete a secret of this owner
   * (undefined: a shared secret, for an unconditional allow only).
   */
  mayManage(owner: string | undefined): boolean;
  /** Whether the list shows the secret: the caller's own and the shared ones. */
  shows(owner: string | undefined): boolean;
}

/**
 * The caller's access from its `ai-components.secret.write` decision: an
 * allow covers every secret, a conditional decision the owners its
 * conditions match (never a shared secret), a deny none.
 *
 * @internal
 */
export function secretAccess(
  decision: PolicyDecision,
  applies: (decision: PolicyDecision, resource: OwnedSecret) => boolean,
): SecretAccess {
  const mayManage = (owner: string | undefined) => {
    if (decision.result === AuthorizeResult.ALLOW) return true;
    if (decision.result === AuthorizeResult.DENY || owner === undefined) {
      return false;
    }
    return applies(decision, { name: '', ownerRefs: [owner] });
  };
  return {
    mayManage,
    shows: owner => owner === undefined || mayManage(owner),
  };
}

/**
 * A secret's owner as stored: a `user:` or `group:` entity ref in lower
 * case (`group:team-a` is `group:default/team-a`); a 400 naming `owner`
 * otherwise.
 *
 * @internal
 */
export function secretOwnerOf(value: string): string {
  let ref;
  try {
    ref = parseEntityRef(value.trim());
  } catch {
    throw new InputError(
      `owner: '${value}' is not an entity ref; name a user or group, e.g. group:default/team-a`,
    );
  }
  const kind = ref.kind.toLocaleLowerCase('en-US');
  if (kind !== 'user' && kind !== 'group') {
    throw new InputError(
      `owner: '${value}' is a ${ref.kind}; a secret is owned by a user or a group`,
    );
  }
  return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
}
