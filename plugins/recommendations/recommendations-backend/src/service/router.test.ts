import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  AuthorizePermissionRequest,
  PolicyDecision,
  QueryPermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  HashingEmbedder,
  InMemoryVectorIndex,
} from '@ai-ops/plugin-recommendations-node';
import express from 'express';
import request from 'supertest';
import {
  labelledComponents,
  labelledWorkflows,
} from '../__fixtures__/labelled';
import { FixtureSources, runsOf } from '../__testUtils__/FixtureSources';
import { RecommendationIndex } from './RecommendationIndex';
import { createRouter } from './router';

const ref = (name: string) => `aicomponent:default/${name}`;

/** Costs and latencies per component as measured in runs. */
const measured: Record<string, [cost: number, latencyMs: number]> = {
  [ref('gpt-4o-chat')]: [0.01, 900],
  [ref('claude-sonnet-chat')]: [0.007, 1200],
  [ref('mistral-large-chat')]: [0.004, 600],
  [ref('llama-3-70b-chat')]: [0.002, 1500],
};

async function setup(
  options: {
    deny?: (r: AuthorizePermissionRequest) => boolean;
    /**
     * The caller's decision on reading components or workflows as a whole:
     * CONDITIONAL (the default here) makes every result be checked on its own.
     */
    byKind?: (permissionName: string) => AuthorizeResult;
    permissionCacheMs?: number;
  } = {},
) {
  const evaluators = new Set(
    labelledComponents.filter(c => c.type === 'evaluator').map(c => c.ref),
  );
  const sources = new FixtureSources({
    components: labelledComponents,
    workflows: labelledWorkflows,
    runs: runsOf(labelledWorkflows, {
      perWorkflow: 4,
      cost: r => measured[r]?.[0] ?? 0.001,
      latencyMs: r => measured[r]?.[1] ?? 200,
      score: () => 0.9,
      evaluators,
    }),
  });
  const index = new RecommendationIndex({
    sources,
    embedder: new HashingEmbedder(),
    writeIndex: new InMemoryVectorIndex(),
    logger: mockServices.logger.mock(),
  });
  await index.sync();
  const authorize = jest.fn(async (requests: AuthorizePermissionRequest[]) =>
    requests.map(r => ({
      result: options.deny?.(r) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
    })),
  );
  const authorizeConditional = jest.fn(
    async (requests: QueryPermissionRequest[]) =>
      requests.map(({ permission }): PolicyDecision => {
        const result =
          options.byKind?.(permission.name) ?? AuthorizeResult.CONDITIONAL;
        return result === AuthorizeResult.CONDITIONAL
          ? {
              result,
              pluginId: 'ai-components',
              resourceType: permission.resourceType,
              conditions: {
                rule: 'IS_OWNER',
                resourceType: permission.resourceType,
                params: { claims: ['user:default/mock'] },
              },
            }
          : { result };
      }),
  );
  const auditor = mockServices.auditor.mock();
  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions: mockServices.permissions.mock({
        authorize: authorize as any,
        authorizeConditional: authorizeConditional as any,
      }),
      auditor,
      index,
      refreshIntervalSeconds: 60,
      permissionCacheMs: options.permissionCacheMs,
    }),
  );
  app.use(mockErrorHandler());
  return { app, authorize, authorizeConditional, auditor, sources, index };
}

describe('recommendations router', () => {
  it('answers /health and refuses requests without credentials', async () => {
    const { app } = await setup();
    await request(app).get('/health').expect(200, { status: 'ok' });
    for (const [method, path] of [
      ['get', '/components/default/gpt-4o-chat/similar'],
      ['get', '/search?q=sql'],
      ['post', '/next-steps'],
      ['get', '/status'],
      ['post', '/reindex'],
    ] as const) {
      const res = await request(app)
        [method](path)
        .set('Authorization', mockCredentials.none.header())
        .send(
          method === 'post' ? { document: { spec: { steps: [] } } } : undefined,
        );
      expect(res.status).toBe(401);
    }
  });

  it('finds similar components, with reasons, and filters cheaper and faster', async () => {
    const { app } = await setup();
    const res = await request(app)
      .get('/components/default/gpt-4o-chat/similar?limit=5')
      .expect(200);
    expect(res.body.ref).toBe(ref('gpt-4o-chat'));
    expect(res.body.items).toHaveLength(5);
    const top3 = res.body.items
      .slice(0, 3)
      .map((i: { name: string }) => i.name);
    expect(top3.every((n: string) => n.endsWith('-chat'))).toBe(true);
    const first = res.body.items[0];
    expect(first.reasons[0]).toMatchObject({ kind: 'similarity' });
    expect(first.reasons[0].text).toMatch(/^description similarity 0\.\d+$/);

    const cheaper = await request(app)
      .get('/components/default/gpt-4o-chat/similar?cheaper=true&sameType=true')
      .expect(200);
    const names = cheaper.body.items.map((i: { name: string }) => i.name);
    expect(names).toEqual(
      expect.arrayContaining(['claude-sonnet-chat', 'mistral-large-chat']),
    );
    for (const item of cheaper.body.items) {
      expect(item.type).toBe('model');
      expect(item.metrics.avgCostUsd).toBeLessThan(0.01);
    }
    const mistral = cheaper.body.items.find(
      (i: { name: string }) => i.name === 'mistral-large-chat',
    );
    expect(mistral.reasons.map((r: { text: string }) => r.text)).toContain(
      '60% cheaper at the same evaluation score',
    );

    const faster = await request(app)
      .get('/components/default/gpt-4o-chat/similar?faster=true')
      .expect(200);
    expect(faster.body.items.length).toBeGreaterThan(0);
    for (const item of faster.body.items) {
      expect(item.metrics.p50LatencyMs).toBeLessThan(900);
      expect(
        item.reasons.some((r: { kind: string }) => r.kind === 'latency'),
      ).toBe(true);
    }
  });

  it('never returns what the caller may not read', async () => {
    const hidden = ref('claude-sonnet-chat');
    const { app, authorize } = await setup({
      deny: r =>
        'resourceRef' in r &&
        (r.resourceRef === hidden || r.resourceRef === ref('llama-3-70b-chat')),
    });
    const res = await request(app)
      .get('/components/default/gpt-4o-chat/similar?limit=20')
      .expect(200);
    const refs = res.body.items.map((i: { ref: string }) => i.ref);
    expect(refs).not.toContain(hidden);
    expect(refs).toContain(ref('mistral-large-chat'));
    expect(authorize).toHaveBeenCalled();
    const search = await request(app)
      .get('/search?q=claude%20sonnet')
      .expect(200);
    expect(search.body.items.map((i: { ref: string }) => i.ref)).not.toContain(
      hidden,
    );
    // A component the caller may not read is not found, not recommended from.
    await request(app)
      .get('/components/default/llama-3-70b-chat/similar')
      .expect(404);
  });

  it('checks no result on its own when the caller may read every component', async () => {
    const { app, authorize, authorizeConditional } = await setup({
      byKind: () => AuthorizeResult.ALLOW,
    });
    const res = await request(app)
      .get('/components/default/gpt-4o-chat/similar?limit=5')
      .expect(200);
    expect(res.body.items).toHaveLength(5);
    expect(authorizeConditional).toHaveBeenCalled();
    const perResult = authorize.mock.calls
      .flatMap(([requests]) => requests)
      .filter(r => 'resourceRef' in r);
    expect(perResult).toEqual([]);
  });

  it('keeps the caller-wide decisions briefly but checks conditional results on every request', async () => {
    const { app, authorize, authorizeConditional } = await setup();
    const perResult = () =>
      authorize.mock.calls
        .flatMap(([requests]) => requests)
        .filter(r => 'resourceRef' in r).length;
    await request(app)
      .get('/components/default/gpt-4o-chat/similar?limit=5')
      .expect(200);
    const checkedFirst = perResult();
    expect(checkedFirst).toBeGreaterThan(0);
    await request(app).get('/search?q=chat').expect(200);
    await request(app)
      .get('/components/default/gpt-4o-chat/similar?limit=5')
      .expect(200);
    // One caller-wide ask for the three requests...
    expect(authorizeConditional).toHaveBeenCalledTimes(1);
    // ...while each request checked its conditional results again.
    expect(perResult()).toBeGreaterThan(2 * checkedFirst);
  });

  it('asks for the caller-wide decisions on every request when the cache is off', async () => {
    const { app, authorizeConditional } = await setup({
      permissionCacheMs: 0,
      byKind: () => AuthorizeResult.ALLOW,
    });
    await request(app).get('/search?q=chat').expect(200);
    await request(app).get('/search?q=chat').expect(200);
    expect(authorizeConditional).toHaveBeenCalledTimes(2);
  });

  it('recommends nothing of a kind the caller may not read at all', async () => {
    const { app } = await setup({
      byKind: name =>
        name === 'ai-components.component.read'
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    });
    await request(app)
      .get('/components/default/gpt-4o-chat/similar')
      .expect(404);
    const search = await request(app).get('/search?q=chat').expect(200);
    expect(
      search.body.items.filter((i: { ref: string }) =>
        i.ref.startsWith('aicomponent:'),
      ),
    ).toEqual([]);
  });

  it('refuses callers without the recommendations permission', async () => {
    const { app } = await setup({ deny: r => !('resourceRef' in r) });
    const res = await request(app).get('/search?q=sql');
    expect(res.status).toBe(403);
  });

  it('suggests next steps from successful runs and workflows', async () => {
    const { app } = await setup();
    const res = await request(app)
      .post('/next-steps')
      .send({
        document: {
          apiVersion: 'ai-ops.dev/v1alpha1',
          kind: 'AIWorkflow',
          metadata: { name: 'draft' },
          spec: {
            steps: [
              { id: 'audio', component: ref('whisper-large-v3') },
              { id: 'unfinished' },
            ],
          },
        },
        stepId: 'audio',
        limit: 3,
      })
      .expect(200);
    expect(res.body.stepId).toBe('audio');
    expect(res.body.items[0].name).toBe('call-transcript-recap');
    expect(
      res.body.items[0].reasons.map((r: { text: string }) => r.text),
    ).toEqual(
      expect.arrayContaining([
        'follows Whisper large v3 in 4 successful runs',
        'follows Whisper large v3 in 1 workflow',
      ]),
    );
    // Components whose input takes the step's output (transcript).
    expect(res.body.items.map((i: { name: string }) => i.name)).toContain(
      'meeting-notes-summarizer',
    );
  });

  it('names the field on bad input', async () => {
    const { app } = await setup();
    const missing = await request(app).post('/next-steps').send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/document/);
    const unknownStep = await request(app)
      .post('/next-steps')
      .send({ document: { spec: { steps: [{ id: 'a' }] } }, stepId: 'b' });
    expect(unknownStep.status).toBe(400);
    expect(unknownStep.body.error.message).toMatch(/stepId/);
    const noQuery = await request(app).get('/search');
    expect(noQuery.status).toBe(400);
    expect(noQuery.body.error.message).toMatch(/q/);
    const badLimit = await request(app).get(
      '/components/default/gpt-4o-chat/similar?limit=500',
    );
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/limit/);
    const badType = await request(app).get('/search?q=x&type=robot');
    expect(badType.status).toBe(400);
    expect(badType.body.error.message).toMatch(/type/);
    const badFlag = await request(app).get(
      '/components/default/gpt-4o-chat/similar?cheaper=maybe',
    );
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.error.message).toMatch(/cheaper/);
  });

  it('searches components and workflows by keyword and meaning', async () => {
    const { app } = await setup();
    const res = await request(app)
      .get('/search?q=transcribe%20phone%20calls&limit=5')
      .expect(200);
    expect(res.body.query).toBe('transcribe phone calls');
    const kinds = new Set(res.body.items.map((i: { kind: string }) => i.kind));
    expect(kinds.has('component')).toBe(true);
    expect(res.body.items[0].reasons[0].text).toMatch(/^matches /);
    const workflows = await request(app)
      .get('/search?q=text-to-sql%20evaluation&kind=workflow')
      .expect(200);
    expect(workflows.body.items.length).toBeGreaterThan(0);
    expect(
      workflows.body.items.every(
        (i: { kind: string }) => i.kind === 'workflow',
      ),
    ).toBe(true);
    expect(workflows.body.items[0].name).toMatch(/^sql-eval/);
    const evaluators = await request(app)
      .get('/search?q=judge&type=evaluator')
      .expect(200);
    expect(
      evaluators.body.items.every(
        (i: { type: string }) => i.type === 'evaluator',
      ),
    ).toBe(true);
  });

  it('reports status and reindexes (audited), idempotently', async () => {
    const { app, auditor, sources } = await setup();
    const status = await request(app).get('/status').expect(200);
    expect(status.body).toMatchObject({
      backend: 'memory',
      embedder: { provider: 'builtin', model: 'hashing-v1', dimensions: 384 },
      components: labelledComponents.length,
      workflows: labelledWorkflows.length,
      refreshIntervalSeconds: 60,
    });
    const again = await request(app).post('/reindex').expect(200);
    expect(again.body).toMatchObject({ embedded: 0, removed: 0 });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'recommendations-reindex' }),
    );
    sources.components.delete(ref('gpt-4o-chat'));
    const removed = await request(app).post('/reindex').expect(200);
    expect(removed.body).toMatchObject({ embedded: 0, removed: 1 });
    await request(app)
      .get('/components/default/gpt-4o-chat/similar')
      .expect(200, {
        ref: ref('gpt-4o-chat'),
        items: [],
      });
  });
});
