import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizePermissionRequest,
  AuthorizeResult,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import { CallerDecisions } from './CallerDecisions';

function permissionsOf(results: {
  read?: AuthorizeResult;
  component?: AuthorizeResult;
  fail?: () => boolean;
}) {
  const authorize = jest.fn(async (requests: AuthorizePermissionRequest[]) => {
    if (results.fail?.()) throw new Error('permission backend unreachable');
    return requests.map(() => ({
      result: results.read ?? AuthorizeResult.ALLOW,
    }));
  });
  const authorizeConditional = jest.fn(
    async (requests: QueryPermissionRequest[]) =>
      requests.map(({ permission }) =>
        permission.name === 'ai-components.component.read'
          ? { result: results.component ?? AuthorizeResult.ALLOW }
          : { result: AuthorizeResult.DENY },
      ),
  );
  const permissions = mockServices.permissions.mock({
    authorize: authorize as any,
    authorizeConditional: authorizeConditional as any,
  });
  return { permissions, authorize, authorizeConditional };
}

describe('CallerDecisions', () => {
  const ada = mockCredentials.user('user:default/ada');
  const bob = mockCredentials.user('user:default/bob');

  it('asks once per principal within the time to live, then again', async () => {
    let now = 1_000;
    const { permissions, authorize, authorizeConditional } = permissionsOf({
      component: AuthorizeResult.CONDITIONAL,
    });
    const decisions = new CallerDecisions(permissions, 5_000, () => now);
    const first = await decisions.of(ada);
    expect(first).toEqual({
      read: AuthorizeResult.ALLOW,
      component: AuthorizeResult.CONDITIONAL,
      workflow: AuthorizeResult.DENY,
    });
    now += 2_499;
    await decisions.of(ada);
    expect(authorize).toHaveBeenCalledTimes(1);
    expect(authorizeConditional).toHaveBeenCalledTimes(1);
    // Another user is asked for on its own.
    await decisions.of(bob);
    expect(authorize).toHaveBeenCalledTimes(2);
    expect((authorizeConditional.mock.calls[1] as unknown[])[1]).toEqual({
      credentials: bob,
    });
    // Expired (never renewed): asked again, and waited for.
    now = 6_000;
    await decisions.of(ada);
    expect(authorize).toHaveBeenCalledTimes(3);
  });

  it('renews in the background in the last second of the time to live, so a steady caller never waits', async () => {
    let now = 1_000;
    let read: AuthorizeResult = AuthorizeResult.ALLOW;
    const { permissions, authorize } = permissionsOf({});
    authorize.mockImplementation(async requests =>
      requests.map(() => ({ result: read })),
    );
    const decisions = new CallerDecisions(permissions, 5_000, () => now);
    await decisions.of(ada);
    now = 4_900;
    await decisions.of(ada);
    expect(authorize).toHaveBeenCalledTimes(1);
    // In the last second: the kept decision answers at once, a renewal starts.
    read = AuthorizeResult.DENY;
    now = 5_000;
    expect((await decisions.of(ada)).read).toBe(AuthorizeResult.ALLOW);
    expect(authorize).toHaveBeenCalledTimes(2);
    await new Promise(resolve => setImmediate(resolve));
    // The renewal answered: it serves from now on, until 5,000 + 5,000.
    now = 8_900;
    expect((await decisions.of(ada)).read).toBe(AuthorizeResult.DENY);
    expect(authorize).toHaveBeenCalledTimes(2);
    now = 9_000;
    await decisions.of(ada);
    expect(authorize).toHaveBeenCalledTimes(3);
  });

  it('renews past half of a time to live shorter than two seconds', async () => {
    let now = 0;
    const { permissions, authorize } = permissionsOf({});
    const decisions = new CallerDecisions(permissions, 1_000, () => now);
    await decisions.of(ada);
    now = 499;
    await decisions.of(ada);
    expect(authorize).toHaveBeenCalledTimes(1);
    now = 500;
    await decisions.of(ada);
    expect(authorize).toHaveBeenCalledTimes(2);
  });

  it('shares one ask between concurrent requests of one caller', async () => {
    const { permissions, authorize } = permissionsOf({});
    const decisions = new CallerDecisions(permissions, 5_000);
    await Promise.all([decisions.of(ada), decisions.of(ada)]);
    expect(authorize).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed ask', async () => {
    let failing = true;
    const { permissions, authorize } = permissionsOf({ fail: () => failing });
    const decisions = new CallerDecisions(permissions, 5_000);
    await expect(decisions.of(ada)).rejects.toThrow('unreachable');
    failing = false;
    await expect(decisions.of(ada)).resolves.toMatchObject({
      read: AuthorizeResult.ALLOW,
    });
    expect(authorize).toHaveBeenCalledTimes(2);
  });

  it('asks every time with a time to live of 0', async () => {
    const { permissions, authorize } = permissionsOf({
      read: AuthorizeResult.DENY,
    });
    const decisions = new CallerDecisions(permissions, 0);
    expect((await decisions.of(ada)).read).toBe(AuthorizeResult.DENY);
    await decisions.of(ada);
    expect(authorize).toHaveBeenCalledTimes(2);
  });
});
