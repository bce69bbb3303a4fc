import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { ReadDecisionCache } from './ReadDecisionCache';

describe('ReadDecisionCache', () => {
  it('reuses a decision within its time to live, per principal', async () => {
    const cache = new ReadDecisionCache(1000);
    const decide = jest.fn(
      async (): Promise<PolicyDecision> => ({ result: AuthorizeResult.ALLOW }),
    );
    await cache.get('user:default/a', decide, 0);
    await cache.get('user:default/a', decide, 999);
    expect(decide).toHaveBeenCalledTimes(1);
    await cache.get('user:default/b', decide, 999);
    expect(decide).toHaveBeenCalledTimes(2);
    await cache.get('user:default/a', decide, 1000);
    expect(decide).toHaveBeenCalledTimes(3);
  });

  it('forgets failed decisions and the oldest principal when full', async () => {
    const cache = new ReadDecisionCache(60_000, 2);
    const failing = jest.fn(async () => {
      throw new Error('permission backend down');
    });
    await expect(cache.get('user:default/a', failing, 0)).rejects.toThrow();
    await expect(cache.get('user:default/a', failing, 1)).rejects.toThrow();
    expect(failing).toHaveBeenCalledTimes(2);

    const allow = jest.fn(
      async (): Promise<PolicyDecision> => ({ result: AuthorizeResult.ALLOW }),
    );
    await cache.get('p1', allow, 0);
    await cache.get('p2', allow, 0);
    await cache.get('p3', allow, 0);
    await cache.get('p1', allow, 0);
    expect(allow).toHaveBeenCalledTimes(4);
  });
});
