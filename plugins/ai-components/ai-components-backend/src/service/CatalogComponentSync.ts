import {
  AuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ComponentKey, ComponentStore } from '../database/types';
import {
  CONSOLE_LOCATION,
  entitySourceLocation,
  entityToInput,
  isConsoleEntity,
} from './catalogEntities';

const keyString = (k: ComponentKey) => `${k.namespace}/${k.name}`;

/**
 * Mirrors AIComponent entities that come from catalog-info.yaml files into
 * the registry as read-only components (source `catalog`), on a schedule
 * shorter than the catalog's refresh: new ones are created, changed ones get
 * a new version, vanished ones are removed.
 *
 * @internal
 */
export class CatalogComponentSync {
  static async start(options: {
    store: ComponentStore;
    catalog: CatalogService;
    auth: AuthService;
    scheduler: SchedulerService;
    logger: LoggerService;
    config: RootConfigService;
  }): Promise<CatalogComponentSync> {
    const sync = new CatalogComponentSync(options);
    const key = 'aiComponents.catalogSyncFrequency';
    const frequency = options.config.has(key)
      ? readDurationFromConfig(options.config, { key })
      : { seconds: 30 };
    await options.scheduler.scheduleTask({
      id: 'ai-components-catalog-sync',
      frequency,
      timeout: { minutes: 5 },
      initialDelay: { seconds: 3 },
      fn: async () => {
        await sync.run();
      },
    });
    return sync;
  }

  constructor(
    private readonly options: {
      store: ComponentStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  private async *catalogComponents(): AsyncGenerator<Entity> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : {
              // Not the console's own entities, which can be tens of
              // thousands: the mirror would read them only to skip them.
              query: {
                $all: [
                  { kind: 'AIComponent' },
                  {
                    $not: {
                      'metadata.annotations.backstage.io/managed-by-location':
                        CONSOLE_LOCATION,
                    },
                  },
                ],
              },
              limit: 500,
            },
        { credentials },
      );
      yield* page.items;
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
  }

  /** One pass; returns what it did, for logs and tests. */
  async run(): Promise<{ created: number; updated: number; deleted: number }> {
    const { store, logger } = this.options;
    const seen = new Set<string>();
    let created = 0;
    let updated = 0;
    for await (const entity of this.catalogComponents()) {
      if (isConsoleEntity(entity)) continue;
      const key = {
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      };
      seen.add(keyString(key));
      const existing = await store.get(key);
      if (existing?.source === 'console') {
        logger.warn(
          `AIComponent ${keyString(key)} from ${entitySourceLocation(
            entity,
          )} has the name of a component created in the console; the console's wins`,
        );
        continue;
      }
      const input = entityToInput(entity);
      const sourceLocation = entitySourceLocation(entity);
      if (!existing) {
        await store.create(key, input, {
          source: 'catalog',
          sourceLocation,
          actor: 'catalog',
        });
        created++;
      } else if (
        (await store.update(key, input, { sourceLocation, actor: 'catalog' }))
          .changed
      ) {
        updated++;
      }
    }
    let deleted = 0;
    for (const key of await store.listKeys('catalog')) {
      if (!seen.has(keyString(key)) && (await store.delete(key))) deleted++;
    }
    if (created || updated || deleted) {
      logger.info(
        `Mirrored catalog AI components: ${created} new, ${updated} changed, ${deleted} removed`,
      );
    }
    return { created, updated, deleted };
  }
}
