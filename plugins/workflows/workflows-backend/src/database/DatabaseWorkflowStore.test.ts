import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import {
  parseWorkflowYaml,
  stableStringify,
  WorkflowDocument,
} from '@ai-ops/plugin-workflows-common';
import { InputError, NotFoundError } from '@backstage/errors';
import { DatabaseWorkflowStore, TriggersChange } from './DatabaseWorkflowStore';
import { WorkflowKey, WorkflowTriggerInput } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** The first document of the examples file (support-triage). */
const example = parseWorkflowYaml(
  readFileSync(
    resolve(__dirname, '../../../../../examples/workflows.yaml'),
    'utf8',
  ).split(/^---$/m)[0],
) as WorkflowDocument;

const key = (name: string): WorkflowKey => ({ namespace: 'default', name });

/**
 * The example's spec under a new name, with only the metadata given (so that
 * free-text search sees nothing but the test's words) and spec overrides.
 */
function doc(
  name: string,
  overrides: {
    metadata?: Partial<WorkflowDocument['metadata']>;
    spec?: Partial<WorkflowDocument['spec']>;
  } = {},
): WorkflowDocument {
  const base: WorkflowDocument = JSON.parse(JSON.stringify(example));
  return {
    ...base,
    metadata: { name, ...overrides.metadata },
    spec: { ...base.spec, ...overrides.spec },
  };
}

/** The same value with the keys of every object in reverse order. */
const reverseKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
};

const oneStep = (component: string) => [{ id: 'only', component }];

describe.each(databases.eachSupportedId())(
  'DatabaseWorkflowStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseWorkflowStore.create({
        database: mockServices.database({ knex }),
      });
      return { store, knex };
    }

    it('creates version 1, denormalizes the document and refuses a taken name', async () => {
      const { store } = await createStore();
      const document = doc('support-triage', {
        metadata: { ...example.metadata, tags: ['support', 'triage'] },
      });
      const created = await store.create(
        key('support-triage'),
        { document, sourceYaml: 'kind: AIWorkflow\n', message: 'first' },
        { actor: 'user:default/alice', source: 'console' },
      );
      expect(created).toMatchObject({
        namespace: 'default',
        name: 'support-triage',
        title: 'Support ticket triage',
        owner: 'group:default/team-a',
        lifecycle: 'experimental',
        system: 'ai-ops-console',
        tags: ['support', 'triage'],
        source: 'console',
        latestVersion: 1,
        labels: {},
        stepCount: 4,
        componentRefs: [
          'aicomponent:default/gpt-4o-mini-chat',
          'aicomponent:default/label-exact-match',
          'aicomponent:default/support-agent',
          'aicomponent:default/ticket-classifier-prompt',
        ],
        createdBy: 'user:default/alice',
        updatedBy: 'user:default/alice',
        document,
      });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(created.createdAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      expect(await store.get(key('support-triage'))).toEqual(created);
      expect(await store.get(key('absent'))).toBeUndefined();

      const [first] = (await store.listVersions(key('support-triage')))!;
      expect(first).toMatchObject({
        version: 1,
        sourceYaml: 'kind: AIWorkflow\n',
        message: 'first',
        createdBy: 'user:default/alice',
        document,
      });
      expect(first.contentHash).toBe(
        `sha256:${createHash('sha256')
          .update(stableStringify(document))
          .digest('hex')}`,
      );
      expect(first.restoredFrom).toBeUndefined();

      await expect(
        store.create(
          key('support-triage'),
          { document },
          { source: 'console' },
        ),
      ).rejects.toMatchObject({ name: 'ConflictError' });
      expect(await store.listVersions(key('support-triage'))).toHaveLength(1);
    });

    it('gives the exported set a version that moves with every change to it', async () => {
      const { store } = await createStore();
      const seen = [await store.exportVersion('console')];
      await store.create(
        key('a'),
        { document: doc('a') },
        { source: 'console' },
      );
      seen.push(await store.exportVersion('console'));
      // Another source's workflow, a label and an unchanged version leave it.
      await store.create(
        key('b'),
        { document: doc('b') },
        { source: 'catalog' },
      );
      await store.setLabel(key('a'), 'production', 1, {});
      await store.addVersion(key('a'), { document: doc('a') }, {});
      expect(await store.exportVersion('console')).toBe(seen[1]);
      await store.addVersion(
        key('a'),
        { document: doc('a', { metadata: { title: 'Changed' } }) },
        {},
      );
      seen.push(await store.exportVersion('console'));
      await store.delete(key('a'));
      seen.push(await store.exportVersion('console'));
      expect(seen[3]).toBe(seen[0]);
      expect(new Set(seen).size).toBe(3);
    });

    it('adds immutable versions, and none when the content is unchanged', async () => {
      const { store } = await createStore();
      const k = key('flow');
      const document = doc('flow');
      await store.create(k, { document }, { source: 'console' });

      // Key order does not matter: the hash is over the canonical JSON.
      const reordered = reverseKeys(document) as WorkflowDocument;
      expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(document));
      const unchanged = await store.addVersion(
        k,
        { document: reordered, message: 'no-op' },
        { actor: 'user:default/bob' },
      );
      expect(unchanged.changed).toBe(false);
      expect(unchanged.workflow.latestVersion).toBe(1);
      expect(unchanged.workflow.updatedBy).toBeUndefined();
      expect(await store.listVersions(k)).toHaveLength(1);

      const second = doc('flow', {
        metadata: { title: 'Second', tags: ['beta'] },
        spec: {
          owner: 'group:default/team-b',
          lifecycle: 'production',
          steps: oneStep('aicomponent:default/other'),
        },
      });
      const changed = await store.addVersion(
        k,
        { document: second, message: 'rewrite' },
        {
          actor: 'user:default/bob',
          sourceLocation: 'url:https://git.example/flow.yaml',
        },
      );
      expect(changed.changed).toBe(true);
      expect(changed.workflow).toMatchObject({
        latestVersion: 2,
        title: 'Second',
        owner: 'group:default/team-b',
        lifecycle: 'production',
        tags: ['beta'],
        stepCount: 1,
        componentRefs: ['aicomponent:default/other'],
        sourceLocation: 'url:https://git.example/flow.yaml',
        updatedBy: 'user:default/bob',
        document: second,
      });

      const restored = await store.addVersion(
        k,
        { document, message: 'restore', restoredFrom: 1 },
        {},
      );
      expect(restored.workflow.latestVersion).toBe(3);
      await expect(
        store.addVersion(k, { document: second, restoredFrom: 9 }, {}),
      ).rejects.toMatchObject({ name: 'InputError' });

      const versions = (await store.listVersions(k))!;
      expect(versions.map(v => [v.version, v.message, v.restoredFrom])).toEqual(
        [
          [3, 'restore', 1],
          [2, 'rewrite', undefined],
          [1, undefined, undefined],
        ],
      );
      // Equal documents hash equally, different ones do not.
      expect(versions[2].contentHash).toBe(versions[0].contentHash);
      expect(versions[1].contentHash).not.toBe(versions[0].contentHash);
      expect((await store.getVersion(k, 2))!.document).toEqual(second);
      expect(await store.getVersion(k, 4)).toBeUndefined();
      expect(await store.getVersion(key('absent'), 1)).toBeUndefined();
      expect(await store.listVersions(key('absent'))).toBeUndefined();

      await expect(
        store.addVersion(key('absent'), { document }, {}),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
    });

    it('numbers concurrent versions of one workflow one after another', async () => {
      const { store } = await createStore();
      const k = key('busy');
      await store.create(k, { document: doc('busy') }, { source: 'console' });
      const results = await Promise.all(
        ['a', 'b', 'c', 'd'].map(title =>
          store.addVersion(
            k,
            { document: doc('busy', { metadata: { title } }) },
            {},
          ),
        ),
      );
      expect(results.every(r => r.changed)).toBe(true);
      const versions = (await store.listVersions(k))!;
      expect(versions.map(v => v.version)).toEqual([5, 4, 3, 2, 1]);
      expect((await store.get(k))!.latestVersion).toBe(5);
      expect(new Set(versions.map(v => v.document.metadata.title)).size).toBe(
        5,
      );
    });

    it('hashes a document the same in every store and on every call', async () => {
      const { store } = await createStore();
      await store.create(
        key('a'),
        { document: doc('same') },
        { source: 'console' },
      );
      await store.create(
        key('b'),
        { document: doc('same') },
        { source: 'console' },
      );
      const [a] = (await store.listVersions(key('a')))!;
      const [b] = (await store.listVersions(key('b')))!;
      expect(a.contentHash).toBe(b.contentHash);
    });

    it('filters in SQL by every filter and by permission criteria', async () => {
      const { store } = await createStore();
      const make = async (
        name: string,
        overrides: Parameters<typeof doc>[1],
        source: 'console' | 'catalog' = 'console',
      ) =>
        store.create(
          key(name),
          { document: doc(name, overrides) },
          {
            source,
          },
        );
      await make('alpha', {
        metadata: { tags: ['openai'], description: 'Ticket triage' },
        spec: { steps: oneStep('aicomponent:default/gpt') },
      });
      await make('beta', {
        metadata: { title: 'Beta 100% done', tags: ['support'] },
        spec: { owner: 'group:default/Team-B' },
      });
      await make(
        'gamma_x',
        {
          metadata: { tags: ['support', 'http'] },
          spec: {
            owner: 'group:default/team-b',
            lifecycle: 'production',
            steps: oneStep('aicomponent:default/gpt'),
          },
        },
        'catalog',
      );
      await make('gammaxx', {
        metadata: { tags: [] },
        spec: { owner: 'user:default/carol' },
      });
      await store.setLabel(key('beta'), 'production', 1, {});
      await store.setLabel(key('gammaxx'), 'canary', 1, {});

      const names = async (filter: object) =>
        (
          await store.list({ filter, sort: 'name', order: 'asc', limit: 50 })
        ).items.map(i => i.name);

      expect(await names({})).toEqual(['alpha', 'beta', 'gamma_x', 'gammaxx']);
      expect(await names({ owners: ['group:default/team-b'] })).toEqual([
        'beta',
        'gamma_x',
      ]);
      expect(await names({ lifecycles: ['production'] })).toEqual(['gamma_x']);
      expect(await names({ tags: ['support', 'openai'] })).toEqual([
        'alpha',
        'beta',
        'gamma_x',
      ]);
      expect(await names({ tags: ['nope'] })).toEqual([]);
      expect(await names({ sources: ['catalog'] })).toEqual(['gamma_x']);
      expect(await names({ component: 'aicomponent:default/GPT' })).toEqual([
        'alpha',
        'gamma_x',
      ]);
      expect(await names({ label: 'production' })).toEqual(['beta']);
      expect(await names({ q: 'TICKET  triage' })).toEqual(['alpha']);
      expect(await names({ q: 'http' })).toEqual(['gamma_x']);
      expect(await names({ q: '100%' })).toEqual(['beta']);
      expect(await names({ q: '%' })).toEqual(['beta']);
      expect(await names({ q: 'gamma_' })).toEqual(['gamma_x']);
      expect(await names({ q: 'support http' })).toEqual(['gamma_x']);
      expect(await names({ q: 'support triage' })).toEqual([]);
      expect(
        await names({ sources: ['console'], tags: ['support'], q: 'beta' }),
      ).toEqual(['beta']);

      const teamA = { ownerRefs: ['group:default/team-a'] };
      const teamB = { ownerRefs: ['group:default/TEAM-B'] };
      expect(await names({ permission: teamB })).toEqual(['beta', 'gamma_x']);
      expect(await names({ permission: { anyOf: [teamA, teamB] } })).toEqual([
        'alpha',
        'beta',
        'gamma_x',
      ]);
      expect(
        await names({
          permission: {
            allOf: [{ anyOf: [teamA, teamB] }, { not: teamA }],
          },
        }),
      ).toEqual(['beta', 'gamma_x']);
      expect(await names({ permission: { not: teamB } })).toEqual([
        'alpha',
        'gammaxx',
      ]);
      expect(await names({ permission: { ownerRefs: [] } })).toEqual([]);
      expect(
        await names({ permission: teamB, lifecycles: ['experimental'] }),
      ).toEqual(['beta']);

      const page = await store.list({
        filter: { label: 'canary' },
        sort: 'name',
        order: 'asc',
        limit: 10,
      });
      expect(page.totalItems).toBe(1);
      expect(page.items[0]).toMatchObject({
        name: 'gammaxx',
        labels: { canary: 1 },
        owner: 'user:default/carol',
        componentRefs: [
          'aicomponent:default/gpt-4o-mini-chat',
          'aicomponent:default/label-exact-match',
          'aicomponent:default/support-agent',
          'aicomponent:default/ticket-classifier-prompt',
        ],
      });
      expect(page.items[0]).not.toHaveProperty('document');
    });

    it('pages with a keyset cursor and counts every match on every page', async () => {
      const { store, knex } = await createStore();
      const names = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'];
      for (const name of names) {
        await store.create(
          key(name),
          {
            document: doc(name, {
              metadata: { tags: name === 'n7' ? ['odd'] : ['all'] },
            }),
          },
          { source: 'console' },
        );
      }
      // Equal timestamps for n2..n4 so that the id breaks ties.
      const tie = new Date('2020-01-01T00:00:00.000Z');
      await knex('workflows')
        .whereIn('name', ['n2', 'n3', 'n4'])
        .update({ created_at: tie, updated_at: tie });

      const collect = async (
        sort: 'name' | 'updatedAt' | 'createdAt',
        order: 'asc' | 'desc',
        filter: object = {},
        expectedTotal = names.length,
      ) => {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await store.list({
            filter,
            sort,
            order,
            limit: 2,
            cursor,
          });
          expect(page.totalItems).toBe(expectedTotal);
          expect(page.items.length).toBeLessThanOrEqual(2);
          seen.push(...page.items.map(i => i.name));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor);
        return { seen, pages };
      };

      expect(await collect('name', 'asc')).toEqual({ seen: names, pages: 4 });
      expect((await collect('name', 'desc')).seen).toEqual(
        [...names].reverse(),
      );
      for (const sort of ['createdAt', 'updatedAt'] as const) {
        const asc = (await collect(sort, 'asc')).seen;
        const desc = (await collect(sort, 'desc')).seen;
        expect([...asc].sort()).toEqual(names);
        expect(desc).toEqual([...asc].reverse());
        expect(asc.slice(0, 3).sort()).toEqual(['n2', 'n3', 'n4']);
      }
      expect(
        (await collect('name', 'desc', { tags: ['all'] }, 6)).seen,
      ).toEqual(['n6', 'n5', 'n4', 'n3', 'n2', 'n1']);

      const empty = await store.list({
        filter: { tags: ['none'] },
        sort: 'name',
        order: 'asc',
        limit: 2,
      });
      expect(empty).toEqual({
        items: [],
        totalItems: 0,
        nextCursor: undefined,
      });

      await expect(
        store.list({
          filter: {},
          sort: 'name',
          order: 'asc',
          limit: 5,
          cursor: 'bm90LWEtY3Vyc29y',
        }),
      ).rejects.toMatchObject({ name: 'InputError' });
    });

    it('moves labels, records their history and refuses unknown versions', async () => {
      const { store } = await createStore();
      const k = key('labelled');
      await store.create(
        k,
        { document: doc('labelled') },
        { source: 'console' },
      );
      await store.addVersion(
        k,
        { document: doc('labelled', { metadata: { title: 'v2' } }) },
        {},
      );

      const moved = await store.setLabel(k, 'production', 1, {
        actor: 'user:default/alice',
      });
      expect(moved.labels).toEqual({ production: 1 });
      await store.setLabel(k, 'canary', 2, {});
      const promoted = await store.setLabel(k, 'production', 2, {
        actor: 'user:default/bob',
      });
      expect(promoted.labels).toEqual({ production: 2, canary: 2 });
      // Pointing a label where it already points records nothing.
      await store.setLabel(k, 'production', 2, {});
      const removed = await store.setLabel(k, 'canary', null, {});
      expect(removed.labels).toEqual({ production: 2 });
      await store.setLabel(k, 'canary', null, {});

      const history = await store.labelHistory(k);
      expect(
        history.map(e => [e.label, e.version, e.previousVersion, e.movedBy]),
      ).toEqual([
        ['canary', null, 2, undefined],
        ['production', 2, 1, 'user:default/bob'],
        ['canary', 2, null, undefined],
        ['production', 1, null, 'user:default/alice'],
      ]);
      expect(Date.parse(history[0].movedAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );

      await expect(
        store.setLabel(k, 'production', 3, {}),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        store.setLabel(key('absent'), 'production', 1, {}),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(store.labelHistory(key('absent'))).rejects.toMatchObject({
        name: 'NotFoundError',
      });
      for (const bad of ['Production', '-x', '', 'a'.repeat(64), 'a_b']) {
        await expect(store.setLabel(k, bad, 1, {})).rejects.toMatchObject({
          name: 'InputError',
        });
      }
      expect((await store.get(k))!.labels).toEqual({ production: 2 });
    });

    it('creates, updates, lists and deletes triggers, and validates them', async () => {
      const { store } = await createStore();
      const k = key('triggered');
      await store.create(
        k,
        { document: doc('triggered') },
        { source: 'console' },
      );

      const schedule: WorkflowTriggerInput = {
        type: 'schedule',
        cron: '0  9 * * MON-FRI',
        timezone: 'Europe/Berlin',
        input: { text: 'daily report' },
        enabled: true,
      };
      const created = await store.createTrigger(k, schedule, {
        actor: 'user:default/alice',
      });
      expect(created).toMatchObject({
        type: 'schedule',
        cron: '0 9 * * MON-FRI',
        timezone: 'Europe/Berlin',
        label: 'production',
        input: { text: 'daily report' },
        enabled: true,
        createdBy: 'user:default/alice',
      });
      expect(created.version).toBeUndefined();
      const webhook = await store.createTrigger(
        k,
        { type: 'webhook', version: 1, enabled: false },
        {},
      );
      expect(webhook).toMatchObject({
        type: 'webhook',
        version: 1,
        enabled: false,
      });
      expect(webhook.cron).toBeUndefined();
      expect(webhook.label).toBeUndefined();
      expect((await store.listTriggers(k)).map(t => t.id).sort()).toEqual(
        [created.id, webhook.id].sort(),
      );

      const updated = await store.updateTrigger(k, created.id, {
        type: 'schedule',
        cron: '*/15 0 1,15 * ?',
        label: 'canary',
        enabled: false,
      });
      expect(updated).toMatchObject({
        id: created.id,
        cron: '*/15 0 1,15 * ?',
        label: 'canary',
        enabled: false,
        createdAt: created.createdAt,
      });
      expect(updated.timezone).toBeUndefined();
      expect(updated.input).toBeUndefined();

      const invalid: Array<[WorkflowTriggerInput, RegExp]> = [
        [{ type: 'schedule', enabled: true }, /^cron:/],
        [{ type: 'schedule', cron: '* * *', enabled: true }, /^cron:/],
        [{ type: 'schedule', cron: '61 * * * *', enabled: true }, /^cron:/],
        [{ type: 'schedule', cron: '* * * 13 *', enabled: true }, /^cron:/],
        [{ type: 'schedule', cron: '@sometimes', enabled: true }, /^cron:/],
        [{ type: 'webhook', cron: '* * * * *', enabled: true }, /^cron:/],
        [
          {
            type: 'schedule',
            cron: '@daily',
            timezone: 'Mars/Base',
            enabled: true,
          },
          /^timezone:/,
        ],
        [
          { type: 'webhook', label: 'production', version: 1, enabled: true },
          /^version:/,
        ],
        [{ type: 'webhook', version: 7, enabled: true }, /^version:/],
        [{ type: 'webhook', label: 'Bad Label', enabled: true }, /^label:/],
        [
          { type: 'cron' as 'schedule', cron: '* * * * *', enabled: true },
          /^type:/,
        ],
      ];
      for (const [input, message] of invalid) {
        await expect(store.createTrigger(k, input, {})).rejects.toMatchObject({
          name: 'InputError',
          message: expect.stringMatching(message),
        });
      }
      expect(
        (
          await store.createTrigger(
            k,
            { type: 'schedule', cron: '0 30 6 * * SUN', enabled: true },
            {},
          )
        ).cron,
      ).toBe('0 30 6 * * SUN');

      await expect(
        store.updateTrigger(
          k,
          '7c0e9d3e-4b4f-4a53-9a38-0a8f1c4b2d11',
          schedule,
        ),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        store.updateTrigger(k, 'not-a-uuid', schedule),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(
        store.createTrigger(key('absent'), schedule, {}),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      await expect(store.listTriggers(key('absent'))).rejects.toMatchObject({
        name: 'NotFoundError',
      });

      // Triggers are scoped to their workflow.
      await store.create(
        key('other'),
        { document: doc('other') },
        {
          source: 'console',
        },
      );
      await expect(
        store.updateTrigger(key('other'), created.id, schedule),
      ).rejects.toMatchObject({ name: 'NotFoundError' });
      expect(await store.deleteTrigger(key('other'), created.id)).toBe(false);

      expect(await store.deleteTrigger(k, created.id)).toBe(true);
      expect(await store.deleteTrigger(k, created.id)).toBe(false);
      expect(await store.deleteTrigger(k, 'not-a-uuid')).toBe(false);
      expect(await store.listTriggers(k)).toHaveLength(2);
    });

    it('gives webhooks a secret, stores only its hash, verifies and rotates it', async () => {
      const { store, knex } = await createStore();
      const k = key('hooked');
      await store.create(k, { document: doc('hooked') }, { source: 'console' });
      const hook = await store.createTrigger(
        k,
        { type: 'webhook', input: { text: 'x' }, enabled: true },
        {},
      );
      expect(hook.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const secret = hook.secret!;
      const sha = createHash('sha256').update(secret).digest('hex');
      const row = await knex('workflow_triggers')
        .where({ id: hook.id })
        .first();
      expect(row.secret_hash).toBe(sha);
      expect(JSON.stringify(row)).not.toContain(secret);
      // The secret is returned once: reads never carry it, nor the hash.
      const [listed] = await store.listTriggers(k);
      expect(JSON.stringify(listed)).not.toMatch(
        new RegExp(`${secret}|${sha}`),
      );
      expect(await store.getTriggerById(hook.id)).toMatchObject({
        id: hook.id,
        workflow: k,
        hasSecret: true,
      });
      expect(
        JSON.stringify(await store.listAllTriggers({ type: 'webhook' })),
      ).not.toContain(sha);

      // A schedule has none.
      const schedule = await store.createTrigger(
        k,
        { type: 'schedule', cron: '@daily', enabled: true },
        {},
      );
      expect(schedule.secret).toBeUndefined();
      expect(
        (await store.listAllTriggers({ type: 'schedule' })).map(t => t.id),
      ).toEqual([schedule.id]);

      // Bearer and HMAC (keyed with the hash) verify; anything else does not.
      const body = Buffer.from('{"text":"hi"}');
      const signature = createHmac('sha256', sha).update(body).digest('hex');
      expect(
        await store.verifyTriggerSecret(hook.id, { secret }),
      ).toMatchObject({ id: hook.id, workflow: k });
      expect(
        await store.verifyTriggerSecret(hook.id, { signature, payload: body }),
      ).toMatchObject({ id: hook.id });
      for (const credential of [
        { secret: 'wrong' },
        { secret: sha },
        { signature, payload: Buffer.from('{"text":"ho"}') },
        { signature: 'zz', payload: body },
      ]) {
        expect(
          await store.verifyTriggerSecret(hook.id, credential),
        ).toBeUndefined();
      }
      expect(
        await store.verifyTriggerSecret(schedule.id, { secret }),
      ).toBeUndefined();
      expect(
        await store.verifyTriggerSecret('not-a-uuid', { secret }),
      ).toBeUndefined();

      // A disabled webhook accepts nothing.
      const disabled = await store.updateTrigger(k, hook.id, {
        type: 'webhook',
        enabled: false,
      });
      expect(disabled.secret).toBeUndefined();
      expect(
        await store.verifyTriggerSecret(hook.id, { secret }),
      ).toBeUndefined();
      await store.updateTrigger(k, hook.id, { type: 'webhook', enabled: true });
      expect(
        await store.verifyTriggerSecret(hook.id, { secret }),
      ).toBeDefined();

      // Rotation: the old secret stops working, the new one works.
      const rotated = await store.rotateTriggerSecret(k, hook.id);
      expect(rotated.secret).not.toBe(secret);
      expect(
        await store.verifyTriggerSecret(hook.id, { secret }),
      ).toBeUndefined();
      expect(
        await store.verifyTriggerSecret(hook.id, { secret: rotated.secret }),
      ).toBeDefined();
      await expect(
        store.rotateTriggerSecret(k, schedule.id),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        store.rotateTriggerSecret(k, '7c0e9d3e-4b4f-4a53-9a38-0a8f1c4b2d11'),
      ).rejects.toMatchObject({ name: 'NotFoundError' });

      // A schedule turned webhook gets a secret; a webhook turned schedule loses it.
      const turned = await store.updateTrigger(k, schedule.id, {
        type: 'webhook',
        enabled: true,
      });
      expect(
        await store.verifyTriggerSecret(schedule.id, {
          secret: turned.secret!,
        }),
      ).toBeDefined();
      await store.updateTrigger(k, hook.id, {
        type: 'schedule',
        cron: '@hourly',
        enabled: true,
      });
      expect(
        (await knex('workflow_triggers').where({ id: hook.id }).first())
          .secret_hash,
      ).toBeNull();
    });

    it('finds the workflows whose newest version uses a component', async () => {
      const { store } = await createStore();
      await store.create(
        key('uses-old'),
        {
          document: doc('uses-old', {
            spec: { steps: oneStep('aicomponent:default/x') },
          }),
        },
        { source: 'console' },
      );
      await store.create(
        key('uses-new'),
        {
          document: doc('uses-new', {
            spec: { steps: oneStep('aicomponent:default/y') },
          }),
        },
        { source: 'console' },
      );
      await store.addVersion(
        key('uses-new'),
        {
          document: doc('uses-new', {
            spec: {
              steps: [
                { id: 'a', component: 'aicomponent:default/x' },
                { id: 'b', component: 'aicomponent:default/x', needs: ['a'] },
              ],
            },
          }),
        },
        {},
      );
      await store.addVersion(
        key('uses-old'),
        {
          document: doc('uses-old', {
            metadata: { title: 'Old user' },
            spec: { steps: oneStep('aicomponent:default/z') },
          }),
        },
        {},
      );

      expect(await store.usedBy('aicomponent:default/x')).toEqual([
        { namespace: 'default', name: 'uses-new', latestVersion: 2 },
      ]);
      expect(await store.usedBy('aicomponent:default/z')).toEqual([
        {
          namespace: 'default',
          name: 'uses-old',
          title: 'Old user',
          latestVersion: 2,
        },
      ]);
      expect(await store.usedBy('aicomponent:default/y')).toEqual([]);
      expect((await store.get(key('uses-new')))!.componentRefs).toEqual([
        'aicomponent:default/x',
      ]);
    });

    it('tells of every trigger change it wrote, and of none it refused', async () => {
      const knex = await databases.init(databaseId);
      const changes: TriggersChange[] = [];
      const store = await DatabaseWorkflowStore.create({
        database: mockServices.database({ knex }),
        onTriggersChanged: change => changes.push(change),
      });
      const k = key('announced');
      await store.create(
        k,
        { document: doc('announced') },
        { source: 'console' },
      );
      const schedule: WorkflowTriggerInput = {
        type: 'schedule',
        cron: '0 9 * * *',
        enabled: true,
      };
      const created = await store.createTrigger(k, schedule, {});
      await store.updateTrigger(k, created.id, { ...schedule, enabled: false });
      expect(await store.deleteTrigger(k, created.id)).toBe(true);
      // Refused or no-op writes: nothing to tell.
      expect(await store.deleteTrigger(k, created.id)).toBe(false);
      await expect(
        store.updateTrigger(k, created.id, schedule),
      ).rejects.toThrow(NotFoundError);
      await expect(
        store.createTrigger(k, { ...schedule, cron: 'not a cron' }, {}),
      ).rejects.toThrow(InputError);
      expect(await store.delete(k)).toBe(true);
      expect(await store.delete(k)).toBe(false);

      expect(changes).toEqual([
        { key: k, change: 'created', triggerId: created.id },
        { key: k, change: 'updated', triggerId: created.id },
        { key: k, change: 'deleted', triggerId: created.id },
        { key: k, change: 'workflow-deleted' },
      ]);
    });

    it('deletes a workflow with everything that hangs off it', async () => {
      const { store, knex } = await createStore();
      const k = key('doomed');
      await store.create(
        k,
        { document: doc('doomed', { metadata: { tags: ['t'] } }) },
        { source: 'console' },
      );
      await store.addVersion(
        k,
        { document: doc('doomed', { metadata: { tags: ['t', 'u'] } }) },
        {},
      );
      await store.setLabel(k, 'production', 2, {});
      await store.createTrigger(k, { type: 'webhook', enabled: true }, {});
      await store.create(
        key('kept'),
        { document: doc('kept') },
        {
          source: 'console',
        },
      );

      expect(await store.delete(k)).toBe(true);
      expect(await store.delete(k)).toBe(false);
      expect(await store.get(k)).toBeUndefined();
      expect(await store.listVersions(k)).toBeUndefined();
      for (const table of [
        'workflow_versions',
        'workflow_labels',
        'workflow_label_events',
        'workflow_components',
        'workflow_tags',
        'workflow_triggers',
      ]) {
        const workflowIds = (await knex(table).select('workflow_id')).map(
          r => r.workflow_id,
        );
        expect(new Set(workflowIds)).toEqual(
          new Set(
            table === 'workflow_versions' || table === 'workflow_components'
              ? [(await store.get(key('kept')))!.id]
              : [],
          ),
        );
      }
      // The name can be used again.
      await store.create(k, { document: doc('doomed') }, { source: 'console' });
      expect((await store.get(k))!.latestVersion).toBe(1);
    });

    it('reports owners, lists keys and exports pages by source', async () => {
      const { store } = await createStore();
      for (const name of ['c1', 'c2', 'c3', 'c4', 'c5']) {
        await store.create(
          key(name),
          { document: doc(name) },
          {
            source: 'catalog',
            sourceLocation: `url:https://git.example/${name}.yaml`,
          },
        );
      }
      await store.create(
        key('mine'),
        { document: doc('mine', { spec: { owner: 'user:default/Dave' } }) },
        { source: 'console' },
      );
      await store.setLabel(key('c3'), 'production', 1, {});

      expect(
        await store.getOwners([key('mine'), key('absent'), key('c1')]),
      ).toEqual(['user:default/dave', undefined, 'group:default/team-a']);
      expect(await store.getOwners([])).toEqual([]);
      expect(await store.listKeys('console')).toEqual([key('mine')]);
      expect(await store.listKeys('catalog')).toEqual(
        ['c1', 'c2', 'c3', 'c4', 'c5'].map(key),
      );

      const exported: string[] = [];
      const ids: string[] = [];
      const labels: Record<string, Record<string, number>> = {};
      let after: string | undefined;
      do {
        const page = await store.exportPage({
          source: 'catalog',
          limit: 2,
          after,
        });
        for (const item of page.items) {
          expect(item.document.metadata.name).toBe(item.name);
          expect(item.sourceLocation).toBe(
            `url:https://git.example/${item.name}.yaml`,
          );
          labels[item.name] = item.labels;
          exported.push(item.name);
          ids.push(item.id);
        }
        after = page.nextAfter;
      } while (after);
      expect(exported.sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
      expect([...ids].sort()).toEqual(ids);
      expect(labels).toEqual({
        c1: {},
        c2: {},
        c3: { production: 1 },
        c4: {},
        c5: {},
      });
      const consolePage = await store.exportPage({
        source: 'console',
        limit: 10,
      });
      expect(consolePage.items.map(i => i.name)).toEqual(['mine']);
      expect(consolePage.nextAfter).toBeUndefined();
      await expect(
        store.exportPage({ source: 'console', limit: 10, after: 'x' }),
      ).rejects.toMatchObject({ name: 'InputError' });
    });
  },
);
