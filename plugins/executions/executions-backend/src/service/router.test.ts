import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DatabaseExecutionEventHistory,
  DatabaseExecutionMetrics,
  DatabaseExecutionRetention,
  DatabaseExecutionStore,
} from '@ai-ops/plugin-executions-node';
import type {
  ApprovalDecision,
  InterpreterState,
  RunWorkflowArgs,
  WorkflowSnapshot,
} from '@ai-ops/plugin-executions-workflows';
import { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import { createHash, createHmac } from 'node:crypto';
import express from 'express';
import request from 'supertest';
import { TriggerRecord, TriggerSource } from './TriggerSource';
import { WEBHOOK_UNAUTHORIZED } from './triggerRoutes';
import { ExecutionRunner, RunOutcome } from '../temporal/TemporalRunner';
import { ExecutionStarter } from './ExecutionStarter';
import { createRouter } from './router';
import { WorkflowResolver, WorkflowSelection } from './WorkflowResolver';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const alice = 'user:default/alice';
const bob = 'user:default/bob';
const asUser = (ref: string) => mockCredentials.user.header(ref);

/** prepare -> score (forEach) -> review (approval) -> publish */
const document = (limit?: number): WorkflowDocument => ({
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: { name: 'triage', namespace: 'default' },
  spec: {
    owner: 'group:default/team-a',
    lifecycle: 'experimental',
    ...(limit ? { concurrency: { limit } } : {}),
    input: {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string' }, count: { type: 'integer' } },
    },
    steps: [
      {
        id: 'prepare',
        component: 'aicomponent:default/upper-case',
        with: { text: '${{ input.text }}' },
      },
      {
        id: 'score',
        needs: ['prepare'],
        component: 'aicomponent:default/scorer',
        forEach: { items: '${{ [1, 2] }}' },
      },
      {
        id: 'review',
        needs: ['score'],
        approval: {
          approvers: { owners: true, groups: ['group:default/ops'] },
          timeout: '24h',
        },
      },
      {
        id: 'publish',
        needs: ['review'],
        component: 'aicomponent:default/publisher',
      },
    ],
  },
});

const snapshotOf = (doc: WorkflowDocument, version = 3): WorkflowSnapshot => ({
  workflowRef: 'aiworkflow:default/triage',
  version,
  document: doc,
  componentRevisions: {
    'aicomponent:default/upper-case': 2,
    'aicomponent:default/scorer': 1,
    'aicomponent:default/publisher': 4,
  },
});

const pendingReview = (approvers: {
  owners: boolean;
  groups: string[];
  roles: string[];
}) => ({
  stepId: 'review',
  kind: 'approval' as const,
  approvers,
  requestedAt: '2026-01-01T00:00:00.000Z',
});

/** A runner that records what the API asked of Temporal. */
function fakeRunner() {
  const started: RunWorkflowArgs[] = [];
  const outcomes = new Map<string, RunOutcome>();
  const states = new Map<string, InterpreterState>();
  let reachable = true;
  const runner: jest.Mocked<ExecutionRunner> = {
    start: jest.fn(async (args: RunWorkflowArgs) => {
      if (!reachable) {
        throw new ServiceUnavailableError('Temporal is not reachable');
      }
      if (!started.some(s => s.executionId === args.executionId)) {
        started.push(args);
      }
    }),
    cancel: jest.fn(
      async (_id: string): Promise<'requested' | 'not-found' | 'closed'> =>
        'requested',
    ),
    outcome: jest.fn(
      async (id: string): Promise<RunOutcome> =>
        outcomes.get(id) ?? { state: 'open' },
    ),
    queryState: jest.fn(async (id: string) => states.get(id)),
    decideApproval: jest.fn(
      async (_id: string, _decision: ApprovalDecision): Promise<void> => {},
    ),
  };
  return {
    runner,
    started,
    outcomes,
    states,
    setReachable: (value: boolean) => {
      reachable = value;
    },
  };
}

async function setup(
  options: {
    limit?: number;
    deny?: string[];
    owners?: Record<string, string[]>;
  } = {},
) {
  const knex = await databases.init('SQLITE_3');
  const store = await DatabaseExecutionStore.create({
    database: mockServices.database({ knex }),
  });
  const temporal = fakeRunner();
  const resolve = jest.fn(async (selection: WorkflowSelection) => {
    if (!/triage$/.test(selection.workflow)) {
      throw new NotFoundError(`workflow: no workflow '${selection.workflow}'`);
    }
    if (selection.label && selection.label !== 'production') {
      throw new NotFoundError(`label: no label '${selection.label}'`);
    }
    return {
      snapshot: snapshotOf(document(options.limit), selection.version ?? 3),
      label: selection.version ? undefined : 'production',
      owner: 'group:default/team-a',
    };
  });
  const resolver: WorkflowResolver = { resolve };
  const events: Array<{ eventId: string; outcome?: string }> = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async ({ eventId }) => {
      const event: { eventId: string; outcome?: string } = { eventId };
      events.push(event);
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
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: options.deny?.includes(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
  });
  const userInfo = mockServices.userInfo.mock({
    getUserInfo: async credentials => {
      const ref = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: [ref, ...(options.owners?.[ref] ?? [])],
      };
    },
  });
  const triggers = webhookTriggers();
  const starter = new ExecutionStarter({
    store,
    runner: temporal.runner,
    logger: mockServices.logger.mock(),
  });
  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      permissions,
      auditor,
      userInfo,
      store,
      runner: temporal.runner,
      starter,
      resolver,
      triggers: triggers.source,
      // Trigger schedules are tested in triggerScheduleRoutes.test.ts.
      temporalClient: async () => {
        throw new ServiceUnavailableError('Temporal is not reachable');
      },
      auth: mockServices.auth(),
      history: await DatabaseExecutionEventHistory.create({
        database: mockServices.database({ knex }),
      }),
      metrics: await DatabaseExecutionMetrics.create({
        database: mockServices.database({ knex }),
      }),
      retention: await DatabaseExecutionRetention.create({
        database: mockServices.database({ knex }),
        defaultDays: 30,
      }),
      // Step details are tested in monitoringRoutes.test.ts.
      componentSchemas: { inputSchema: async () => ({}) },
    }),
  );
  app.use(mockErrorHandler());
  return { app, store, starter, resolve, events, triggers, ...temporal };
}

const WEBHOOK_ID = '0b6f3c55-6a59-4d6e-9a0c-5b7f1d2e3a41';
const DISABLED_ID = '6c1d2e3f-7a8b-4c9d-8e0f-1a2b3c4d5e6f';
const SCHEDULE_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
const SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA';
const sha256 = (text: string) =>
  createHash('sha256').update(text).digest('hex');

/**
 * Triggers as the workflows API keeps them: the verification is the
 * workflows API's rule (sha256 of the secret; HMAC keyed with that hash).
 */
function webhookTriggers() {
  const trigger = (
    id: string,
    rest: Partial<TriggerRecord>,
  ): TriggerRecord => ({
    id,
    type: 'webhook',
    workflow: 'aiworkflow:default/triage',
    label: 'production',
    input: { text: 'from the trigger', count: 1 },
    enabled: true,
    hasSecret: true,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...rest,
  });
  const all = [
    trigger(WEBHOOK_ID, {}),
    trigger(DISABLED_ID, { enabled: false }),
    trigger(SCHEDULE_ID, { type: 'schedule', cron: '0 9 * * *' }),
  ];
  const hashes = new Map(all.map(t => [t.id, sha256(SECRET)]));
  const source: jest.Mocked<TriggerSource> = {
    verify: jest.fn(async (id, credential) => {
      const t = all.find(x => x.id === id);
      const hash = hashes.get(id);
      if (!t || !hash || t.type !== 'webhook' || !t.enabled) return undefined;
      const ok =
        'secret' in credential
          ? sha256(credential.secret) === hash
          : createHmac('sha256', hash)
              .update(credential.payload)
              .digest('hex') === credential.signature;
      return ok ? t : undefined;
    }),
    get: jest.fn(async id => all.find(x => x.id === id)),
    listSchedules: jest.fn(async () => all.filter(x => x.type === 'schedule')),
  };
  return { source, all };
}

const start = (app: express.Express, body: object = {}, key?: string) => {
  const req = request(app).post('/executions');
  if (key) req.set('Idempotency-Key', key);
  return req.send({
    workflow: 'aiworkflow:default/triage',
    input: { text: 'hi' },
    ...body,
  });
};

describe('createRouter', () => {
  it('answers /health for a user and a service, not without credentials', async () => {
    const { app } = await setup();
    await request(app).get('/health').expect(200, { status: 'ok' });
    await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.service.header())
      .expect(200, { status: 'ok' });
    const res = await request(app)
      .get('/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  describe('POST /executions', () => {
    it('starts a run on Temporal with the resolved snapshot and audits it', async () => {
      const { app, store, started, resolve, events } = await setup();
      const res = await start(app, { label: 'production' });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ id: expect.any(String), status: 'running' });
      expect(resolve).toHaveBeenCalledWith(
        {
          workflow: 'aiworkflow:default/triage',
          version: undefined,
          label: 'production',
        },
        expect.objectContaining({
          principal: expect.objectContaining({ type: 'user' }),
        }),
      );
      expect(started).toEqual([
        {
          executionId: res.body.id,
          snapshot: snapshotOf(document()),
          input: { text: 'hi' },
        },
      ]);
      expect(await store.get(res.body.id)).toMatchObject({
        status: 'running',
        workflowRef: 'aiworkflow:default/triage',
        workflowVersion: 3,
        workflowLabel: 'production',
        owner: 'group:default/team-a',
        trigger: { type: 'manual', actor: 'user:default/mock' },
        createdBy: 'user:default/mock',
      });
      expect(events).toEqual([
        { eventId: 'execution-start', outcome: 'success' },
      ]);

      // A service starts runs as `api`.
      const byService = await start(app)
        .set('Authorization', mockCredentials.service.header())
        .expect(202);
      expect((await store.get(byService.body.id))?.trigger).toEqual({
        type: 'api',
        actor: expect.stringMatching(/^service:/),
      });
    });

    it('returns the same run for a retry with the same Idempotency-Key and starts nothing', async () => {
      const { app, runner, started } = await setup();
      const first = await start(app, {}, 'key-1').expect(202);
      const again = await start(app, {}, 'key-1').expect(202);
      expect(again.body).toEqual(first.body);
      expect(runner.start).toHaveBeenCalledTimes(1);
      // Another caller with the same key gets a run of their own.
      const other = await start(app, {}, 'key-1')
        .set('Authorization', asUser(bob))
        .expect(202);
      expect(other.body.id).not.toBe(first.body.id);
      expect(started).toHaveLength(2);
    });

    it('refuses callers without credentials or the run permission', async () => {
      const { app, runner } = await setup({
        deny: ['executions.execution.run'],
      });
      const none = await start(app).set(
        'Authorization',
        mockCredentials.none.header(),
      );
      expect(none.status).toBe(401);
      const denied = await start(app);
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toMatch(/executions.execution.run/);
      expect(runner.start).not.toHaveBeenCalled();
    });

    it('answers 400 naming the field for a bad body or input, and starts nothing', async () => {
      const { app, runner, events } = await setup();
      const missing = await request(app)
        .post('/executions')
        .send({ input: {} });
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/workflow/);

      const extra = await start(app, { colour: 'red' });
      expect(extra.status).toBe(400);
      expect(extra.body.error.message).toMatch(/colour/);

      const badVersion = await start(app, { version: 0 });
      expect(badVersion.status).toBe(400);
      expect(badVersion.body.error.message).toMatch(/version/);

      const badInput = await start(app, { input: { text: 5, count: 'x' } });
      expect(badInput.status).toBe(400);
      expect(badInput.body.error.message).toBe(
        'Invalid input: input/text must be string; input/count must be integer',
      );
      const noText = await start(app, { input: {} });
      expect(noText.status).toBe(400);
      expect(noText.body.error.message).toBe(
        "Invalid input: input must have required property 'text'",
      );
      expect(runner.start).not.toHaveBeenCalled();
      expect(events.map(e => e.outcome)).toEqual(['fail', 'fail']);
    });

    it('answers 404 for an unknown workflow or label', async () => {
      const { app, runner } = await setup();
      const unknown = await start(app, { workflow: 'default/ghost' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toMatch(/workflow: no workflow/);
      const label = await start(app, { label: 'canary' });
      expect(label.status).toBe(404);
      expect(runner.start).not.toHaveBeenCalled();
    });

    it('queues runs beyond the concurrency limit and starts them when a slot frees', async () => {
      const { app, store, starter, started } = await setup({ limit: 1 });
      const first = await start(app).expect(202);
      const second = await start(app).expect(202);
      expect(first.body.status).toBe('running');
      expect(second.body.status).toBe('queued');
      expect(started.map(s => s.executionId)).toEqual([first.body.id]);

      // Nothing frees while the first runs.
      await starter.startAllQueued();
      expect(started).toHaveLength(1);

      await store.update({ executionId: first.body.id, status: 'succeeded' });
      await starter.startAllQueued();
      expect(started.map(s => s.executionId)).toEqual([
        first.body.id,
        second.body.id,
      ]);
      expect((await store.get(second.body.id))?.status).toBe('running');
    });

    it('keeps a run queued while Temporal is unreachable and starts it later', async () => {
      const { app, store, starter, started, setReachable } = await setup();
      setReachable(false);
      const res = await start(app).expect(202);
      expect(res.body.status).toBe('queued');
      setReachable(true);
      await starter.startAllQueued();
      expect(started.map(s => s.executionId)).toEqual([res.body.id]);
      expect((await store.get(res.body.id))?.status).toBe('running');
    });
  });

  describe('reading runs', () => {
    it('lists runs with filters and pages', async () => {
      const { app, store } = await setup();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        ids.push((await start(app).expect(202)).body.id);
        await new Promise(r => setTimeout(r, 3));
      }
      await store.update({ executionId: ids[0], status: 'failed' });
      const page = await request(app).get('/executions?limit=2').expect(200);
      expect(page.body.totalItems).toBe(3);
      expect(page.body.items.map((r: { id: string }) => r.id)).toEqual([
        ids[2],
        ids[1],
      ]);
      const next = await request(app)
        .get(`/executions?limit=2&cursor=${page.body.nextCursor}`)
        .expect(200);
      expect(next.body.items.map((r: { id: string }) => r.id)).toEqual([
        ids[0],
      ]);
      expect(next.body.nextCursor).toBeUndefined();

      const failed = await request(app)
        .get('/executions?status=failed&status=queued&workflow=default/triage')
        .expect(200);
      expect(failed.body.items.map((r: { id: string }) => r.id)).toEqual([
        ids[0],
      ]);
      const mine = await request(app)
        .get(
          '/executions?createdBy=user:default/mock&owner=group:default/team-a',
        )
        .expect(200);
      expect(mine.body.totalItems).toBe(3);
      const none = await request(app)
        .get('/executions?owner=group:default/other')
        .expect(200);
      expect(none.body).toEqual({ items: [], totalItems: 0 });
    });

    it('answers 400 for bad filters and 401/403 without access', async () => {
      const { app } = await setup({ deny: ['executions.execution.read'] });
      await request(app).get('/executions').expect(403);
      await request(app)
        .get('/executions')
        .set('Authorization', mockCredentials.none.header())
        .expect(401);
      await request(app).get('/executions/x').expect(403);
      await request(app).get('/executions/x/steps').expect(403);

      const open = await setup();
      const status = await request(open.app).get('/executions?status=lost');
      expect(status.status).toBe(400);
      expect(status.body.error.message).toMatch(/status/);
      const cursor = await request(open.app).get('/executions?cursor=abc');
      expect(cursor.status).toBe(400);
      expect(cursor.body.error.message).toMatch(/^cursor:/);
      const from = await request(open.app).get('/executions?from=yesterday');
      expect(from.status).toBe(400);
      expect(from.body.error.message).toMatch(/^from:/);
      const workflow = await request(open.app).get(
        '/executions?workflow=a/b/c',
      );
      expect(workflow.status).toBe(400);
      expect(workflow.body.error.message).toMatch(/^workflow:/);
    });

    it('shows one run with the live state while it runs, else the stored one', async () => {
      const { app, store, states, outcomes } = await setup();
      const { id } = (await start(app).expect(202)).body;
      await request(app).get('/executions/absent').expect(404);

      const stored = await request(app).get(`/executions/${id}`).expect(200);
      expect(stored.body).toMatchObject({ id, status: 'running', costUsd: 0 });
      expect(stored.body.steps).toBeUndefined();

      const pending = pendingReview({ owners: true, groups: [], roles: [] });
      states.set(id, {
        status: 'paused',
        steps: {
          prepare: { status: 'succeeded', attempts: 1, costUsd: 0.1 },
          review: { status: 'waiting', attempts: 0, costUsd: 0 },
        },
        costUsd: 0.1,
        tokens: { inputTokens: 7, outputTokens: 3 },
        pendingApproval: pending,
      });
      const live = await request(app).get(`/executions/${id}`).expect(200);
      expect(live.body).toMatchObject({
        id,
        status: 'paused',
        costUsd: 0.1,
        tokens: { inputTokens: 7, outputTokens: 3 },
        pendingApproval: pending,
        steps: {
          prepare: { status: 'succeeded', attempts: 1, costUsd: 0.1 },
        },
      });

      // Closed in Temporal (terminated there): the store catches up.
      outcomes.set(id, {
        state: 'closed',
        update: {
          executionId: id,
          status: 'cancelled',
          error: { code: 'terminated', message: 'terminated' },
        },
      });
      const closed = await request(app).get(`/executions/${id}`).expect(200);
      expect(closed.body).toMatchObject({
        status: 'cancelled',
        error: { code: 'terminated' },
      });
      expect(closed.body.steps).toBeUndefined();
      expect((await store.get(id))?.status).toBe('cancelled');
    });

    it('lists the attempts of a run', async () => {
      const { app, store } = await setup();
      const { id } = (await start(app).expect(202)).body;
      await store.recordAttempt({
        executionId: id,
        stepId: 'prepare',
        iteration: 0,
        attempt: 1,
        status: 'succeeded',
        output: { text: 'HI' },
        costUsd: 0.01,
        tokens: { inputTokens: 3, outputTokens: 1 },
        latencyMs: 12,
      });
      const res = await request(app).get(`/executions/${id}/steps`).expect(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          executionId: id,
          stepId: 'prepare',
          attempt: 1,
          status: 'succeeded',
          output: { text: 'HI' },
          latencyMs: 12,
        }),
      ]);
      await request(app).get('/executions/absent/steps').expect(404);
    });
  });

  describe('POST /executions/{id}/cancel', () => {
    it('cancels a running run on Temporal and a queued one at once', async () => {
      const { app, store, runner, events } = await setup({ limit: 1 });
      const running = (await start(app).expect(202)).body.id;
      const queued = (await start(app).expect(202)).body.id;

      const res = await request(app)
        .post(`/executions/${running}/cancel`)
        .expect(202);
      expect(res.body).toEqual({ id: running, status: 'running' });
      expect(runner.cancel).toHaveBeenCalledWith(running);

      const q = await request(app)
        .post(`/executions/${queued}/cancel`)
        .expect(202);
      expect(q.body).toEqual({ id: queued, status: 'cancelled' });
      expect(runner.cancel).toHaveBeenCalledTimes(1);
      expect((await store.get(queued))?.status).toBe('cancelled');
      expect(events.filter(e => e.eventId === 'execution-cancel')).toEqual([
        { eventId: 'execution-cancel', outcome: 'success' },
        { eventId: 'execution-cancel', outcome: 'success' },
      ]);

      const again = await request(app).post(`/executions/${queued}/cancel`);
      expect(again.status).toBe(409);
      expect(again.body.error.message).toMatch(/already cancelled/);
      await request(app).post('/executions/absent/cancel').expect(404);
    });

    it('answers 409 when Temporal has already closed the run', async () => {
      const { app, store, runner, outcomes } = await setup();
      const { id } = (await start(app).expect(202)).body;
      runner.cancel.mockResolvedValueOnce('closed');
      outcomes.set(id, {
        state: 'closed',
        update: { executionId: id, status: 'succeeded', output: { ok: true } },
      });
      const res = await request(app).post(`/executions/${id}/cancel`);
      expect(res.status).toBe(409);
      expect(res.body.error.message).toMatch(/already succeeded/);
      expect((await store.get(id))?.output).toEqual({ ok: true });
    });

    it('refuses callers without the cancel permission', async () => {
      const { app, runner } = await setup({
        deny: ['executions.execution.cancel'],
      });
      const { id } = (await start(app).expect(202)).body;
      await request(app).post(`/executions/${id}/cancel`).expect(403);
      await request(app)
        .post(`/executions/${id}/cancel`)
        .set('Authorization', mockCredentials.none.header())
        .expect(401);
      expect(runner.cancel).not.toHaveBeenCalled();
    });
  });

  describe('POST /executions/{id}/approvals', () => {
    async function waiting(
      approvers: { owners: boolean; groups: string[]; roles: string[] },
      options: Parameters<typeof setup>[0] = {},
    ) {
      const ctx = await setup(options);
      const { id } = (await start(ctx.app).expect(202)).body;
      await ctx.store.update({
        executionId: id,
        status: 'paused',
        pendingApproval: pendingReview(approvers),
      });
      const decide = (as: string, body: object = {}) =>
        request(ctx.app)
          .post(`/executions/${id}/approvals`)
          .set('Authorization', asUser(as))
          .send({ stepId: 'review', decision: 'approve', ...body });
      return { ...ctx, id, decide };
    }

    it('passes the decision of a member of the owning group on, with who decided', async () => {
      const { id, decide, runner, events } = await waiting(
        { owners: true, groups: [], roles: [] },
        { owners: { [alice]: ['Group:default/Team-A'] } },
      );
      const res = await decide(alice, { comment: 'fine' }).expect(200);
      expect(res.body).toEqual({
        id,
        stepId: 'review',
        decision: 'approve',
        decidedBy: alice,
      });
      expect(runner.decideApproval).toHaveBeenCalledWith(id, {
        stepId: 'review',
        decision: 'approve',
        decidedBy: alice,
        comment: 'fine',
      });
      expect(events.at(-1)).toEqual({
        eventId: 'execution-approval',
        outcome: 'success',
      });
    });

    it('lets members of a listed group and, with roles, any holder of the permission decide', async () => {
      const groups = await waiting(
        { owners: false, groups: ['group:default/ops'], roles: [] },
        { owners: { [bob]: ['group:default/ops'] } },
      );
      expect((await groups.decide(bob, { decision: 'reject' })).status).toBe(
        200,
      );
      expect((await groups.decide(alice)).status).toBe(403);

      const roles = await waiting({
        owners: false,
        groups: [],
        roles: ['role:default/operator'],
      });
      expect((await roles.decide(alice)).status).toBe(200);
    });

    it('answers 403 to non-approvers, services and callers without the permission', async () => {
      const { id, app, decide, runner } = await waiting({
        owners: true,
        groups: [],
        roles: [],
      });
      const res = await decide(bob);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /not an approver of step 'review'/,
      );
      await request(app)
        .post(`/executions/${id}/approvals`)
        .set('Authorization', mockCredentials.service.header())
        .send({ stepId: 'review', decision: 'approve' })
        .expect(403);

      const denied = await waiting(
        { owners: true, groups: [], roles: [] },
        {
          deny: ['executions.execution.approve'],
          owners: { [alice]: ['group:default/team-a'] },
        },
      );
      await denied.decide(alice).expect(403);
      expect(runner.decideApproval).not.toHaveBeenCalled();
    });

    it('answers 409 when nothing waits on the step, or the run refuses', async () => {
      const { id, app, decide, runner, states, store } = await waiting(
        { owners: true, groups: [], roles: [] },
        { owners: { [alice]: ['group:default/team-a'] } },
      );
      const other = await decide(alice, { stepId: 'publish' });
      expect(other.status).toBe(409);
      expect(other.body.error.message).toMatch(
        /waits for no decision on step 'publish' \(it waits on 'review'\)/,
      );

      runner.decideApproval.mockRejectedValueOnce(
        new ConflictError('The run refused the decision: already decided'),
      );
      const refused = await decide(alice);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(/already decided/);

      // The live state knows better than the store.
      states.set(id, {
        status: 'running',
        steps: {},
        costUsd: 0,
        tokens: { inputTokens: 0, outputTokens: 0 },
      });
      await decide(alice).expect(409);

      await store.update({ executionId: id, status: 'succeeded' });
      const finished = await decide(alice);
      expect(finished.status).toBe(409);
      expect(finished.body.error.message).toMatch(/is succeeded/);

      await request(app)
        .post('/executions/absent/approvals')
        .set('Authorization', asUser(alice))
        .send({ stepId: 'review', decision: 'approve' })
        .expect(404);
      const bad = await decide(alice, { decision: 'maybe' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/decision/);
    });
  });

  describe('resume and re-run', () => {
    /** A failed run where prepare and score finished, review was approved and publish failed. */
    async function failedRun(options: Parameters<typeof setup>[0] = {}) {
      const ctx = await setup(options);
      const { id } = (await start(ctx.app).expect(202)).body;
      const attempt = (
        stepId: string,
        iteration: number,
        status: 'succeeded' | 'failed',
        output?: unknown,
      ) =>
        ctx.store.recordAttempt({
          executionId: id,
          stepId,
          iteration,
          attempt: 1,
          status,
          output,
          costUsd: 0.5,
          tokens: { inputTokens: 2, outputTokens: 1 },
        });
      await attempt('prepare', 0, 'succeeded', { text: 'HI' });
      await attempt('score', 0, 'succeeded', 1);
      await attempt('score', 1, 'succeeded', 2);
      await ctx.store.recordStepState({
        executionId: id,
        stepId: 'review',
        iteration: 0,
        status: 'succeeded',
        output: { decision: 'approve' },
      });
      await attempt('publish', 0, 'failed');
      await ctx.store.update({
        executionId: id,
        status: 'failed',
        error: { code: 'boom', message: 'boom', stepId: 'publish' },
      });
      return { ...ctx, id };
    }

    const spent = { costUsd: 0.5, tokens: { inputTokens: 2, outputTokens: 1 } };

    it('resumes a failed run as a new linked run that reuses every succeeded step', async () => {
      const { app, id, store, started, events } = await failedRun();
      const res = await request(app).post(`/executions/${id}/resume`);
      expect(res.status).toBe(202);
      expect(res.body.id).not.toBe(id);
      expect(started.at(-1)).toEqual({
        executionId: res.body.id,
        snapshot: snapshotOf(document()),
        input: { text: 'hi' },
        completed: {
          prepare: { output: { text: 'HI' }, ...spent },
          score: {
            output: [1, 2],
            costUsd: 1,
            tokens: { inputTokens: 4, outputTokens: 2 },
          },
          review: {
            output: { decision: 'approve' },
            costUsd: 0,
            tokens: { inputTokens: 0, outputTokens: 0 },
          },
        },
      });
      expect(await store.get(res.body.id)).toMatchObject({
        parentExecutionId: id,
        trigger: {
          type: 'resume',
          fromExecutionId: id,
          actor: 'user:default/mock',
        },
        workflowVersion: 3,
        workflowLabel: 'production',
      });
      expect(events.at(-1)).toEqual({
        eventId: 'execution-resume',
        outcome: 'success',
      });
    });

    it('re-runs from a step, reusing only the steps before it, with a new input', async () => {
      const { app, id, store, started, events } = await failedRun();
      const res = await request(app)
        .post(`/executions/${id}/rerun`)
        .send({ fromStepId: 'score', input: { text: 'again' } });
      expect(res.status).toBe(202);
      expect(started.at(-1)).toEqual({
        executionId: res.body.id,
        snapshot: snapshotOf(document()),
        input: { text: 'again' },
        completed: { prepare: { output: { text: 'HI' }, ...spent } },
      });
      expect((await store.get(res.body.id))?.trigger).toEqual({
        type: 'rerun',
        fromExecutionId: id,
        fromStepId: 'score',
        actor: 'user:default/mock',
      });
      expect(events.at(-1)).toEqual({
        eventId: 'execution-rerun',
        outcome: 'success',
      });

      // Without an input, the old one.
      await request(app)
        .post(`/executions/${id}/rerun`)
        .send({ fromStepId: 'publish' })
        .expect(202);
      expect(started.at(-1)?.input).toEqual({ text: 'hi' });
      expect(Object.keys(started.at(-1)?.completed ?? {})).toEqual([
        'prepare',
        'score',
        'review',
      ]);
    });

    it('answers 400, 404 and 409 for bad re-runs and resumes', async () => {
      const { app, id, runner } = await failedRun();
      const calls = runner.start.mock.calls.length;
      const unknownStep = await request(app)
        .post(`/executions/${id}/rerun`)
        .send({ fromStepId: 'nope' });
      expect(unknownStep.status).toBe(400);
      expect(unknownStep.body.error.message).toMatch(
        /^fromStepId: 'nope' is not a step/,
      );
      const badInput = await request(app)
        .post(`/executions/${id}/rerun`)
        .send({ fromStepId: 'score', input: { text: 1 } });
      expect(badInput.status).toBe(400);
      expect(badInput.body.error.message).toMatch(/input\/text must be string/);
      await request(app).post(`/executions/${id}/rerun`).send({}).expect(400);
      await request(app).post('/executions/absent/resume').expect(404);
      await request(app)
        .post('/executions/absent/rerun')
        .send({ fromStepId: 'score' })
        .expect(404);

      const running = (await start(app).expect(202)).body.id;
      const resume = await request(app).post(`/executions/${running}/resume`);
      expect(resume.status).toBe(409);
      expect(resume.body.error.message).toMatch(/is running/);
      await request(app)
        .post(`/executions/${running}/rerun`)
        .send({ fromStepId: 'score' })
        .expect(409);
      expect(runner.start.mock.calls.length).toBe(calls + 1);
    });

    it('refuses callers without the run permission', async () => {
      const { app, id } = await failedRun();
      const denied = await setup({ deny: ['executions.execution.run'] });
      // Another app over another database: the permission is checked first.
      const resume = await request(denied.app).post(`/executions/${id}/resume`);
      expect(resume.status).toBe(403);
      const rerun = await request(denied.app)
        .post(`/executions/${id}/rerun`)
        .send({ fromStepId: 'score' });
      expect(rerun.status).toBe(403);
      const anonymous = await request(app)
        .post(`/executions/${id}/resume`)
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
      expect(denied.started).toEqual([]);
    });
  });

  describe('POST /webhooks/{triggerId}', () => {
    const hook = (app: express.Express, id = WEBHOOK_ID) =>
      request(app)
        .post(`/webhooks/${id}`)
        .set('Content-Type', 'application/json');

    it('answers the same 401 without a secret, with a wrong one, for unknown and disabled triggers', async () => {
      const { app, runner, events } = await setup();
      const body = JSON.stringify({ text: 'hi' });
      const answers = await Promise.all([
        hook(app).send(body),
        hook(app).set('Authorization', 'Bearer wrong').send(body),
        hook(app)
          .set('X-AI-Ops-Signature', `sha256=${'0'.repeat(64)}`)
          .send(body),
        hook(app).set('X-AI-Ops-Signature', 'sha256=zz').send(body),
        hook(app, '11111111-2222-4333-8444-555555555555')
          .set('Authorization', `Bearer ${SECRET}`)
          .send(body),
        hook(app, DISABLED_ID)
          .set('Authorization', `Bearer ${SECRET}`)
          .send(body),
        hook(app, SCHEDULE_ID)
          .set('Authorization', `Bearer ${SECRET}`)
          .send(body),
      ]);
      for (const res of answers) {
        expect(res.status).toBe(401);
        expect(res.body.error.message).toBe(WEBHOOK_UNAUTHORIZED);
      }
      expect(runner.start).not.toHaveBeenCalled();
      expect(events.every(e => e.eventId === 'execution-webhook')).toBe(true);
      expect(events.map(e => e.outcome)).toEqual(answers.map(() => 'fail'));
    });

    it('starts a run of the trigger with a bearer secret, the body over the trigger input', async () => {
      const { app, store, started, resolve, events } = await setup();
      const res = await hook(app)
        .set('Authorization', `Bearer ${SECRET}`)
        .send(JSON.stringify({ text: 'from the body' }));
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ id: expect.any(String), status: 'running' });
      expect(resolve).toHaveBeenCalledWith(
        {
          workflow: 'aiworkflow:default/triage',
          label: 'production',
          version: undefined,
        },
        expect.objectContaining({
          principal: expect.objectContaining({ type: 'service' }),
        }),
      );
      expect(started[0].input).toEqual({ text: 'from the body', count: 1 });
      expect(await store.get(res.body.id)).toMatchObject({
        trigger: { type: 'webhook', triggerId: WEBHOOK_ID },
        createdBy: `webhook:${WEBHOOK_ID}`,
        input: { text: 'from the body', count: 1 },
      });
      expect(events).toEqual([
        { eventId: 'execution-webhook', outcome: 'success' },
      ]);
    });

    it('starts a run with an HMAC signature of the raw body', async () => {
      const { app, started } = await setup();
      const body = '{"count": 7}';
      const signature = createHmac('sha256', sha256(SECRET))
        .update(body)
        .digest('hex');
      const res = await hook(app)
        .set('X-AI-Ops-Signature', `sha256=${signature}`)
        .send(body);
      expect(res.status).toBe(202);
      expect(started[0].input).toEqual({ text: 'from the trigger', count: 7 });
      // The same signature over another body is refused.
      await hook(app)
        .set('X-AI-Ops-Signature', `sha256=${signature}`)
        .send('{"count": 8}')
        .expect(401);
    });

    it('answers 400 naming the field for input the workflow refuses or a body that is no JSON object', async () => {
      const { app, runner } = await setup();
      const bad = await hook(app)
        .set('Authorization', `Bearer ${SECRET}`)
        .send(JSON.stringify({ count: 'many' }));
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/input\/count/);
      const notJson = await hook(app)
        .set('Authorization', `Bearer ${SECRET}`)
        .send('text=hi');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.message).toMatch(/^body: /);
      const array = await hook(app)
        .set('Authorization', `Bearer ${SECRET}`)
        .send('[1]');
      expect(array.status).toBe(400);
      expect(array.body.error.message).toMatch(/^body: /);
      expect(runner.start).not.toHaveBeenCalled();
    });

    it('answers 413 for a body over 256 KiB', async () => {
      const { app, runner } = await setup();
      const res = await hook(app)
        .set('Authorization', `Bearer ${SECRET}`)
        .send(JSON.stringify({ text: 'x'.repeat(300 * 1024) }));
      expect(res.status).toBe(413);
      expect(runner.start).not.toHaveBeenCalled();
    });
  });

  describe('POST /internal/schedule-runs', () => {
    const fire = (app: express.Express, triggerId: string, key = 'fire-1') =>
      request(app)
        .post('/internal/schedule-runs')
        .set('Authorization', mockCredentials.service.header())
        .set('Idempotency-Key', key)
        .send({ triggerId });

    it('starts one run per firing of a schedule trigger, for services only', async () => {
      const { app, store, started } = await setup();
      const first = await fire(app, SCHEDULE_ID).expect(202);
      const again = await fire(app, SCHEDULE_ID).expect(202);
      expect(again.body.id).toBe(first.body.id);
      expect(started).toHaveLength(1);
      expect(await store.get(first.body.id)).toMatchObject({
        trigger: { type: 'schedule', triggerId: SCHEDULE_ID },
        input: { text: 'from the trigger', count: 1 },
      });
      await request(app)
        .post('/internal/schedule-runs')
        .send({ triggerId: SCHEDULE_ID })
        .expect(403);
      await fire(app, '11111111-2222-4333-8444-555555555555').expect(404);
      await fire(app, WEBHOOK_ID).expect(409);
      const extra = await request(app)
        .post('/internal/schedule-runs')
        .set('Authorization', mockCredentials.service.header())
        .send({ triggerId: SCHEDULE_ID, colour: 'red' });
      expect(extra.status).toBe(400);
      expect(extra.body.error.message).toMatch(/colour/);
    });
  });
});
