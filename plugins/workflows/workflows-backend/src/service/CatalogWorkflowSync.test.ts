import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseWorkflowStore } from '../database/DatabaseWorkflowStore';
import { CatalogWorkflowSync, readSyncFrequency } from './CatalogWorkflowSync';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const LOCATION = 'url:https://git.example.com/repo/catalog-info.yaml';

function entity(
  name: string,
  options: { location?: string; lifecycle?: string; steps?: JsonObject[] } = {},
): Entity {
  const location = options.location ?? LOCATION;
  return {
    apiVersion: 'ai-ops.dev/v1alpha1',
    kind: 'AIWorkflow',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      etag: `etag-${Math.random()}`,
      annotations: {
        'backstage.io/managed-by-location': location,
        'backstage.io/managed-by-origin-location': location,
      },
    },
    spec: {
      owner: 'team-a',
      lifecycle: options.lifecycle ?? 'production',
      steps: options.steps ?? [
        { id: 'only', component: 'unregistered-component' },
      ],
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/team-a' }],
  };
}

async function setup() {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseWorkflowStore.create({
    database: mockServices.database({ knex }),
  });
  const logger = mockServices.logger.mock();
  const sync = (entities: Entity[]) =>
    new CatalogWorkflowSync({
      store,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger,
    }).run();
  return { store, logger, sync };
}

const key = (name: string) => ({ namespace: 'default', name });

describe('CatalogWorkflowSync', () => {
  it("reads only catalog-info.yaml workflows from the catalog, never the console's own", async () => {
    const { store } = await setup();
    const entities = [
      entity('from-git'),
      ...Array.from({ length: 3 }, (_, i) =>
        entity(`console-${i}`, { location: 'workflows:console' }),
      ),
    ];
    const catalog = catalogServiceMock({ entities });
    const read: string[] = [];
    const query = catalog.queryEntities.bind(catalog);
    catalog.queryEntities = async (request, options) => {
      const page = await query(request, options);
      read.push(...page.items.map(e => e.metadata.name));
      return page;
    };
    const sync = new CatalogWorkflowSync({
      store,
      catalog,
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    expect(await sync.run()).toMatchObject({ created: 1 });
    expect(read).toEqual(['from-git']);
  });

  it('mirrors, updates and removes catalog workflows, skipping its own and invalid ones', async () => {
    const { store, logger, sync } = await setup();
    const first = await sync([
      entity('from-git'),
      entity('from-console', { location: 'workflows:console' }),
      entity('broken', { steps: [] }),
    ]);
    expect(first).toEqual({ created: 1, updated: 0, deleted: 0, skipped: 1 });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /Skipped AIWorkflow default\/broken from https:\/\/git.example.com\/repo\/catalog-info.yaml: .*at least one step/,
      ),
    );
    const mirrored = await store.get(key('from-git'));
    expect(mirrored).toMatchObject({
      source: 'catalog',
      sourceLocation: 'https://git.example.com/repo/catalog-info.yaml',
      owner: 'group:default/team-a',
      latestVersion: 1,
      componentRefs: ['aicomponent:default/unregistered-component'],
    });
    expect(mirrored!.document.metadata).toEqual({
      name: 'from-git',
      namespace: 'default',
    });
    expect(await store.get(key('from-console'))).toBeUndefined();

    // A new etag alone is no change; a new lifecycle is.
    expect(await sync([entity('from-git')])).toMatchObject({
      created: 0,
      updated: 0,
    });
    expect(
      await sync([entity('from-git', { lifecycle: 'deprecated' })]),
    ).toMatchObject({ updated: 1 });
    expect(await store.get(key('from-git'))).toMatchObject({
      latestVersion: 2,
      lifecycle: 'deprecated',
    });

    expect(await sync([])).toMatchObject({ deleted: 1 });
    expect(await store.get(key('from-git'))).toBeUndefined();
  });

  it('keeps a broken edit from removing the last good version', async () => {
    const { store, sync } = await setup();
    await sync([entity('from-git')]);
    expect(await sync([entity('from-git', { steps: [] })])).toMatchObject({
      deleted: 0,
      skipped: 1,
    });
    expect(await store.get(key('from-git'))).toMatchObject({
      latestVersion: 1,
    });
  });

  it('leaves a console workflow of the same name alone', async () => {
    const { store, logger, sync } = await setup();
    const document = {
      apiVersion: 'ai-ops.dev/v1alpha1' as const,
      kind: 'AIWorkflow' as const,
      metadata: { name: 'taken', namespace: 'default' },
      spec: {
        owner: 'group:default/team-b',
        lifecycle: 'experimental',
        steps: [{ id: 'x', component: 'aicomponent:default/c' }],
      },
    };
    await store.create(key('taken'), { document }, { source: 'console' });
    expect(await sync([entity('taken')])).toMatchObject({
      created: 0,
      skipped: 1,
      deleted: 0,
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/the console's wins/),
    );
    expect(await store.get(key('taken'))).toMatchObject({
      source: 'console',
      owner: 'group:default/team-b',
    });
  });

  it('reads the frequency from config', () => {
    expect(readSyncFrequency(mockServices.rootConfig())).toEqual({
      seconds: 30,
    });
    expect(
      readSyncFrequency(
        mockServices.rootConfig({
          data: { aiWorkflows: { catalogSyncFrequency: { minutes: 2 } } },
        }),
      ),
    ).toEqual({ minutes: 2, seconds: undefined });
    expect(() =>
      readSyncFrequency(
        mockServices.rootConfig({
          data: { aiWorkflows: { catalogSyncFrequency: {} } },
        }),
      ),
    ).toThrow(/aiWorkflows.catalogSyncFrequency/);
  });
});
