import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { aiComponentReadPermission } from '@ai-ops/plugin-ai-components-common';
import { workflowReadPermission } from '@ai-ops/plugin-workflows-common';
import { recommendationReadPermission } from '@ai-ops/plugin-recommendations-common';

/**
 * What a caller may do with recommendations, decided without a resource:
 * whether it may use them at all, and whether it may read every component
 * (or workflow), none, or only some (CONDITIONAL: then each result is
 * checked on its own, never from here).
 *
 * @internal
 */
export interface Decisions {
  read: AuthorizeResult;
  component: AuthorizeResult;
  workflow: AuthorizeResult;
}

type Entry = {
  /** When the decisions were asked for; they are served until decidedAt + ttl. */
  decidedAt: number;
  decisions: Promise<Decisions>;
  /** A renewal is in flight. */
  renewing?: boolean;
};

/** Entries kept before expired ones are swept. */
const SWEEP_AT = 10_000;

/**
 * How long before its decisions expire a steady caller's renewal starts: a
 * second (an RBAC round trip takes tens of milliseconds, hundreds under
 * load), or half the time to live when that is shorter.
 */
const RENEW_AHEAD_MS = 1_000;

/**
 * The caller's {@link Decisions}, asked of the permission backend as two
 * concurrent calls (one basic, one conditional for both kinds) and kept per
 * principal for a short time. Type-ahead search and a page of cards ask many
 * times a second for the same user; each ask would otherwise be an RBAC
 * round trip of tens of milliseconds.
 *
 * What the cache keeps is only the resource-less decision; a conditional
 * decision (such as "owned by me") is still evaluated result by result on
 * every request. A role or group change reaches recommendations within
 * `ttlMs` (0 disables the cache). Failed asks are not kept.
 *
 * A caller who keeps asking never waits for the permission backend: in the
 * last second of `ttlMs` (the last half, when `ttlMs` is shorter than two
 * seconds) a request still gets the kept decisions and starts a renewal in
 * the background, which replaces them when it answers. Renewing late rather
 * than at half-life asks RBAC less often (every 4 s instead of every 2.5 s
 * at the default 5 s, for a caller who keeps asking); RBAC decisions are the
 * heaviest work the permission backend does between requests. No decision is
 * served more than `ttlMs` after it was asked for.
 *
 * @internal
 */
export class CallerDecisions {
  private readonly entries = new Map<string, Entry>();

  /** How long after its ask an entry's renewal starts. */
  private readonly renewAfterMs: number;

  constructor(
    private readonly permissions: PermissionsService,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.renewAfterMs = ttlMs - Math.min(ttlMs / 2, RENEW_AHEAD_MS);
  }

  of(credentials: BackstageCredentials): Promise<Decisions> {
    const key = principalKey(credentials);
    if (!key || this.ttlMs <= 0) return this.ask(credentials);
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && now < hit.decidedAt + this.ttlMs) {
      if (!hit.renewing && now >= hit.decidedAt + this.renewAfterMs) {
        hit.renewing = true;
        this.keep(key, credentials, now).catch(() => {
          hit.renewing = false;
        });
      }
      return hit.decisions;
    }
    if (this.entries.size >= SWEEP_AT) this.sweep(now);
    return this.keep(key, credentials, now);
  }

  /** Asks, and keeps the answer once it is in (a failure is not kept). */
  private keep(
    key: string,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<Decisions> {
    const decisions = this.ask(credentials);
    const entry: Entry = { decidedAt: now, decisions };
    const current = this.entries.get(key);
    // A renewal replaces the served entry only once it has answered.
    if (!current || now >= current.decidedAt + this.ttlMs) {
      this.entries.set(key, entry);
    }
    decisions.then(
      () => {
        const served = this.entries.get(key);
        if (!served || served.decidedAt <= entry.decidedAt) {
          this.entries.set(key, entry);
        }
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return decisions;
  }

  private async ask(credentials: BackstageCredentials): Promise<Decisions> {
    const [[read], [component, workflow]] = await Promise.all([
      this.permissions.authorize(
        [{ permission: recommendationReadPermission }],
        {
          credentials,
        },
      ),
      this.permissions.authorizeConditional(
        [
          { permission: aiComponentReadPermission },
          { permission: workflowReadPermission },
        ],
        { credentials },
      ),
    ]);
    return {
      read: read.result,
      component: component.result,
      workflow: workflow.result,
    };
  }

  private sweep(now: number) {
    for (const [key, entry] of this.entries) {
      if (entry.decidedAt + this.ttlMs <= now) this.entries.delete(key);
    }
    // Still full of live entries: start over rather than grow without bound.
    if (this.entries.size >= SWEEP_AT) this.entries.clear();
  }
}

function principalKey(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}
