import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseComponentStore } from './DatabaseComponentStore';
import { ComponentInput } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const input = (overrides: Partial<ComponentInput> = {}): ComponentInput => ({
  title: 'GPT-4o mini',
  description: 'A small chat model',
  type: 'model',
  owner: 'group:default/team-a',
  lifecycle: 'production',
  tags: ['openai', 'chat'],
  spec: {
    runtime: { type: 'openai-chat', config: { model: 'gpt-4o-mini' } },
    inputSchema: { type: 'object' },
    outputSchema: { type: 'object' },
  },
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'DatabaseComponentStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      return DatabaseComponentStore.create({
        database: mockServices.database({ knex }),
      });
    }

    it('creates components with a first version and refuses a taken name', async () => {
      const store = await createStore();
      const key = { namespace: 'default', name: 'gpt-4o-mini' };
      const created = await store.create(key, input(), {
        actor: 'user:default/alice',
        source: 'console',
      });
      expect(created).toMatchObject({
        name: 'gpt-4o-mini',
        latestRevision: 1,
        version: '1',
        owner: 'group:default/team-a',
        tags: ['openai', 'chat'],
        createdBy: 'user:default/alice',
        spec: { runtime: { type: 'openai-chat' } },
      });
      expect(Date.parse(created.createdAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      await expect(
        store.create(key, input(), { source: 'console' }),
      ).rejects.toThrow(/already exists/);
      expect((await store.listVersions(key))!.map(v => v.revision)).toEqual([
        1,
      ]);
    });

    it('writes immutable versions and none when nothing changed', async () => {
      const store = await createStore();
      const key = { namespace: 'default', name: 'prompt' };
      await store.create(key, input(), { source: 'console' });
      const unchanged = await store.update(
        key,
        input({ changeNote: 'no-op' }),
        {},
      );
      expect(unchanged.changed).toBe(false);
      expect(unchanged.component.latestRevision).toBe(1);

      const changed = await store.update(
        key,
        input({
          version: '2.0.0',
          changeNote: 'bigger model',
          spec: {
            ...input().spec,
            runtime: { type: 'openai-chat', config: { model: 'gpt-4o' } },
          },
        }),
        { actor: 'user:default/bob' },
      );
      expect(changed.changed).toBe(true);
      expect(changed.component).toMatchObject({
        latestRevision: 2,
        version: '2.0.0',
      });

      const versions = await store.listVersions(key);
      expect(versions!.map(v => [v.revision, v.version, v.changeNote])).toEqual(
        [
          [2, '2.0.0', 'bigger model'],
          [1, '1', undefined],
        ],
      );
      const first = await store.getVersion(key, 1);
      expect(first!.spec.runtime.config).toEqual({ model: 'gpt-4o-mini' });
      expect(first!.contentHash).not.toEqual(versions![0].contentHash);
      expect(await store.getVersion(key, 3)).toBeUndefined();
    });

    it('filters by type, owner, tag, lifecycle, text and permission, and pages by cursor', async () => {
      const store = await createStore();
      const make = (name: string, o: Partial<ComponentInput>) =>
        store.create({ namespace: 'default', name }, input(o), {
          source: 'console',
        });
      await make('alpha-model', { tags: ['openai'] });
      await make('beta-prompt', {
        type: 'prompt',
        tags: ['support'],
        description: 'Ticket triage',
      });
      await make('gamma-tool', {
        type: 'tool',
        owner: 'group:default/team-b',
        tags: ['http'],
      });
      await make('delta-eval', {
        type: 'evaluator',
        lifecycle: 'experimental',
        owner: 'group:default/team-b',
        tags: [],
      });

      const names = async (
        filter: object,
        sort: 'name' | 'createdAt' = 'name',
      ) =>
        (await store.list({ filter, sort, order: 'asc', limit: 50 })).items.map(
          i => i.name,
        );

      expect(await names({ types: ['prompt', 'tool'] })).toEqual([
        'beta-prompt',
        'gamma-tool',
      ]);
      expect(await names({ owners: ['group:default/team-b'] })).toEqual([
        'delta-eval',
        'gamma-tool',
      ]);
      expect(await names({ tags: ['support', 'http'] })).toEqual([
        'beta-prompt',
        'gamma-tool',
      ]);
      expect(await names({ lifecycles: ['experimental'] })).toEqual([
        'delta-eval',
      ]);
      expect(await names({ q: 'TICKET triage' })).toEqual(['beta-prompt']);
      expect(await names({ q: '100%_' })).toEqual([]);
      expect(
        await names({
          permission: {
            anyOf: [
              { ownerRefs: ['group:default/team-a'] },
              { ownerRefs: ['user:default/nobody'] },
            ],
          },
        }),
      ).toEqual(['alpha-model', 'beta-prompt']);
      expect(
        await names({
          permission: { not: { ownerRefs: ['group:default/team-a'] } },
        }),
      ).toEqual(['delta-eval', 'gamma-tool']);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({
          filter: {},
          sort: 'name',
          order: 'desc',
          limit: 3,
          cursor,
        });
        expect(page.totalItems).toBe(4);
        seen.push(...page.items.map(i => i.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([
        'gamma-tool',
        'delta-eval',
        'beta-prompt',
        'alpha-model',
      ]);

      const byCreation: string[] = [];
      cursor = undefined;
      do {
        const page = await store.list({
          filter: {},
          sort: 'createdAt',
          order: 'asc',
          limit: 1,
          cursor,
        });
        byCreation.push(...page.items.map(i => i.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(byCreation.sort()).toEqual([
        'alpha-model',
        'beta-prompt',
        'delta-eval',
        'gamma-tool',
      ]);

      const facets = await store.facets({ owners: ['group:default/team-b'] });
      expect(facets.type).toEqual([
        { value: 'evaluator', count: 1 },
        { value: 'tool', count: 1 },
      ]);
      expect(facets.tag).toEqual([{ value: 'http', count: 1 }]);
    });

    it('rejects a cursor it did not issue', async () => {
      const store = await createStore();
      await expect(
        store.list({
          filter: {},
          sort: 'name',
          order: 'asc',
          limit: 5,
          cursor: 'bm90LWEtY3Vyc29y',
        }),
      ).rejects.toThrow(/cursor/);
    });

    it('gives the exported set a version that moves with every change to it', async () => {
      const store = await createStore();
      const a = { namespace: 'default', name: 'a' };
      const b = { namespace: 'default', name: 'b' };
      const seen = [await store.exportVersion('console')];
      await store.create(a, input(), { source: 'console' });
      seen.push(await store.exportVersion('console'));
      // Another source's component and a no-op update leave it alone.
      await store.create(b, input(), { source: 'catalog' });
      await store.update(a, input({ changeNote: 'no-op' }), {});
      expect(await store.exportVersion('console')).toBe(seen[1]);
      await store.update(a, input({ version: '2.0.0' }), {});
      seen.push(await store.exportVersion('console'));
      await store.delete(a);
      seen.push(await store.exportVersion('console'));
      // Empty again after the deletion: the empty set's version; every
      // other state its own.
      expect(seen[3]).toBe(seen[0]);
      expect(new Set(seen).size).toBe(3);
    });

    it('deletes with all versions, reports owners, lists keys and exports pages', async () => {
      const store = await createStore();
      const a = { namespace: 'default', name: 'a' };
      const b = { namespace: 'default', name: 'b' };
      await store.create(a, input(), { source: 'console' });
      await store.create(b, input({ owner: 'group:default/team-b' }), {
        source: 'catalog',
        sourceLocation: 'https://git.example/repo/catalog-info.yaml',
      });
      expect(
        await store.getOwners([b, { namespace: 'default', name: 'zzz' }, a]),
      ).toEqual(['group:default/team-b', undefined, 'group:default/team-a']);
      expect(await store.listKeys('catalog')).toEqual([b]);
      const exported = await store.exportPage({ source: 'console', limit: 10 });
      expect(exported.items.map(c => [c.name, c.spec.runtime.type])).toEqual([
        ['a', 'openai-chat'],
      ]);
      expect((await store.get(b))!.sourceLocation).toBe(
        'https://git.example/repo/catalog-info.yaml',
      );

      expect(await store.delete(a)).toBe(true);
      expect(await store.delete(a)).toBe(false);
      expect(await store.get(a)).toBeUndefined();
      expect(await store.listVersions(a)).toBeUndefined();
    });
  },
);
