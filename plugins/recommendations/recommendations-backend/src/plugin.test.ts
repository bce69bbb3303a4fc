import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The real ai-components and workflows capabilities in the same backend: the
// index reads them through their APIs, as in production (test-only imports).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import aiComponentsPlugin from '@ai-ops/plugin-ai-components-backend';
import runtimesFeature from '@ai-ops/plugin-ai-components-backend-module-runtimes';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import workflowsPlugin from '@ai-ops/plugin-workflows-backend';
import { connectWeaviate } from '@ai-ops/plugin-recommendations-node';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { recommendationsPlugin } from './plugin';

jest.setTimeout(90_000);

const config = {
  aiComponents: {
    secrets: {
      keys: [{ id: 'test', secret: Buffer.alloc(32, 7).toString('base64') }],
    },
  },
  recommendations: { refreshIntervalSeconds: 3600 },
};

const textSchema = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' } },
};

const component = (name: string, description: string, tags: string[]) => ({
  name,
  description,
  type: 'tool',
  owner: 'team-a',
  lifecycle: 'experimental',
  tags,
  runtime: { type: 'jsonata', config: { expression: '{ "text": text }' } },
  inputSchema: textSchema,
  outputSchema: textSchema,
});

/** An AIComponent as the catalog holds it after reading a catalog-info.yaml. */
const fromGit = {
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIComponent',
  metadata: {
    name: 'invoice-extractor',
    namespace: 'default',
    description: 'Extracts totals and due dates from supplier invoices.',
    tags: ['finance'],
    annotations: {
      'backstage.io/managed-by-location':
        'url:https://git.example.com/finance/catalog-info.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://git.example.com/finance/catalog-info.yaml',
    },
  },
  spec: {
    type: 'tool',
    owner: 'team-finance',
    lifecycle: 'production',
    version: '1.0.0',
    runtime: { type: 'jsonata', config: { expression: '{ "text": text }' } },
    inputSchema: textSchema,
    outputSchema: textSchema,
  },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/team-finance' }],
};

async function start(extraConfig: object = {}) {
  const { server } = await startTestBackend({
    features: [
      aiComponentsPlugin,
      runtimesFeature,
      workflowsPlugin,
      recommendationsPlugin,
      mockServices.rootConfig.factory({
        data: {
          ...config,
          recommendations: { ...config.recommendations, ...extraConfig },
        },
      }),
      catalogServiceMock.factory({ entities: [fromGit] }),
      // Scheduled tasks (the registry's catalog mirror) run at startup.
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
    ],
  });
  return server;
}

async function eventually<T>(check: () => Promise<T | undefined>) {
  for (let i = 0; i < 100; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise(r => setTimeout(r, 200));
  }
  throw new Error('timed out');
}

describe('recommendationsPlugin', () => {
  it('indexes the real components and workflows APIs, including catalog-info.yaml ones, and keeps up with changes', async () => {
    const server = await start();
    const api = '/api/recommendations';
    for (const c of [
      component('upper-case', 'Upper-cases a text', ['text']),
      component('lower-case', 'Lower-cases a text', ['text']),
      component('title-case', 'Turns a text into title case', ['text']),
      component('word-count', 'Counts the words of a text', ['stats']),
    ]) {
      await request(server)
        .post('/api/ai-components/components')
        .send(c)
        .expect(201);
    }
    await request(server)
      .post('/api/workflows/workflows')
      .send({
        document: {
          apiVersion: 'ai-ops.dev/v1alpha1',
          kind: 'AIWorkflow',
          metadata: { name: 'shout', description: 'Shouts a text back' },
          spec: {
            owner: 'team-a',
            lifecycle: 'experimental',
            input: textSchema,
            steps: [
              {
                id: 'upper',
                component: 'aicomponent:default/upper-case',
                with: { text: '${{ input.text }}' },
              },
              {
                id: 'count',
                component: 'aicomponent:default/word-count',
                needs: ['upper'],
                with: { text: '${{ steps.upper.output.text }}' },
              },
            ],
          },
        },
      })
      .expect(201);
    // The registry mirrors catalog-info.yaml components on its schedule.
    await eventually(async () => {
      const res = await request(server).get(
        '/api/ai-components/components/default/invoice-extractor',
      );
      return res.status === 200 ? true : undefined;
    });

    // Reindexing needs its own permission; the test backend allows all.
    const reindex = await request(server).post(`${api}/reindex`).expect(200);
    expect(reindex.body).toMatchObject({
      collection: 'memory',
      components: 5,
      workflows: 1,
      removed: 0,
    });
    // The scheduled sync (5 s after start) may have indexed some of them
    // while they were being created; the rest are embedded now.
    expect(reindex.body.embedded).toBeGreaterThan(0);
    expect(reindex.body.embedded).toBeLessThanOrEqual(6);
    const indexed = await request(server).get(`${api}/status`).expect(200);
    expect(indexed.body).toMatchObject({ components: 5, workflows: 1 });
    const again = await request(server).post(`${api}/reindex`).expect(200);
    expect(again.body).toMatchObject({ embedded: 0, removed: 0 });

    const similar = await request(server)
      .get(`${api}/components/default/upper-case/similar?limit=2`)
      .expect(200);
    expect(similar.body.items.map((i: { name: string }) => i.name)).toEqual([
      'lower-case',
      'title-case',
    ]);

    const invoices = await request(server)
      .get(`${api}/search?q=invoice%20due%20dates`)
      .expect(200);
    expect(invoices.body.items[0]).toMatchObject({
      kind: 'component',
      ref: 'aicomponent:default/invoice-extractor',
      owner: 'group:default/team-finance',
    });

    const next = await request(server)
      .post(`${api}/next-steps`)
      .send({
        document: {
          spec: {
            steps: [{ id: 'a', component: 'aicomponent:default/upper-case' }],
          },
        },
      })
      .expect(200);
    expect(next.body.items[0]).toMatchObject({ name: 'word-count' });
    expect(
      next.body.items[0].reasons.map((r: { text: string }) => r.text),
    ).toContain('follows upper-case in 1 workflow');

    // Update and delete upstream: the next sync follows.
    await request(server)
      .put('/api/ai-components/components/default/word-count')
      .send({
        ...component('word-count', 'Counts invoices in a ledger', ['stats']),
        name: undefined,
      })
      .expect(200);
    await request(server)
      .delete('/api/ai-components/components/default/title-case')
      .expect(204);
    const synced = await request(server).post(`${api}/reindex`).expect(200);
    expect(synced.body).toMatchObject({
      components: 4,
      embedded: 1,
      removed: 1,
    });
    const search = await request(server)
      .get(`${api}/search?q=ledger`)
      .expect(200);
    expect(search.body.items[0].name).toBe('word-count');
    const after = await request(server)
      .get(`${api}/components/default/upper-case/similar`)
      .expect(200);
    expect(after.body.items.map((i: { name: string }) => i.name)).not.toContain(
      'title-case',
    );

    const status = await request(server).get(`${api}/status`).expect(200);
    expect(status.body).toMatchObject({
      backend: 'memory',
      components: 4,
      workflows: 1,
      refreshIntervalSeconds: 3600,
    });
  });

  it('serves from Weaviate when recommendations.weaviate is configured', async () => {
    // The real Weaviate that scripts/services/weaviate.sh starts.
    const weaviate = {
      httpUrl: process.env.WEAVIATE_TEST_HTTP_URL ?? 'http://127.0.0.1:8079',
      grpcUrl: process.env.WEAVIATE_TEST_GRPC_URL ?? '127.0.0.1:50051',
    };
    const prefix = `AiOpsPlugin${randomBytes(4).toString('hex')}`;
    const client = await connectWeaviate(weaviate);
    try {
      const server = await start({
        weaviate: { ...weaviate, collectionPrefix: prefix },
        embeddings: { provider: 'builtin', dimensions: 64 },
      });
      for (const c of [
        component('upper-case', 'Upper-cases a text', ['text']),
        component('lower-case', 'Lower-cases a text', ['text']),
        component('word-count', 'Counts the words of a text', ['stats']),
      ]) {
        await request(server)
          .post('/api/ai-components/components')
          .send(c)
          .expect(201);
      }
      const reindex = await request(server)
        .post('/api/recommendations/reindex')
        .expect(200);
      expect(reindex.body).toMatchObject({
        collection: `${prefix}_builtin_hashing_v1_64`,
        components: 4,
      });
      const aliases = (await client.alias.listAll()) ?? [];
      expect(aliases).toContainEqual({
        alias: prefix,
        collection: `${prefix}_builtin_hashing_v1_64`,
      });
      const status = await request(server)
        .get('/api/recommendations/status')
        .expect(200);
      expect(status.body).toMatchObject({
        backend: 'weaviate',
        collection: `${prefix}_builtin_hashing_v1_64`,
        embedder: { provider: 'builtin', model: 'hashing-v1', dimensions: 64 },
        components: 4,
      });
      const similar = await request(server)
        .get(
          '/api/recommendations/components/default/upper-case/similar?limit=1',
        )
        .expect(200);
      expect(similar.body.items[0].name).toBe('lower-case');
      const found = await request(server)
        .get('/api/recommendations/search?q=count%20words')
        .expect(200);
      expect(found.body.items[0].name).toBe('word-count');
    } finally {
      if ((await client.alias.listAll())?.some(a => a.alias === prefix)) {
        await client.alias.delete(prefix);
      }
      for (const c of await client.collections.listAll()) {
        if (c.name.startsWith(prefix)) await client.collections.delete(c.name);
      }
      await client.close();
    }
  });

  it('publishes its permissions and refuses callers without credentials', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/recommendations/.well-known/backstage/permissions/metadata',
    );
    expect(res.body.permissions.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'recommendations.recommendation.read',
        'recommendations.index.manage',
      ]),
    );
    await request(server)
      .get('/api/recommendations/search?q=x')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
  });

  it('answers 403 when the permission is denied', async () => {
    const { server } = await startTestBackend({
      features: [
        recommendationsPlugin,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.permissions.factory({ result: AuthorizeResult.DENY }),
      ],
    });
    const reindex = await request(server).post('/api/recommendations/reindex');
    expect(reindex.status).toBe(403);
    const search = await request(server).get('/api/recommendations/search?q=x');
    expect(search.status).toBe(403);
    expect(search.body.error.name).toBe('NotAllowedError');
  });
});
