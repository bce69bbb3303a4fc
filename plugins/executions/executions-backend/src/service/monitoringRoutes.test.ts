import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  createComponentInvoker,
  readPriceTable,
} from '@ai-ops/plugin-ai-components-node';
import {
  DatabaseExecutionEventHistory,
  DatabaseExecutionMetrics,
  DatabaseExecutionRetention,
  DatabaseExecutionStore,
} from '@ai-ops/plugin-executions-node';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import express from 'express';
import request from 'supertest';
import { ExecutionRunner } from '../temporal/TemporalRunner';
import { ComponentSchemaSource } from './ComponentSchemas';
import { ExecutionStarter } from './ExecutionStarter';
import { MASK } from './masking';
import { createRouter } from './router';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const alice = 'user:default/alice';
const asUser = (ref: string) => mockCredentials.user.header(ref);

const snapshot = (budget?: number): WorkflowSnapshot => ({
  workflowRef: 'aiworkflow:default/triage',
  version: 2,
  document: {
    apiVersion: 'ai-ops.dev/v1alpha1',
    kind: 'AIWorkflow',
    metadata: { name: 'triage', namespace: 'default' },
    spec: {
      owner: 'group:default/team-a',
      lifecycle: 'experimental',
      ...(budget !== undefined ? { budget: { maxCostUsd: budget } } : {}),
      steps: [
        { id: 'call', component: 'aicomponent:default/caller' },
        { id: 'later', needs: ['call'], component: 'aicomponent:default/x' },
      ],
    },
  },
  componentRevisions: { 'aicomponent:default/caller': 7 },
});

/** The input schema the caller component has at revision 7. */
const CALLER_SCHEMA = {
  type: 'object',
  properties: {
    prompt: { type: 'string' },
    connection: {
      type: 'object',
      properties: {
        pin: { type: 'string', writeOnly: true },
        user: { type: 'string' },
      },
    },
    passphrase: { type: 'string', format: 'password' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: { code: { type: 'string', writeOnly: true } },
      },
    },
  },
};

/**
 * Permission decisions: `deny` lists permission names denied for every
 * resource, `denyResources` names `<permission>@<resourceRef>` pairs.
 */
async function setup(
  options: {
    deny?: string[];
    denyResources?: string[];
    schemaUnreadable?: boolean;
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const database = mockServices.database({ knex });
  const store = await DatabaseExecutionStore.create({ database });
  const metrics = await DatabaseExecutionMetrics.create({ database });
  const retention = await DatabaseExecutionRetention.create({
    database,
    defaultDays: 30,
  });
  const schemaRequests: Array<[string, number | undefined]> = [];
  const componentSchemas: ComponentSchemaSource = {
    async inputSchema(ref, revision) {
      schemaRequests.push([ref, revision]);
      if (options.schemaUnreadable) throw new Error('ai-components is down');
      return ref === 'aicomponent:default/caller' ? CALLER_SCHEMA : {};
    },
  };
  const authorizeRequests: Array<{ name: string; resourceRef?: string }> = [];
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => {
        const resourceRef = (r as { resourceRef?: string }).resourceRef;
        authorizeRequests.push({ name: r.permission.name, resourceRef });
        const denied =
          options.deny?.includes(r.permission.name) ||
          (isResourcePermission(r.permission) &&
            options.denyResources?.includes(
              `${r.permission.name}@${resourceRef}`,
            ));
        return {
          result: denied ? AuthorizeResult.DENY : AuthorizeResult.ALLOW,
        };
      }),
  });
  const audits: Array<{ eventId: string; outcome?: string }> = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async ({ eventId }) => {
      const event: { eventId: string; outcome?: string } = { eventId };
      audits.push(event);
      return {
        success: async () => {
          event.outcome = 'success';
        },
        fail: async () => {
          event.outcome = 'fail';
        },
      };
    },
  });
  // Nothing here starts, cancels or queries runs.
  const runner: ExecutionRunner = {
    start: jest.fn(),
    cancel: jest.fn(),
    outcome: jest.fn(async () => ({ state: 'open' as const })),
    queryState: jest.fn(async () => undefined),
    decideApproval: jest.fn(),
  };
  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      auditor,
      userInfo: mockServices.userInfo(),
      store,
      runner,
      starter: new ExecutionStarter({
        store,
        runner,
        logger: mockServices.logger.mock(),
      }),
      resolver: { resolve: jest.fn() },
      // No webhooks or schedules here.
      triggers: {
        verify: async () => undefined,
        get: async () => undefined,
        listSchedules: async () => [],
      },
      temporalClient: async () => {
        throw new Error('No Temporal here');
      },
      auth: mockServices.auth(),
      history: await DatabaseExecutionEventHistory.create({ database }),
      metrics,
      retention,
      componentSchemas,
    }),
  );
  app.use(mockErrorHandler());
  return {
    app,
    store,
    knex,
    retention,
    audits,
    authorizeRequests,
    schemaRequests,
  };
}

type Store = Awaited<ReturnType<typeof setup>>['store'];

async function startRun(
  store: Store,
  id: string,
  overrides: Partial<Parameters<Store['create']>[0]> = {},
) {
  await store.create({
    id,
    snapshot: snapshot(),
    owner: 'group:default/team-a',
    input: { text: 'hi' },
    trigger: { type: 'manual', actor: alice },
    createdBy: alice,
    status: 'running',
    ...overrides,
  });
}

describe('runs list filters', () => {
  it('filters by trigger, over budget and pin on the server', async () => {
    const { app, store } = await setup();
    await startRun(store, 'manual-1');
    await startRun(store, 'hook-1', {
      trigger: { type: 'webhook', triggerId: 't' },
      snapshot: snapshot(0.1),
    });
    await store.update({
      executionId: 'hook-1',
      status: 'succeeded',
      costUsd: 0.2,
    });
    await store.setPinned('manual-1', true);

    const ids = async (query: string) =>
      (await request(app).get(`/executions?${query}`).expect(200)).body.items
        .map((r: { id: string }) => r.id)
        .sort();
    expect(await ids('trigger=webhook')).toEqual(['hook-1']);
    expect(await ids('trigger=webhook&trigger=manual')).toEqual([
      'hook-1',
      'manual-1',
    ]);
    expect(await ids('overBudget=true')).toEqual(['hook-1']);
    expect(await ids('overBudget=false')).toEqual(['manual-1']);
    expect(await ids('pinned=true')).toEqual(['manual-1']);
    const hook = await request(app).get('/executions/hook-1').expect(200);
    expect(hook.body).toMatchObject({
      budgetUsd: 0.1,
      overBudget: true,
      pinned: false,
    });
  });

  it('lists the runs of one trigger, newest first, for the Triggers tab', async () => {
    const { app, store } = await setup();
    const SCHEDULE = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
    const WEBHOOK = '0b6f3c55-6a59-4d6e-9a0c-5b7f1d2e3a41';
    await startRun(store, 'tick-1', {
      trigger: { type: 'schedule', triggerId: SCHEDULE },
    });
    await new Promise(r => setTimeout(r, 5));
    await startRun(store, 'hook-1', {
      trigger: { type: 'webhook', triggerId: WEBHOOK },
    });
    await new Promise(r => setTimeout(r, 5));
    await startRun(store, 'tick-2', {
      trigger: { type: 'schedule', triggerId: SCHEDULE },
    });
    await startRun(store, 'manual-1');
    await store.update({ executionId: 'tick-2', status: 'failed' });

    const last = await request(app)
      .get(`/executions?triggerId=${SCHEDULE}&limit=1`)
      .expect(200);
    expect(last.body).toMatchObject({
      totalItems: 2,
      nextCursor: expect.any(String),
      items: [
        {
          id: 'tick-2',
          status: 'failed',
          trigger: { type: 'schedule', triggerId: SCHEDULE },
        },
      ],
    });
    const ids = async (query: string) =>
      (
        await request(app).get(`/executions?${query}`).expect(200)
      ).body.items.map((r: { id: string }) => r.id);
    expect(await ids(`triggerId=${SCHEDULE}`)).toEqual(['tick-2', 'tick-1']);
    expect(await ids(`triggerId=${WEBHOOK}&trigger=webhook`)).toEqual([
      'hook-1',
    ]);
    expect(await ids(`triggerId=${WEBHOOK}&trigger=schedule`)).toEqual([]);
    expect(await ids(`triggerId=${SCHEDULE}&status=succeeded`)).toEqual([]);
    expect(await ids('triggerId=never-fired')).toEqual([]);

    const long = await request(app)
      .get(`/executions?triggerId=${'x'.repeat(65)}`)
      .expect(400);
    expect(long.body.error.message).toMatch(/triggerId/);
    const empty = await request(app).get('/executions?triggerId=').expect(400);
    expect(empty.body.error.message).toMatch(/triggerId/);
  });

  it('answers 400 naming the parameter for bad filter values', async () => {
    const { app } = await setup();
    const trigger = await request(app)
      .get('/executions?trigger=telepathy')
      .expect(400);
    expect(trigger.body.error.message).toMatch(/trigger/);
    const overBudget = await request(app)
      .get('/executions?overBudget=maybe')
      .expect(400);
    expect(overBudget.body.error.message).toMatch(/overBudget/);
    const from = await request(app)
      .get('/executions?from=yesterday')
      .expect(400);
    expect(from.body.error.message).toMatch(/^from: /);
  });
});

describe('steps of a run', () => {
  it('pages the attempts of a run with a cursor', async () => {
    const { app, store } = await setup();
    await startRun(store, 'run-1');
    for (let i = 0; i < 7; i++) {
      await store.recordAttempt({
        executionId: 'run-1',
        stepId: `s${i}`,
        iteration: 0,
        attempt: 1,
        componentRef: 'aicomponent:default/caller',
        status: 'succeeded',
        input: { prompt: 'p', connection: { pin: '1234', user: 'u' } },
        costUsd: 0,
        tokens: { inputTokens: 0, outputTokens: 0 },
        startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      });
    }
    const stepIds: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await request(app)
        .get('/executions/run-1/steps')
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      stepIds.push(...res.body.items.map((a: { stepId: string }) => a.stepId));
      // The listing masks like the detail does.
      for (const item of res.body.items) {
        expect(item.input.connection).toEqual({ pin: MASK, user: 'u' });
      }
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(stepIds).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6']);
    await request(app).get('/executions/run-1/steps?limit=0').expect(400);
    const bad = await request(app)
      .get('/executions/run-1/steps?cursor=abc')
      .expect(400);
    expect(bad.body.error.message).toMatch(/^cursor: /);
  });

  it('shows a step with masked inputs and outputs, attempts, logs, scores and totals', async () => {
    const { app, store, schemaRequests } = await setup();
    await startRun(store, 'run-1');
    const key = {
      executionId: 'run-1',
      stepId: 'call',
      componentRef: 'aicomponent:default/caller',
    };
    const input = {
      prompt: 'Summarize',
      apiKey: 'sk-live-123',
      maxTokens: 200,
      headers: { Authorization: 'Bearer abc', 'X-Trace': 'Bearer xyz' },
      connection: { pin: '0000', user: 'svc' },
      passphrase: 'open sesame',
      items: [{ code: 'c1' }, { code: 'c2' }],
    };
    await store.recordAttempt({
      ...key,
      iteration: 0,
      attempt: 1,
      status: 'failed',
      input,
      error: { code: 'Timeout', message: 'no answer', retryable: true },
      costUsd: 0.001,
      tokens: { inputTokens: 10, outputTokens: 0 },
      latencyMs: 5000,
      logs: [
        {
          time: '2026-01-01T00:00:00.000Z',
          level: 'error',
          message: 'call failed with Authorization: Bearer abc.def',
        },
      ],
    });
    await store.recordAttempt({
      ...key,
      iteration: 0,
      attempt: 2,
      status: 'succeeded',
      input,
      output: {
        text: 'ok',
        session: { token: 't-1' },
        score: 0.9,
        passed: true,
      },
      costUsd: 0.002,
      tokens: { inputTokens: 20, outputTokens: 5 },
      latencyMs: 300,
      model: 'my-llama',
    });

    const res = await request(app)
      .get('/executions/run-1/steps/call')
      .set('Authorization', asUser(alice))
      .expect(200);
    expect(res.body).toMatchObject({
      executionId: 'run-1',
      stepId: 'call',
      componentRef: 'aicomponent:default/caller',
      status: 'succeeded',
      iterationCount: 1,
      costUsd: 0.003,
      tokens: { inputTokens: 30, outputTokens: 5 },
    });
    const [first, second] = res.body.iterations[0].attempts;
    expect(first.input).toEqual({
      prompt: 'Summarize',
      apiKey: MASK,
      maxTokens: 200,
      headers: { Authorization: MASK, 'X-Trace': MASK },
      connection: { pin: MASK, user: 'svc' },
      passphrase: MASK,
      items: [{ code: MASK }, { code: MASK }],
    });
    expect(first.maskedPaths.sort()).toEqual(
      [
        'input.apiKey',
        'input.connection.pin',
        'input.headers.Authorization',
        'input.headers.X-Trace',
        'input.items[0].code',
        'input.items[1].code',
        'input.passphrase',
      ].sort(),
    );
    expect(first).toMatchObject({
      attempt: 1,
      status: 'failed',
      error: { code: 'Timeout', message: 'no answer', retryable: true },
      latencyMs: 5000,
      logs: [
        {
          level: 'error',
          message: `call failed with Authorization: Bearer ${MASK}`,
        },
      ],
      scores: [],
    });
    expect(second.output).toEqual({
      text: 'ok',
      session: { token: MASK },
      score: 0.9,
      passed: true,
    });
    expect(second).toMatchObject({
      model: 'my-llama',
      latencyMs: 300,
      scores: [
        { name: 'aicomponent:default/caller', score: 0.9, passed: true },
      ],
    });
    expect(res.body.iterations[0]).toMatchObject({
      iteration: 0,
      status: 'succeeded',
      costUsd: 0.003,
    });
    // The schema of the revision the run pinned, read once for the request.
    expect(schemaRequests).toEqual([['aicomponent:default/caller', 7]]);
  });

  it('masks every input string when the component schema cannot be read', async () => {
    const { app, store } = await setup({ schemaUnreadable: true });
    await startRun(store, 'run-1');
    await store.recordAttempt({
      executionId: 'run-1',
      stepId: 'call',
      iteration: 0,
      attempt: 1,
      componentRef: 'aicomponent:default/caller',
      status: 'succeeded',
      input: { prompt: 'Summarize', n: 3 },
      output: { text: 'fine' },
      costUsd: 0,
      tokens: { inputTokens: 0, outputTokens: 0 },
    });
    const res = await request(app)
      .get('/executions/run-1/steps/call')
      .expect(200);
    const [attempt] = res.body.iterations[0].attempts;
    expect(attempt.input).toEqual({ prompt: MASK, n: 3 });
    expect(attempt.output).toEqual({ text: 'fine' });
  });

  it('pages the iterations of a forEach step and answers for steps not started', async () => {
    const { app, store } = await setup();
    await startRun(store, 'run-1');
    for (let iteration = 0; iteration < 5; iteration++) {
      await store.recordAttempt({
        executionId: 'run-1',
        stepId: 'call',
        iteration,
        attempt: 1,
        status: iteration === 4 ? 'running' : 'succeeded',
        costUsd: 0.5,
        tokens: { inputTokens: 1, outputTokens: 1 },
      });
    }
    const first = await request(app)
      .get('/executions/run-1/steps/call?limit=2')
      .expect(200);
    expect(first.body).toMatchObject({ status: 'running', iterationCount: 5 });
    expect(first.body.costUsd).toBe(2.5);
    expect(first.body.iterations.map((i: any) => i.iteration)).toEqual([0, 1]);
    const second = await request(app)
      .get('/executions/run-1/steps/call')
      .query({ limit: 2, cursor: first.body.nextCursor })
      .expect(200);
    expect(second.body.iterations.map((i: any) => i.iteration)).toEqual([2, 3]);
    const one = await request(app)
      .get('/executions/run-1/steps/call?iteration=4')
      .expect(200);
    expect(one.body.iterations).toHaveLength(1);
    expect(one.body.iterations[0].status).toBe('running');

    const pending = await request(app)
      .get('/executions/run-1/steps/later')
      .expect(200);
    expect(pending.body).toMatchObject({
      status: 'pending',
      iterationCount: 0,
      iterations: [],
    });
    const unknown = await request(app)
      .get('/executions/run-1/steps/nope')
      .expect(404);
    expect(unknown.body.error.message).toMatch(/nope/);
    await request(app).get('/executions/absent/steps/call').expect(404);
    await request(app)
      .get('/executions/run-1/steps/call?iteration=-1')
      .expect(400);
  });

  it('answers 401 without credentials and 403 without read permission', async () => {
    const { app } = await setup({ deny: ['executions.execution.read'] });
    await request(app)
      .get('/executions/run-1/steps/call')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    const denied = await request(app)
      .get('/executions/run-1/steps/call')
      .expect(403);
    expect(denied.body.error.message).toMatch(/executions\.execution\.read/);
  });
});

describe('metrics', () => {
  it('reports a workflow by hour for a caller who may read it', async () => {
    const { app, store, knex, authorizeRequests } = await setup();
    const at = Date.UTC(2026, 0, 1, 9, 30);
    for (const [id, status, ms] of [
      ['a', 'succeeded', 100],
      ['b', 'failed', 300],
    ] as const) {
      await startRun(store, id);
      await store.update({
        executionId: id,
        status,
        costUsd: 0.25,
        tokens: { inputTokens: 10, outputTokens: 2 },
      });
      await knex('executions')
        .where({ id })
        .update({
          queued_at: new Date(at),
          started_at: new Date(at),
          finished_at: new Date(at + ms),
        });
    }
    const res = await request(app)
      .get('/metrics/workflows/default/triage')
      .query({
        from: '2026-01-01T00:00:00Z',
        to: '2026-01-02T00:00:00Z',
        bucket: 'hour',
      })
      .set('Authorization', asUser(alice))
      .expect(200);
    expect(res.body).toMatchObject({
      ref: 'aiworkflow:default/triage',
      bucket: 'hour',
      buckets: [
        {
          start: '2026-01-01T09:00:00.000Z',
          runs: 2,
          succeeded: 1,
          failed: 1,
          successRate: 0.5,
          p50LatencyMs: 200,
          inputTokens: 20,
          outputTokens: 4,
          costUsd: 0.5,
        },
      ],
      totals: { runs: 2, costUsd: 0.5 },
      failing: [],
    });
    expect(authorizeRequests).toContainEqual({
      name: 'workflows.workflow.read',
      resourceRef: 'aiworkflow:default/triage',
    });
  });

  it('answers 400 for a bad range, bucket or name, 403 without read of the workflow or component', async () => {
    const { app } = await setup({
      denyResources: [
        'workflows.workflow.read@aiworkflow:default/secret-flow',
        'ai-components.component.read@aicomponent:default/hidden',
      ],
    });
    const from = await request(app)
      .get('/metrics/workflows/default/triage?from=last-week')
      .expect(400);
    expect(from.body.error.message).toMatch(/^from: /);
    const bucket = await request(app)
      .get('/metrics/workflows/default/triage?bucket=minute')
      .expect(400);
    expect(bucket.body.error.message).toMatch(/bucket/);
    const tooMany = await request(app)
      .get(
        '/metrics/components/default/llm?from=2020-01-01T00:00:00Z&bucket=hour',
      )
      .expect(400);
    expect(tooMany.body.error.message).toMatch(/^bucket: /);
    const name = await request(app)
      .get('/metrics/workflows/default/Not%20A%20Name')
      .expect(400);
    expect(name.body.error.message).toMatch(/^name: /);
    await request(app)
      .get('/metrics/workflows/default/secret-flow')
      .expect(403);
    await request(app).get('/metrics/components/default/hidden').expect(403);
    await request(app).get('/metrics/components/default/llm').expect(200);
    await request(app)
      .get('/metrics/workflows/default/triage')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
  });

  it('estimates the next run of a workflow from its recent succeeded runs', async () => {
    const { app, store, knex, authorizeRequests } = await setup({
      denyResources: ['workflows.workflow.read@aiworkflow:default/secret-flow'],
    });
    const at = Date.now() - 86_400_000;
    for (const [id, ms, cost] of [
      ['a', 1000, 0.01],
      ['b', 3000, 0.03],
    ] as const) {
      await startRun(store, id);
      await store.update({
        executionId: id,
        status: 'succeeded',
        costUsd: cost,
        tokens: { inputTokens: 100, outputTokens: 20 },
      });
      await knex('executions')
        .where({ id })
        .update({
          started_at: new Date(at),
          finished_at: new Date(at + ms),
        });
    }
    const res = await request(app)
      .get('/estimates/workflows/default/triage')
      .query({ version: 2 })
      .set('Authorization', asUser(alice))
      .expect(200);
    expect(res.body).toMatchObject({
      workflowRef: 'aiworkflow:default/triage',
      basis: 'version',
      version: 2,
      runs: 2,
      finished: { succeeded: 2, failed: 0, cancelled: 0 },
      costUsd: { p50: 0.02 },
      tokens: { p50: 120, p95: 120 },
      durationMs: { p50: 2000, p95: 2900 },
    });
    expect(authorizeRequests).toContainEqual({
      name: 'workflows.workflow.read',
      resourceRef: 'aiworkflow:default/triage',
    });
    // Version 1 never ran: the workflow's runs stand in.
    const other = await request(app)
      .get('/estimates/workflows/default/triage?version=1')
      .expect(200);
    expect(other.body).toMatchObject({ basis: 'workflow', runs: 2 });
    const none = await request(app)
      .get('/estimates/workflows/default/triage?days=0')
      .expect(400);
    expect(none.body.error.message).toMatch(/days/);
    const bad = await request(app)
      .get('/estimates/workflows/default/triage?version=first')
      .expect(400);
    expect(bad.body.error.message).toMatch(/version/);
    await request(app)
      .get('/estimates/workflows/default/secret-flow')
      .expect(403);
  });

  it('reports component cost as the runtime priced it from the price table, custom models included', async () => {
    const { app, store } = await setup();
    // The price table as app-config gives it to the ai-components runtime,
    // with a self-hosted model the providers' tables do not know.
    const priceTable = readPriceTable(
      mockServices.rootConfig({
        data: {
          aiComponents: {
            pricing: {
              models: {
                'my-llama-70b': {
                  inputPer1kTokens: 0.002,
                  outputPer1kTokens: 0.004,
                  perCall: 0.001,
                },
              },
            },
          },
        },
      }),
    );
    const invoker = createComponentInvoker({
      runtimes: [
        {
          type: 'self-hosted',
          title: 'Self-hosted model',
          description: 'Answers with fixed usage, as a local server would',
          configSchema: { type: 'object' },
          async invoke() {
            return {
              output: { text: 'ok' },
              usage: { inputTokens: 1500, outputTokens: 250 },
              model: 'my-llama-70b',
            };
          },
        },
      ],
      priceTable,
      getSecret: async () => '',
      logger: mockServices.logger.mock(),
    });
    await startRun(store, 'run-1');
    for (const attempt of [1, 2]) {
      const result = await invoker.invoke(
        {
          runtime: { type: 'self-hosted', config: {} },
          inputSchema: {},
          outputSchema: {},
        },
        { text: 'hi' },
      );
      expect(result).toMatchObject({ priced: true, model: 'my-llama-70b' });
      // What the step activity stores for an attempt.
      await store.recordAttempt({
        executionId: 'run-1',
        stepId: 'call',
        iteration: 0,
        attempt,
        componentRef: 'aicomponent:default/caller',
        status: 'succeeded',
        output: result.output,
        costUsd: result.costUsd,
        tokens: result.usage,
        latencyMs: Math.round(result.latencyMs),
        model: result.model,
      });
    }
    // 0.001 per call + 1.5 * 0.002 + 0.25 * 0.004 = 0.005 per call.
    const res = await request(app)
      .get('/metrics/components/default/caller')
      .expect(200);
    expect(res.body.totals).toMatchObject({
      runs: 2,
      succeeded: 2,
      successRate: 1,
      inputTokens: 3000,
      outputTokens: 500,
      costUsd: 0.01,
    });
    const step = await request(app)
      .get('/executions/run-1/steps/call')
      .expect(200);
    expect(step.body.costUsd).toBe(0.01);
  });
});

describe('retention and pins', () => {
  it('reads, sets and removes the retention of a workflow with the right permissions, audited', async () => {
    const { app, audits } = await setup({
      denyResources: ['workflows.workflow.update@aiworkflow:default/locked'],
    });
    const initial = await request(app)
      .get('/retention/workflows/default/triage')
      .expect(200);
    expect(initial.body).toEqual({
      workflowRef: 'aiworkflow:default/triage',
      days: 30,
      source: 'default',
    });
    const set = await request(app)
      .put('/retention/workflows/default/triage')
      .set('Authorization', asUser(alice))
      .send({ days: 90 })
      .expect(200);
    expect(set.body).toMatchObject({
      workflowRef: 'aiworkflow:default/triage',
      days: 90,
      source: 'workflow',
      updatedBy: alice,
    });
    expect(
      (await request(app).get('/retention/workflows/default/triage')).body.days,
    ).toBe(90);

    const zero = await request(app)
      .put('/retention/workflows/default/triage')
      .send({ days: 0 })
      .expect(400);
    expect(zero.body.error.message).toMatch(/days/);
    const extra = await request(app)
      .put('/retention/workflows/default/triage')
      .send({ days: 5, keep: 'all' })
      .expect(400);
    expect(extra.body.error.message).toMatch(/^keep: unknown field/);
    await request(app)
      .put('/retention/workflows/default/locked')
      .send({ days: 5 })
      .expect(403);
    await request(app)
      .delete('/retention/workflows/default/locked')
      .expect(403);

    const removed = await request(app)
      .delete('/retention/workflows/default/triage')
      .expect(200);
    expect(removed.body).toMatchObject({ days: 30, source: 'default' });
    expect(audits).toEqual([
      { eventId: 'execution-retention-update', outcome: 'success' },
      { eventId: 'execution-retention-delete', outcome: 'success' },
    ]);
  });

  it('pins and unpins a run for callers who may update its workflow', async () => {
    const { app, store, audits } = await setup();
    await startRun(store, 'run-1');
    const pinned = await request(app)
      .post('/executions/run-1/pin')
      .set('Authorization', asUser(alice))
      .expect(200);
    expect(pinned.body).toEqual({ id: 'run-1', pinned: true });
    expect((await store.get('run-1'))!.pinned).toBe(true);
    const unpinned = await request(app)
      .delete('/executions/run-1/pin')
      .expect(200);
    expect(unpinned.body).toEqual({ id: 'run-1', pinned: false });
    expect((await store.get('run-1'))!.pinned).toBe(false);
    await request(app).post('/executions/absent/pin').expect(404);
    expect(audits.map(a => a.eventId)).toEqual([
      'execution-pin',
      'execution-unpin',
    ]);

    const denied = await setup({
      denyResources: ['workflows.workflow.update@aiworkflow:default/triage'],
    });
    await startRun(denied.store, 'run-2');
    await request(denied.app).post('/executions/run-2/pin').expect(403);
    expect((await denied.store.get('run-2'))!.pinned).toBe(false);
  });
});
