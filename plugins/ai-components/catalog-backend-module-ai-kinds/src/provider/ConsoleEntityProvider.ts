import { createHash } from 'node:crypto';
import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';

/** What every console entity provider needs from the backend. @public */
export interface ConsoleEntityProviderDeps {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
  taskRunner: SchedulerServiceTaskRunner;
  fetch?: typeof fetch;
  /** Defaults to Date.now (tests move time). */
  now?: () => number;
}

/**
 * How often the catalog is given the full set, whatever changed. Between
 * those, only what changed is handed over (a delta mutation). The full set
 * repairs what deltas cannot see: an entity unregistered through the catalog's
 * API, or one the catalog failed to store (it logs those and goes on). At
 * 20,000 entities a full mutation costs the catalog about 600 ms of CPU
 * (hashing and comparing every entity), so it is not done every few minutes.
 */
const FULL_MUTATION_EVERY_MS = 60 * 60_000;

/** Which plugin a console entity provider reads, and how it names itself. @public */
export interface ConsoleEntitySource {
  /** The plugin that serves `GET /catalog-entities`, e.g. `ai-components`. */
  pluginId: string;
  /** The provider's name, e.g. `ai-components-console`. */
  providerName: string;
  /** The location key and `managed-by-location` of provided entities. */
  locationKey: string;
  /** What the entities are, for log messages, e.g. `AI components`. */
  description: string;
}

/**
 * Provides what a plugin holds outside the catalog (what users created in the
 * console) as catalog entities: it pages through the plugin's
 * `/catalog-entities` with a service token. The first read, and one every
 * {@link FULL_MUTATION_EVERY_MS}, replaces its entities with what it read (a
 * full mutation). In between it keeps a digest of each entity it handed over
 * and gives the catalog only the entities whose digest changed and the
 * references of those that are gone (a delta mutation), or nothing when none
 * did: the catalog's full mutation hashes and compares every entity, which
 * with tens of thousands of them is the costly part. When the plugin tags its
 * answers (`ETag`), the first page is asked with `If-None-Match`, and a 304
 * ends the read there: neither side reads or serializes the entities while
 * nothing changed.
 *
 * @public
 */
export class ConsoleEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private applied?: {
    /** When the last full mutation was applied. */
    fullAt: number;
    etag?: string;
    /** Digest of each entity the catalog was given, by entity reference. */
    digests: Map<string, string>;
  };

  constructor(
    private readonly source: ConsoleEntitySource,
    private readonly options: ConsoleEntityProviderDeps,
  ) {}

  getProviderName(): string {
    return this.source.providerName;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.warn(
            `Could not read ${this.source.description} from the console: ${error}`,
          );
        }
      },
    });
  }

  /**
   * Gives the catalog what the plugin holds now (all of it, or what changed
   * since the last read) and returns how many entities that is.
   */
  async refresh(): Promise<number> {
    if (!this.connection) {
      throw new Error(`${this.getProviderName()} is not connected`);
    }
    const { discovery, auth } = this.options;
    const { pluginId, locationKey } = this.source;
    const doFetch = this.options.fetch ?? fetch;
    const baseUrl = await discovery.getBaseUrl(pluginId);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    const now = (this.options.now ?? Date.now)();
    const last =
      this.applied && now - this.applied.fullAt < FULL_MUTATION_EVERY_MS
        ? this.applied
        : undefined;
    // Every entity for a full mutation, only the changed ones for a delta.
    const given: Entity[] = [];
    const digests = new Map<string, string>();
    let etag: string | undefined;
    let after: string | undefined;
    do {
      const url = new URL(`${baseUrl}/catalog-entities`);
      url.searchParams.set('limit', '500');
      if (after) url.searchParams.set('after', after);
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
      };
      if (!after && last?.etag) headers['if-none-match'] = last.etag;
      const response = await doFetch(url, { headers });
      if (response.status === 304 && last) {
        return last.digests.size;
      }
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      if (!after) etag = response.headers.get('etag') ?? undefined;
      const page = (await response.json()) as {
        items: Entity[];
        nextAfter?: string;
      };
      for (const entity of page.items) {
        const ref = stringifyEntityRef(entity);
        const digest = createHash('sha256')
          .update(JSON.stringify(entity))
          .digest('base64');
        digests.set(ref, digest);
        if (last?.digests.get(ref) !== digest) given.push(entity);
      }
      after = page.nextAfter;
    } while (after);
    const deferred = given.map(entity => ({ entity, locationKey }));
    if (!last) {
      await this.connection.applyMutation({ type: 'full', entities: deferred });
      this.applied = { fullAt: now, etag, digests };
      return digests.size;
    }
    const removed = [...last.digests.keys()].filter(ref => !digests.has(ref));
    if (deferred.length > 0 || removed.length > 0) {
      await this.connection.applyMutation({
        type: 'delta',
        added: deferred,
        removed: removed.map(entityRef => ({ entityRef, locationKey })),
      });
    }
    // A new tag alone (the plugin restarted, say) is kept for next time.
    this.applied = { fullAt: last.fullAt, etag, digests };
    return digests.size;
  }
}
