import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import { Knex } from 'knex';
import path from 'node:path';
import { DatabaseExecutionStore } from './DatabaseExecutionStore';
import { DatabaseExecutionMetrics, percentileCont } from './metrics';
import { DatabaseExecutionRetention } from './retention';
import { summarizeStatus } from './steps';
import { NewExecution } from './types';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const snapshot = (name = 'shout', budget?: number): WorkflowSnapshot => ({
  workflowRef: `aiworkflow:default/${name}`,
  version: 1,
  document: {
    apiVersion: 'ai-ops.dev/v1alpha1',
    kind: 'AIWorkflow',
    metadata: { name },
    spec: {
      owner: 'group:default/team-a',
      lifecycle: 'experimental',
      ...(budget !== undefined ? { budget: { maxCostUsd: budget } } : {}),
      steps: [
        { id: 'upper', component: 'aicomponent:default/upper-case' },
        {
          id: 'judge',
          needs: ['upper'],
          component: 'aicomponent:default/judge',
          forEach: { items: '${{ [1, 2, 3] }}' },
        },
      ],
    },
  },
  componentRevisions: {
    'aicomponent:default/upper-case': 2,
    'aicomponent:default/judge': 1,
  },
});

const newRun = (
  id: string,
  overrides: Partial<NewExecution> = {},
): NewExecution => ({
  id,
  snapshot: snapshot(),
  owner: 'group:default/team-a',
  input: { text: 'hi' },
  trigger: { type: 'api', actor: 'user:default/alice' },
  createdBy: 'user:default/alice',
  status: 'running',
  ...overrides,
});

const tokens = (inputTokens = 0, outputTokens = 0) => ({
  inputTokens,
  outputTokens,
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(databases.eachSupportedId())(
  'monitoring reads of the execution store on %p',
  databaseId => {
    async function setup() {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({ knex });
      const store = await DatabaseExecutionStore.create({ database });
      const metrics = await DatabaseExecutionMetrics.create({ database });
      const retention = await DatabaseExecutionRetention.create({
        database,
        defaultDays: 30,
        batchSize: 2,
      });
      return { knex, store, metrics, retention };
    }

    /** Sets a run's times (as if it ran then) and marks its events published. */
    async function backdate(
      knex: Knex,
      id: string,
      times: { queuedAt: number; startedAt?: number; finishedAt?: number },
    ) {
      await knex('executions')
        .where({ id })
        .update({
          queued_at: new Date(times.queuedAt),
          started_at:
            times.startedAt === undefined ? null : new Date(times.startedAt),
          finished_at:
            times.finishedAt === undefined ? null : new Date(times.finishedAt),
        });
      await knex('execution_outbox')
        .where({ execution_id: id })
        .update({ published_at: new Date() });
    }

    it('filters runs by trigger, budget and pin, paged by cursor', async () => {
      const { store } = await setup();
      await store.create(newRun('manual-1', { trigger: { type: 'manual' } }));
      await store.create(
        newRun('webhook-1', {
          trigger: { type: 'webhook', triggerId: 't1' },
          snapshot: snapshot('shout', 0.5),
        }),
      );
      await store.create(
        newRun('schedule-1', {
          trigger: { type: 'schedule', triggerId: 't2' },
          snapshot: snapshot('shout', 0.5),
        }),
      );
      await store.create(newRun('api-1', { snapshot: snapshot('shout', 0.5) }));
      // Over budget by cost; the budget pause of another run.
      await store.update({
        executionId: 'webhook-1',
        status: 'succeeded',
        costUsd: 0.75,
        tokens: tokens(10, 10),
      });
      await store.update({
        executionId: 'schedule-1',
        status: 'paused',
        costUsd: 0.4,
        pendingApproval: {
          stepId: 'judge',
          kind: 'budget',
          approvers: { owners: true, groups: [], roles: [] },
          requestedAt: new Date().toISOString(),
        },
      });
      // Within budget.
      await store.update({
        executionId: 'api-1',
        status: 'succeeded',
        costUsd: 0.25,
      });
      await store.setPinned('api-1', true);

      const ids = async (filter: Parameters<typeof store.list>[0]['filter']) =>
        (await store.list({ filter, limit: 50 })).items.map(r => r.id).sort();

      expect(await ids({ triggerTypes: ['webhook', 'schedule'] })).toEqual([
        'schedule-1',
        'webhook-1',
      ]);
      expect(await ids({ triggerTypes: ['manual'] })).toEqual(['manual-1']);
      expect(await ids({ overBudget: true })).toEqual([
        'schedule-1',
        'webhook-1',
      ]);
      expect(await ids({ overBudget: false })).toEqual(['api-1', 'manual-1']);
      expect(await ids({ pinned: true })).toEqual(['api-1']);
      expect(
        await ids({ overBudget: true, triggerTypes: ['webhook'] }),
      ).toEqual(['webhook-1']);

      // The budget pause stays visible after the run resumes and finishes.
      await store.update({ executionId: 'schedule-1', status: 'running' });
      await store.update({
        executionId: 'schedule-1',
        status: 'succeeded',
        costUsd: 0.45,
      });
      const resumed = await store.get('schedule-1');
      expect(resumed).toMatchObject({ budgetUsd: 0.5, overBudget: true });
      expect(await store.get('api-1')).toMatchObject({
        budgetUsd: 0.5,
        overBudget: false,
        pinned: true,
      });
      expect(await store.get('manual-1')).toMatchObject({
        overBudget: false,
        pinned: false,
      });
      expect((await store.get('manual-1'))!.budgetUsd).toBeUndefined();

      // Keyset pages with a filter: every run once.
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({
          filter: { overBudget: false, triggerTypes: ['api', 'manual'] },
          limit: 1,
          cursor,
        });
        expect(page.totalItems).toBe(2);
        seen.push(...page.items.map(r => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.sort()).toEqual(['api-1', 'manual-1']);
    });

    it('pages the attempts of a run with thousands of steps', async () => {
      const { store, knex } = await setup();
      await store.create(newRun('big'));
      const start = Date.UTC(2026, 0, 1);
      const rows = Array.from({ length: 2400 }, (_, i) => ({
        execution_id: 'big',
        step_id: `step-${String(i % 1200).padStart(4, '0')}`,
        iteration: 0,
        attempt: i < 1200 ? 1 : 2,
        status: 'succeeded',
        cost_usd: 0,
        input_tokens: 0,
        output_tokens: 0,
        // Many attempts share a start time: the cursor must break ties.
        started_at: new Date(start + Math.floor(i / 7) * 1000),
      }));
      for (let i = 0; i < rows.length; i += 200) {
        await knex('step_attempts').insert(rows.slice(i, i + 200));
      }
      const keys: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.pageAttempts('big', { limit: 500, cursor });
        keys.push(
          ...page.items.map(a => `${a.stepId}/${a.iteration}/${a.attempt}`),
        );
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(5);
      expect(keys).toHaveLength(2400);
      expect(new Set(keys).size).toBe(2400);
      expect(keys[0]).toBe('step-0000/0/1');
      expect(keys[keys.length - 1]).toBe('step-1199/0/2');
      await expect(
        store.pageAttempts('big', { limit: 10, cursor: 'nonsense' }),
      ).rejects.toThrow(/cursor/);
    });

    it('shows a step with its iterations, attempts, logs and scores', async () => {
      const { store } = await setup();
      await store.create(newRun('run-1'));
      const judge = {
        executionId: 'run-1',
        stepId: 'judge',
        componentRef: 'aicomponent:default/judge',
      };
      // Iteration 0: failed once, then the evaluator's verdict.
      await store.recordAttempt({
        ...judge,
        iteration: 0,
        attempt: 1,
        status: 'running',
        input: { actual: 'a', apiKey: 'k' },
        costUsd: 0,
        tokens: tokens(),
      });
      await store.recordAttempt({
        ...judge,
        iteration: 0,
        attempt: 1,
        status: 'failed',
        error: { code: 'RateLimited', message: 'slow down', retryable: true },
        costUsd: 0.001,
        tokens: tokens(5, 0),
        latencyMs: 40,
        logs: [
          {
            time: '2026-01-01T00:00:00.000Z',
            level: 'warn',
            message: 'provider answered 429',
          },
        ],
      });
      await store.recordAttempt({
        ...judge,
        iteration: 0,
        attempt: 2,
        status: 'succeeded',
        input: { actual: 'a' },
        output: { score: 0.8, passed: true, reason: 'close enough' },
        costUsd: 0.002,
        tokens: tokens(20, 5),
        latencyMs: 120,
      });
      // Iteration 1: explicit scores; iteration 2 still running.
      await store.recordAttempt({
        ...judge,
        iteration: 1,
        attempt: 1,
        status: 'succeeded',
        output: { text: 'fine' },
        scores: [{ name: 'toxicity', score: 0.1, passed: true }],
        costUsd: 0.003,
        tokens: tokens(30, 5),
        latencyMs: 90,
      });
      await store.recordAttempt({
        ...judge,
        iteration: 2,
        attempt: 1,
        status: 'running',
        costUsd: 0,
        tokens: tokens(),
      });

      const detail = await store.stepIterations('run-1', 'judge', {
        limit: 2,
      });
      expect(detail).toMatchObject({
        stepId: 'judge',
        componentRef: 'aicomponent:default/judge',
        status: 'running',
        iterationCount: 3,
        costUsd: 0.006,
        tokens: { inputTokens: 55, outputTokens: 10 },
      });
      expect(detail!.iterations.map(i => [i.iteration, i.status])).toEqual([
        [0, 'succeeded'],
        [1, 'succeeded'],
      ]);
      const [failed, passed] = detail!.iterations[0].attempts;
      expect(failed).toMatchObject({
        attempt: 1,
        status: 'failed',
        input: { actual: 'a', apiKey: 'k' },
        error: { code: 'RateLimited' },
        latencyMs: 40,
        logs: [{ level: 'warn', message: 'provider answered 429' }],
      });
      expect(failed.scores).toBeUndefined();
      expect(passed.scores).toEqual([
        {
          name: 'aicomponent:default/judge',
          score: 0.8,
          passed: true,
          reason: 'close enough',
        },
      ]);
      expect(detail!.iterations[1].attempts[0].scores).toEqual([
        { name: 'toxicity', score: 0.1, passed: true },
      ]);

      const next = await store.stepIterations('run-1', 'judge', {
        limit: 2,
        cursor: detail!.nextCursor,
      });
      expect(next!.iterations.map(i => i.iteration)).toEqual([2]);
      expect(next!.nextCursor).toBeUndefined();
      const one = await store.stepIterations('run-1', 'judge', {
        iteration: 1,
        limit: 50,
      });
      expect(one!.iterations.map(i => i.iteration)).toEqual([1]);
      expect(
        await store.stepIterations('run-1', 'upper', { limit: 50 }),
      ).toBeUndefined();
    });

    it('computes workflow metrics per bucket with percentiles and failing steps', async () => {
      const { store, knex, metrics } = await setup();
      const base = Date.UTC(2026, 0, 1, 10);
      // Hour 10: four runs (3 succeeded, 1 failed); hour 12: one cancelled
      // and one still running.
      const runs = [
        { id: 'a', status: 'succeeded', at: base, ms: 100, cost: 0.1 },
        { id: 'b', status: 'succeeded', at: base + 60_000, ms: 200, cost: 0.2 },
        {
          id: 'c',
          status: 'succeeded',
          at: base + 120_000,
          ms: 400,
          cost: 0.3,
        },
        { id: 'd', status: 'failed', at: base + 180_000, ms: 1000, cost: 0.4 },
        { id: 'e', status: 'cancelled', at: base + 2 * HOUR, ms: 50, cost: 0 },
        { id: 'f', status: 'running', at: base + 2 * HOUR + 1, cost: 0.05 },
      ];
      for (const run of runs) {
        await store.create(newRun(run.id));
        await store.update({
          executionId: run.id,
          status: run.status as 'succeeded',
          costUsd: run.cost,
          tokens: tokens(100, 10),
        });
        await backdate(knex, run.id, {
          queuedAt: run.at,
          startedAt: run.at,
          finishedAt: run.ms === undefined ? undefined : run.at + run.ms,
        });
      }
      let clock = base;
      const fail = (id: string, stepId: string, attempt: number, msg: string) =>
        store.recordAttempt({
          startedAt: new Date((clock += 1000)).toISOString(),
          executionId: id,
          stepId,
          iteration: 0,
          attempt,
          componentRef: 'aicomponent:default/upper-case',
          status: 'failed',
          error: { code: 'Boom', message: msg },
          costUsd: 0,
          tokens: tokens(),
        });
      await fail('d', 'judge', 1, 'first');
      await fail('d', 'judge', 2, 'second');
      await fail('b', 'judge', 1, 'third');
      await fail('d', 'upper', 1, 'upper broke');

      const report = await metrics.workflowMetrics('aiworkflow:default/SHOUT', {
        from: new Date(base - HOUR),
        to: new Date(base + 3 * HOUR),
        bucket: 'hour',
      });
      expect(report.ref).toBe('aiworkflow:default/shout');
      expect(report.buckets.map(b => b.start)).toEqual([
        new Date(base).toISOString(),
        new Date(base + 2 * HOUR).toISOString(),
      ]);
      const [ten, twelve] = report.buckets;
      expect(ten).toMatchObject({
        runs: 4,
        succeeded: 3,
        failed: 1,
        successRate: 0.75,
        inputTokens: 400,
        outputTokens: 40,
        costUsd: 1,
      });
      // percentile_cont over 100, 200, 400, 1000.
      expect(ten.p50LatencyMs).toBeCloseTo(300, 3);
      expect(ten.p95LatencyMs).toBeCloseTo(
        percentileCont([100, 200, 400, 1000], 0.95),
        3,
      );
      expect(ten.p95LatencyMs).toBeCloseTo(910, 3);
      // Cancelled runs count neither way; a running run has no duration.
      expect(twelve).toMatchObject({ runs: 2, succeeded: 0, failed: 0 });
      expect(twelve.successRate).toBeUndefined();
      expect(twelve.p50LatencyMs).toBe(50);
      expect(report.totals).toMatchObject({
        runs: 6,
        succeeded: 3,
        failed: 1,
        successRate: 0.75,
        costUsd: 1.05,
      });
      expect(report.totals.p50LatencyMs).toBeCloseTo(200, 3);
      expect(report.failing).toEqual([
        { key: 'judge', failures: 3, runs: 2, lastError: 'third' },
        { key: 'upper', failures: 1, runs: 1, lastError: 'upper broke' },
      ]);

      const daily = await metrics.workflowMetrics('aiworkflow:default/shout', {
        from: new Date(Date.UTC(2026, 0, 1)),
        to: new Date(Date.UTC(2026, 0, 2)),
        bucket: 'day',
      });
      expect(daily.buckets).toHaveLength(1);
      expect(daily.buckets[0]).toMatchObject({
        start: '2026-01-01T00:00:00.000Z',
        runs: 6,
      });

      await expect(
        metrics.workflowMetrics('aiworkflow:default/shout', {
          from: new Date(base),
          to: new Date(base - 1),
          bucket: 'hour',
        }),
      ).rejects.toThrow(/from: must be before to/);
      await expect(
        metrics.workflowMetrics('aiworkflow:default/shout', {
          from: new Date(0),
          to: new Date(base),
          bucket: 'hour',
        }),
      ).rejects.toThrow(/bucket: .* at most 1000/);
    });

    it('estimates a run from the newest succeeded runs of the version, else of the workflow', async () => {
      const { store, knex, metrics } = await setup();
      const now = Date.UTC(2026, 0, 20, 12);
      const since = new Date(now - 30 * DAY);
      const v2 = { ...snapshot(), version: 2 };
      // Version 1: three succeeded runs, one failed, one cancelled and one too
      // old (ignored); version 2: no succeeded run yet.
      const runs = [
        { id: 'a', status: 'succeeded', ms: 1000, cost: 0.01, tok: [100, 10] },
        { id: 'b', status: 'succeeded', ms: 2000, cost: 0.02, tok: [200, 20] },
        { id: 'c', status: 'succeeded', ms: 4000, cost: 0.04, tok: [400, 40] },
        { id: 'd', status: 'failed', ms: 9000, cost: 9, tok: [9000, 900] },
        { id: 'e', status: 'cancelled', ms: 10, cost: 0, tok: [0, 0] },
        {
          id: 'old',
          status: 'succeeded',
          ms: 9000,
          cost: 9,
          tok: [9000, 900],
          at: now - 40 * DAY,
        },
      ];
      for (const run of runs) {
        await store.create(newRun(run.id));
        await store.update({
          executionId: run.id,
          status: run.status as 'succeeded',
          costUsd: run.cost,
          tokens: tokens(run.tok[0], run.tok[1]),
        });
        const at = run.at ?? now - DAY;
        await backdate(knex, run.id, {
          queuedAt: at,
          startedAt: at,
          finishedAt: at + run.ms,
        });
      }
      await store.create(newRun('v2-running', { snapshot: v2 }));
      // Version 2's one finished run failed.
      await store.create(newRun('v2-failed', { snapshot: v2 }));
      await store.update({ executionId: 'v2-failed', status: 'failed' });

      const ofVersion = await metrics.runEstimate('aiworkflow:default/Shout', {
        version: 1,
        since,
      });
      expect(ofVersion).toEqual({
        workflowRef: 'aiworkflow:default/shout',
        basis: 'version',
        version: 1,
        runs: 3,
        since: since.toISOString(),
        // Every finished run of version 1 counts here, the old one not.
        finished: { succeeded: 3, failed: 1, cancelled: 1 },
        costUsd: { p50: 0.02, p95: percentileCont([0.01, 0.02, 0.04], 0.95) },
        tokens: { p50: 220, p95: percentileCont([110, 220, 440], 0.95) },
        durationMs: { p50: 2000, p95: 3800 },
      });
      // Version 2 has no succeeded run: the workflow's runs stand in.
      expect(
        await metrics.runEstimate('aiworkflow:default/shout', {
          version: 2,
          since,
        }),
      ).toMatchObject({
        basis: 'workflow',
        version: 2,
        runs: 3,
        // Of the workflow, as the estimate: both versions' runs.
        finished: { succeeded: 3, failed: 2, cancelled: 1 },
      });
      expect(
        await metrics.runEstimate('aiworkflow:default/quiet', { since }),
      ).toEqual({
        workflowRef: 'aiworkflow:default/quiet',
        basis: 'none',
        runs: 0,
        since: since.toISOString(),
        finished: { succeeded: 0, failed: 0, cancelled: 0 },
      });
    });

    it('computes component metrics over the attempts that called it', async () => {
      const { store, knex, metrics } = await setup();
      const base = Date.UTC(2026, 0, 5);
      await store.create(newRun('r1'));
      await store.create(newRun('r2', { snapshot: snapshot('other-flow') }));
      const call = (
        executionId: string,
        attempt: number,
        status: 'succeeded' | 'failed',
        latencyMs: number,
        at: number,
        costUsd: number,
      ) =>
        store.recordAttempt({
          executionId,
          stepId: `s-${attempt}-${latencyMs}`,
          iteration: 0,
          attempt,
          componentRef: 'aicomponent:default/llm',
          status,
          ...(status === 'failed'
            ? { error: { code: 'Timeout', message: `slow ${latencyMs}` } }
            : {}),
          costUsd,
          tokens: tokens(1000, 500),
          latencyMs,
          model: 'my-llama',
          startedAt: new Date(at).toISOString(),
        });
      await call('r1', 1, 'succeeded', 10, base + 1000, 0.01);
      await call('r1', 1, 'succeeded', 20, base + 2000, 0.01);
      await call('r2', 1, 'failed', 30, base + 3000, 0.01);
      await call('r2', 2, 'succeeded', 40, base + DAY + 1000, 0.01);
      // A skipped state (attempt 0) of the same component is no call.
      await store.recordStepState({
        executionId: 'r1',
        stepId: 'skipped-one',
        iteration: 0,
        status: 'skipped',
      });
      await knex('step_attempts')
        .where({ step_id: 'skipped-one' })
        .update({ component_ref: 'aicomponent:default/llm' });

      const report = await metrics.componentMetrics('aicomponent:default/llm', {
        from: new Date(base),
        to: new Date(base + 2 * DAY),
        bucket: 'day',
      });
      expect(report.buckets).toHaveLength(2);
      expect(report.buckets[0]).toMatchObject({
        start: new Date(base).toISOString(),
        runs: 3,
        succeeded: 2,
        failed: 1,
        p50LatencyMs: 20,
        inputTokens: 3000,
        outputTokens: 1500,
        costUsd: 0.03,
      });
      expect(report.buckets[0].successRate).toBeCloseTo(2 / 3, 6);
      expect(report.buckets[0].p95LatencyMs).toBeCloseTo(29, 3);
      expect(report.totals).toMatchObject({ runs: 4, costUsd: 0.04 });
      expect(report.totals.p50LatencyMs).toBeCloseTo(25, 3);
      expect(report.failing).toEqual([
        {
          key: 'aiworkflow:default/other-flow',
          failures: 1,
          runs: 1,
          lastError: 'slow 30',
        },
      ]);
    });

    it('prunes old finished runs in batches, keeping pinned, recent and unfinished ones', async () => {
      const { store, knex, retention } = await setup();
      const now = Date.UTC(2026, 5, 1);
      const old = now - 40 * DAY;
      const make = async (
        id: string,
        status: 'succeeded' | 'failed' | 'running',
        finishedAt: number | undefined,
        workflow = 'shout',
      ) => {
        await store.create(newRun(id, { snapshot: snapshot(workflow) }));
        await store.recordAttempt({
          executionId: id,
          stepId: 'upper',
          iteration: 0,
          attempt: 1,
          componentRef: 'aicomponent:default/upper-case',
          status: 'succeeded',
          costUsd: 0,
          tokens: tokens(),
        });
        await store.update({ executionId: id, status });
        await backdate(knex, id, {
          queuedAt: (finishedAt ?? old) - 1000,
          startedAt: (finishedAt ?? old) - 1000,
          finishedAt,
        });
      };
      await make('old-1', 'succeeded', old);
      await make('old-2', 'failed', old + 1);
      await make('old-3', 'succeeded', old + 2);
      await make('old-pinned', 'succeeded', old);
      await store.setPinned('old-pinned', true);
      await make('old-running', 'running', undefined);
      await make('recent', 'succeeded', now - 5 * DAY);
      // An event of this run is not published yet: it waits for the relay.
      await make('old-unpublished', 'succeeded', old);
      await knex('execution_outbox')
        .where({ execution_id: 'old-unpublished' })
        .update({ published_at: null });
      // A workflow that keeps runs for 60 days, and one for 3.
      await make('kept-longer', 'succeeded', old, 'audit-trail');
      await make('short-lived', 'succeeded', now - 5 * DAY, 'scratch');
      await retention.setPolicy('aiworkflow:default/audit-trail', 60, 'u');
      await retention.setPolicy('aiworkflow:default/scratch', 3);
      {
        // The consumed history of a run goes with it.
        const outbox = await knex('execution_outbox').where({
          execution_id: 'old-1',
        });
        await knex('execution_events').insert(
          outbox.map(row => ({
            id: row.id,
            execution_id: row.execution_id,
            sequence: row.sequence,
            type: JSON.parse(row.payload).type,
            time: new Date(old),
            payload: row.payload,
            received_at: new Date(old),
          })),
        );
      }

      expect(await retention.prune({ now: new Date(now) })).toEqual({
        deletedRuns: 4,
      });
      const left = (await knex('executions').select('id'))
        .map(r => r.id)
        .sort();
      expect(left).toEqual([
        'kept-longer',
        'old-pinned',
        'old-running',
        'old-unpublished',
        'recent',
      ]);
      for (const table of ['step_attempts', 'execution_outbox']) {
        const ids = new Set(
          (await knex(table).select('execution_id')).map(r => r.execution_id),
        );
        expect([...ids].sort()).toEqual(left);
      }
      expect(
        await knex('execution_events').where({ execution_id: 'old-1' }),
      ).toHaveLength(0);
      // Nothing more to do; the policy reads back.
      expect(await retention.prune({ now: new Date(now) })).toEqual({
        deletedRuns: 0,
      });
      expect(
        await retention.getPolicy('aiworkflow:default/Audit-Trail'),
      ).toMatchObject({
        workflowRef: 'aiworkflow:default/audit-trail',
        days: 60,
        source: 'workflow',
        updatedBy: 'u',
      });
      expect(
        await retention.deletePolicy('aiworkflow:default/audit-trail'),
      ).toEqual({
        workflowRef: 'aiworkflow:default/audit-trail',
        days: 30,
        source: 'default',
      });
      // Unpinned, the old run goes at the next pass, with the 30-day default
      // now applying to the audit trail too.
      await store.setPinned('old-pinned', false);
      expect(await retention.prune({ now: new Date(now) })).toEqual({
        deletedRuns: 2,
      });
    });
  },
);

describe.each(databases.eachSupportedId())(
  'the monitoring migration on %p',
  databaseId => {
    it('fills trigger type, budget and budget pause of existing runs', async () => {
      const knex = await databases.init(databaseId);
      const directory = path.resolve(__dirname, '../../migrations');
      const MIGRATION = '20261126010000_monitoring.js';
      const pending = async (): Promise<string[]> => {
        const [, next] = await knex.migrate.list({ directory });
        return next.map((m: { file: string }) => m.file);
      };
      while ((await pending())[0] !== MIGRATION) {
        await knex.migrate.up({ directory });
      }
      const row = (id: string, fields: Record<string, unknown>) => ({
        id,
        workflow_ref: 'aiworkflow:default/shout',
        workflow_version: 1,
        owner: 'group:default/team-a',
        status: 'succeeded',
        input: '{}',
        trigger: JSON.stringify({ type: 'schedule', triggerId: 't' }),
        snapshot: JSON.stringify(snapshot()),
        queued_at: new Date(),
        ...fields,
      });
      await knex('executions').insert([
        row('plain', {}),
        row('budgeted', {
          snapshot: JSON.stringify(snapshot('shout', 2)),
          trigger: JSON.stringify({ type: 'manual' }),
        }),
        row('paused', {
          status: 'paused',
          pending_approval: JSON.stringify({ stepId: 'judge', kind: 'budget' }),
        }),
        row('stopped', {
          status: 'failed',
          error: JSON.stringify({ code: 'BudgetExceeded', message: 'no' }),
        }),
      ]);
      await knex.migrate.latest({ directory });
      const rows = await knex('executions')
        .select('id', 'trigger_type', 'budget_usd', 'budget_paused', 'pinned')
        .orderBy('id');
      expect(
        rows.map(r => ({
          id: r.id,
          trigger: r.trigger_type,
          budget: r.budget_usd === null ? null : Number(r.budget_usd),
          paused: Boolean(Number(r.budget_paused)),
          pinned: Boolean(Number(r.pinned)),
        })),
      ).toEqual([
        {
          id: 'budgeted',
          trigger: 'manual',
          budget: 2,
          paused: false,
          pinned: false,
        },
        {
          id: 'paused',
          trigger: 'schedule',
          budget: null,
          paused: true,
          pinned: false,
        },
        {
          id: 'plain',
          trigger: 'schedule',
          budget: null,
          paused: false,
          pinned: false,
        },
        {
          id: 'stopped',
          trigger: 'schedule',
          budget: null,
          paused: true,
          pinned: false,
        },
      ]);
      // And back down.
      while (!(await pending()).includes(MIGRATION)) {
        await knex.migrate.down({ directory });
      }
      expect(await knex.schema.hasTable('execution_retention')).toBe(false);
      expect(await knex.schema.hasColumn('executions', 'pinned')).toBe(false);
    });
  },
);

describe('summarizeStatus', () => {
  it('says what a step with several iterations is doing', () => {
    expect(summarizeStatus([])).toBe('pending');
    expect(summarizeStatus(['succeeded', 'running'])).toBe('running');
    expect(summarizeStatus(['succeeded', 'failed'])).toBe('failed');
    expect(summarizeStatus(['skipped', 'succeeded'])).toBe('succeeded');
    expect(summarizeStatus(['skipped', 'skipped'])).toBe('skipped');
    expect(summarizeStatus(['waiting', 'failed'])).toBe('waiting');
  });
});
