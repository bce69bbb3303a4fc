import {
  AuthService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { HumanDuration } from '@backstage/types';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { validateWorkflowDocument } from '@ai-ops/plugin-workflows-common';
import { WorkflowKey, WorkflowStore } from '../database/types';
import {
  CONSOLE_LOCATION,
  entitySourceLocation,
  entityToDocument,
  isConsoleEntity,
} from './catalogEntities';
import { toStoredDocument, withEntityRefIssues } from './documentInput';

const keyString = (k: WorkflowKey) => `${k.namespace}/${k.name}`;

const FREQUENCY_KEY = 'aiWorkflows.catalogSyncFrequency';

/** `aiWorkflows.catalogSyncFrequency`, by default 30 seconds. */
export function readSyncFrequency(config: RootConfigService): HumanDuration {
  const frequency = config.getOptionalConfig(FREQUENCY_KEY);
  if (!frequency) return { seconds: 30 };
  const minutes = frequency.getOptionalNumber('minutes');
  const seconds = frequency.getOptionalNumber('seconds');
  if (!minutes && !seconds) {
    throw new Error(
      `${FREQUENCY_KEY} needs a positive number of seconds or minutes`,
    );
  }
  return { minutes, seconds };
}

/**
 * Mirrors AIWorkflow entities that come from catalog-info.yaml files into
 * the store as read-only workflows (source `catalog`), on a schedule: new
 * ones are created, changed ones get a new version, vanished ones are
 * removed. Only the structure of their documents is checked (component refs
 * are the catalog's business); a structurally invalid one is skipped with a
 * warning.
 *
 * @internal
 */
export class CatalogWorkflowSync {
  static async start(options: {
    store: WorkflowStore;
    catalog: CatalogService;
    auth: AuthService;
    scheduler: SchedulerService;
    logger: LoggerService;
    config: RootConfigService;
  }): Promise<CatalogWorkflowSync> {
    const sync = new CatalogWorkflowSync(options);
    await options.scheduler.scheduleTask({
      id: 'workflows-catalog-sync',
      frequency: readSyncFrequency(options.config),
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
      store: WorkflowStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  private async *catalogWorkflows(): AsyncGenerator<Entity> {
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
                  { kind: 'AIWorkflow' },
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
  async run(): Promise<{
    created: number;
    updated: number;
    deleted: number;
    skipped: number;
  }> {
    const { store, logger } = this.options;
    const seen = new Set<string>();
    let created = 0;
    let updated = 0;
    let skipped = 0;
    for await (const entity of this.catalogWorkflows()) {
      if (isConsoleEntity(entity)) continue;
      const key = {
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
      };
      const sourceLocation = entitySourceLocation(entity);
      // Seen even when invalid: a broken edit keeps the last good version.
      seen.add(keyString(key));
      try {
        const outcome = await this.mirror(entity, key, sourceLocation);
        if (outcome === 'created') created++;
        if (outcome === 'updated') updated++;
        if (outcome === 'skipped') skipped++;
      } catch (error) {
        logger.warn(
          `Could not mirror AIWorkflow ${keyString(
            key,
          )} from ${sourceLocation}: ${error}`,
        );
        skipped++;
      }
    }
    let deleted = 0;
    for (const key of await store.listKeys('catalog')) {
      if (!seen.has(keyString(key)) && (await store.delete(key))) deleted++;
    }
    if (created || updated || deleted) {
      logger.info(
        `Mirrored catalog AI workflows: ${created} new, ${updated} changed, ${deleted} removed`,
      );
    }
    return { created, updated, deleted, skipped };
  }

  private async mirror(
    entity: Entity,
    key: WorkflowKey,
    sourceLocation: string | undefined,
  ): Promise<'created' | 'updated' | 'unchanged' | 'skipped'> {
    const { store, logger } = this.options;
    const existing = await store.get(key);
    if (existing?.source === 'console') {
      logger.warn(
        `AIWorkflow ${keyString(
          key,
        )} from ${sourceLocation} has the name of a workflow created in the console; the console's wins`,
      );
      return 'skipped';
    }
    const raw = entityToDocument(entity);
    const { issues, document } = withEntityRefIssues(
      raw,
      validateWorkflowDocument(raw),
    );
    const errors = issues.filter(i => i.severity === 'error');
    if (errors.length || !document) {
      logger.warn(
        `Skipped AIWorkflow ${keyString(key)} from ${sourceLocation}: ${errors
          .map(e => e.message)
          .join('; ')}`,
      );
      return 'skipped';
    }
    const version = { document: toStoredDocument(document, key) };
    if (!existing) {
      await store.create(key, version, {
        source: 'catalog',
        sourceLocation,
        actor: 'catalog',
      });
      return 'created';
    }
    const { changed } = await store.addVersion(key, version, {
      sourceLocation,
      actor: 'catalog',
    });
    return changed ? 'updated' : 'unchanged';
  }
}
