import { createHash } from 'node:crypto';
import {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
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
 * How long an unchanged read may skip the catalog mutation: at least this
 * often the catalog is given the full set again, whatever happened to it.
 */
const FULL_MUTATION_EVERY_MS = 10 * 60_000;

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
 * `/catalog-entities` with a service token and replaces its entities with
 * what it read (a full mutation), so deletions reach the catalog too.
 * When what it read is byte for byte what it gave the catalog last time, it
 * leaves the catalog alone (the catalog's full mutation compares every entity,
 * which with tens of thousands of them is the costly part), except every
 * {@link FULL_MUTATION_EVERY_MS}. When the plugin tags its answers (`ETag`),
 * the first page is asked with `If-None-Match`, and a 304 ends the read there:
 * neither side reads or serializes the entities while nothing changed.
 *
 * @public
 */
export class ConsoleEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private applied?: {
    digest: string;
    at: number;
    etag?: string;
    count: number;
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

  /** Replaces the provided entities with what the plugin holds now. */
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
    const fresh =
      this.applied && now - this.applied.at < FULL_MUTATION_EVERY_MS
        ? this.applied
        : undefined;
    const entities: Entity[] = [];
    const digest = createHash('sha256');
    let etag: string | undefined;
    let after: string | undefined;
    do {
      const url = new URL(`${baseUrl}/catalog-entities`);
      url.searchParams.set('limit', '500');
      if (after) url.searchParams.set('after', after);
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
      };
      if (!after && fresh?.etag) headers['if-none-match'] = fresh.etag;
      const response = await doFetch(url, { headers });
      if (response.status === 304 && fresh) {
        return fresh.count;
      }
      if (!response.ok) {
        throw await ResponseError.fromResponse(response);
      }
      if (!after) etag = response.headers.get('etag') ?? undefined;
      const text = await response.text();
      digest.update(text);
      const page = JSON.parse(text) as {
        items: Entity[];
        nextAfter?: string;
      };
      entities.push(...page.items);
      after = page.nextAfter;
    } while (after);
    const read = digest.digest('hex');
    if (fresh?.digest === read) {
      // Unchanged; a new tag (the plugin restarted, say) is kept for next time.
      this.applied = { ...fresh, etag };
      return entities.length;
    }
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey })),
    });
    this.applied = { digest: read, at: now, etag, count: entities.length };
    return entities.length;
  }
}
