import { InputError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { secretAccess, secretOwnerOf } from './secretAccess';

const ownedBy = (claims: string[]): PolicyDecision => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'ai-components',
  resourceType: 'ai-component-secret',
  conditions: {
    rule: 'IS_OWNER',
    resourceType: 'ai-component-secret',
    params: { claims },
  },
});

/** The IS_OWNER rule, as the registry's condition authorizer applies it. */
const applies = (decision: any, resource: { ownerRefs: string[] }) =>
  decision.conditions.params.claims.some((c: string) =>
    resource.ownerRefs.includes(c),
  );

describe('secretAccess', () => {
  it('lets an unconditional allow manage every secret, shared ones included', () => {
    const access = secretAccess({ result: AuthorizeResult.ALLOW }, applies);
    expect(access.mayManage(undefined)).toBe(true);
    expect(access.mayManage('group:default/team-b')).toBe(true);
    expect(access.shows('group:default/team-b')).toBe(true);
  });

  it('lets a conditional decision manage the owners it matches, and see shared ones', () => {
    const access = secretAccess(ownedBy(['group:default/team-a']), applies);
    expect(access.mayManage('group:default/team-a')).toBe(true);
    expect(access.mayManage('group:default/team-b')).toBe(false);
    expect(access.mayManage(undefined)).toBe(false);
    expect(access.shows(undefined)).toBe(true);
    expect(access.shows('group:default/team-b')).toBe(false);
  });

  it('lets a deny manage nothing', () => {
    const access = secretAccess({ result: AuthorizeResult.DENY }, applies);
    expect(access.mayManage('group:default/team-a')).toBe(false);
    expect(access.mayManage(undefined)).toBe(false);
  });
});

describe('secretOwnerOf', () => {
  it('stores user and group refs in lower case, with the default namespace', () => {
    expect(secretOwnerOf('group:team-a')).toBe('group:default/team-a');
    expect(secretOwnerOf(' User:Default/Alice ')).toBe('user:default/alice');
  });

  it('refuses other kinds and what is not a ref with a 400 naming owner', () => {
    for (const bad of ['component:default/x', 'team-a', 'group:']) {
      expect(() => secretOwnerOf(bad)).toThrow(InputError);
      expect(() => secretOwnerOf(bad)).toThrow(/^owner: /);
    }
  });
});
