import { PolicyDecision } from '@backstage/plugin-permission-common';
import { LRUCache } from 'lru-cache';

/**
 * Reuses a principal's conditional read decision for a few seconds, so that
 * list, search and facet requests do not each ask the permission backend
 * (which re-reads the user's groups and policies every time). A policy change
 * applies to lists after at most `ttlMs`; single-item reads and every
 * mutation should always be decided afresh.
 *
 * @public
 */
export class ReadDecisionCache {
  private readonly entries: LRUCache<
    string,
    { decision: Promise<PolicyDecision>; expires: number }
  >;

  constructor(private readonly ttlMs = 10_000, maxEntries = 10_000) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(
    principal: string,
    decide: () => Promise<PolicyDecision>,
    now = Date.now(),
  ): Promise<PolicyDecision> {
    const hit = this.entries.get(principal);
    if (hit && hit.expires > now) return hit.decision;
    const decision = decide();
    this.entries.set(principal, { decision, expires: now + this.ttlMs });
    decision.catch(() => {
      if (this.entries.peek(principal)?.decision === decision) {
        this.entries.delete(principal);
      }
    });
    return decision;
  }
}
