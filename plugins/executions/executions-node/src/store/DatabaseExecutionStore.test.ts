import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { parseExecutionEvent } from '@ai-ops/plugin-executions-common';
import { Knex } from 'knex';
import path from 'node:path';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import { DatabaseExecutionStore } from './DatabaseExecutionStore';
import { NewExecution } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const snapshot = (name = 'shout', version = 1): WorkflowSnapshot => ({
  workflowRef: `aiworkflow:default/${name}`,
  version,
  document: {
    apiVersion: 'ai-ops.dev/v1alpha1',
    kind: 'AIWorkflow',
    metadata: { name },
    spec: {
      owner: 'group:default/team-a',
      lifecycle: 'experimental',
      steps: [{ id: 'upper', component: 'aicomponent:default/upper-case' }],
    },
  },
  componentRevisions: { 'aicomponent:default/upper-case': 2 },
});

const newRun = (
  id: string,
  overrides: Partial<NewExecution> = {},
): NewExecution => ({
  id,
  snapshot: snapshot(),
  owner: 'Group:default/Team-A',
  input: { text: 'hi' },
  trigger: { type: 'api', actor: 'user:default/alice' },
  createdBy: 'user:default/alice',
  status: 'running',
  ...overrides,
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe.each(databases.eachSupportedId())(
  'DatabaseExecutionStore on %p',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseExecutionStore.create({
        database: mockServices.database({ knex }),
      });
      return { store, knex };
    }

    it('creates a run once per id and per idempotency key of a creator', async () => {
      const { store } = await createStore();
      const first = await store.create(
        newRun('run-1', { idempotencyKey: 'k1', workflowLabel: 'production' }),
      );
      expect(first.created).toBe(true);
      expect(first.execution).toMatchObject({
        id: 'run-1',
        workflowRef: 'aiworkflow:default/shout',
        workflowVersion: 1,
        workflowLabel: 'production',
        owner: 'group:default/team-a',
        status: 'running',
        input: { text: 'hi' },
        costUsd: 0,
        tokens: { inputTokens: 0, outputTokens: 0 },
        trigger: { type: 'api', actor: 'user:default/alice' },
        createdBy: 'user:default/alice',
      });
      expect(first.execution.startedAt).toBe(first.execution.queuedAt);
      expect(await store.get('run-1')).toEqual(first.execution);

      // The same key by the same creator: the first run, nothing new.
      const again = await store.create(
        newRun('run-2', { idempotencyKey: 'k1' }),
      );
      expect(again).toEqual({ execution: first.execution, created: false });
      expect(await store.get('run-2')).toBeUndefined();

      // The same id: the existing run.
      const sameId = await store.create(newRun('run-1'));
      expect(sameId.created).toBe(false);

      // The same key by another creator is another run.
      const other = await store.create(
        newRun('run-3', {
          idempotencyKey: 'k1',
          createdBy: 'user:default/bob',
        }),
      );
      expect(other.created).toBe(true);

      // Concurrent requests with one key make one run.
      const racing = await Promise.all(
        ['a', 'b', 'c', 'd'].map(id =>
          store.create(newRun(`race-${id}`, { idempotencyKey: 'k2' })),
        ),
      );
      expect(racing.filter(r => r.created)).toHaveLength(1);
      expect(new Set(racing.map(r => r.execution.id)).size).toBe(1);
    });

    it('keeps the snapshot and the run arguments', async () => {
      const { store } = await createStore();
      const completed = {
        upper: {
          output: { text: 'HI' },
          costUsd: 0.5,
          tokens: { inputTokens: 1, outputTokens: 2 },
        },
      };
      await store.create(
        newRun('resumed', {
          status: 'queued',
          completed,
          parentExecutionId: 'run-0',
          trigger: { type: 'resume', fromExecutionId: 'run-0' },
        }),
      );
      await store.create(newRun('plain'));
      expect(await store.getSnapshot('resumed')).toEqual(snapshot());
      expect(await store.getSnapshot('absent')).toBeUndefined();
      expect(await store.getRunArgs('resumed')).toEqual({
        executionId: 'resumed',
        snapshot: snapshot(),
        input: { text: 'hi' },
        completed,
      });
      expect(await store.getRunArgs('plain')).toEqual({
        executionId: 'plain',
        snapshot: snapshot(),
        input: { text: 'hi' },
      });
      expect(await store.getRunArgs('absent')).toBeUndefined();
      const resumed = await store.get('resumed');
      expect(resumed).toMatchObject({
        status: 'queued',
        parentExecutionId: 'run-0',
        trigger: { type: 'resume', fromExecutionId: 'run-0' },
      });
      expect(resumed?.startedAt).toBeUndefined();
    });

    it('applies state changes idempotently and keeps a finished outcome', async () => {
      const { store } = await createStore();
      await store.create(newRun('run', { status: 'queued' }));

      // queued -> running once, and only from queued.
      expect(
        await store.updateIf({ executionId: 'run', status: 'running' }, [
          'queued',
        ]),
      ).toBe(true);
      expect(
        await store.updateIf({ executionId: 'run', status: 'running' }, [
          'queued',
        ]),
      ).toBe(false);
      const running = (await store.get('run'))!;
      expect(running.startedAt).toBeDefined();

      const pendingApproval = {
        stepId: 'review',
        kind: 'approval' as const,
        approvers: { owners: true, groups: [], roles: [] },
        requestedAt: '2026-01-01T00:00:00.000Z',
      };
      await store.update({
        executionId: 'run',
        status: 'paused',
        pendingApproval,
        costUsd: 0.25,
        tokens: { inputTokens: 10, outputTokens: 5 },
      });
      expect(await store.get('run')).toMatchObject({
        status: 'paused',
        pendingApproval,
        costUsd: 0.25,
        tokens: { inputTokens: 10, outputTokens: 5 },
        startedAt: running.startedAt,
      });
      await store.update({
        executionId: 'run',
        status: 'running',
        pendingApproval: null,
      });
      expect((await store.get('run'))!.pendingApproval).toBeUndefined();

      const done = {
        executionId: 'run',
        status: 'succeeded' as const,
        output: { text: 'HI' },
        costUsd: 0.5,
        tokens: { inputTokens: 20, outputTokens: 8 },
      };
      await store.update(done);
      const finished = (await store.get('run'))!;
      await sleep(5);
      await store.update(done);
      expect(await store.get('run')).toEqual(finished);
      expect(finished).toMatchObject({
        status: 'succeeded',
        output: { text: 'HI' },
        costUsd: 0.5,
        startedAt: running.startedAt,
      });
      expect(finished.finishedAt).toBeDefined();

      // A late or different state does not move a finished run.
      await store.update({ executionId: 'run', status: 'running' });
      await store.update({
        executionId: 'run',
        status: 'failed',
        error: { code: 'late', message: 'late' },
      });
      expect(await store.get('run')).toEqual(finished);
      expect(
        await store.updateIf({ executionId: 'run', status: 'cancelled' }, [
          'queued',
          'running',
          'paused',
        ]),
      ).toBe(false);

      // A queued run cancelled before it started has no start time.
      await store.create(newRun('never', { status: 'queued' }));
      await store.updateIf({ executionId: 'never', status: 'cancelled' }, [
        'queued',
      ]);
      const never = (await store.get('never'))!;
      expect(never.status).toBe('cancelled');
      expect(never.startedAt).toBeUndefined();
      expect(never.finishedAt).toBeDefined();
    });

    it('records attempts and step states by their key', async () => {
      const { store } = await createStore();
      await store.create(newRun('run'));
      const base = {
        executionId: 'run',
        stepId: 'upper',
        iteration: 0,
        componentRef: 'aicomponent:default/upper-case',
        costUsd: 0,
        tokens: { inputTokens: 0, outputTokens: 0 },
      };
      await store.recordAttempt({
        ...base,
        attempt: 1,
        status: 'running',
        input: { text: 'hi' },
        startedAt: '2026-01-01T00:00:00.000Z',
      });
      await store.recordAttempt({
        ...base,
        attempt: 1,
        status: 'failed',
        error: { code: 'timeout', message: 'took too long', retryable: true },
        latencyMs: 30_000,
      });
      await store.recordAttempt({
        ...base,
        attempt: 2,
        status: 'succeeded',
        input: { text: 'hi' },
        output: { text: 'HI' },
        costUsd: 0.002,
        tokens: { inputTokens: 12, outputTokens: 3 },
        latencyMs: 420,
        model: 'gpt-4o-mini',
        startedAt: '2026-01-01T00:01:00.000Z',
        finishedAt: '2026-01-01T00:01:00.420Z',
      });
      const written = await store.listAttempts('run');
      // The same write again changes nothing.
      await sleep(5);
      await store.recordAttempt({
        ...base,
        attempt: 2,
        status: 'succeeded',
        input: { text: 'hi' },
        output: { text: 'HI' },
        costUsd: 0.002,
        tokens: { inputTokens: 12, outputTokens: 3 },
        latencyMs: 420,
        model: 'gpt-4o-mini',
        startedAt: '2026-01-01T00:01:00.000Z',
        finishedAt: '2026-01-01T00:01:00.420Z',
      });
      await store.recordAttempt({
        ...base,
        attempt: 1,
        status: 'failed',
        error: { code: 'timeout', message: 'took too long', retryable: true },
        latencyMs: 30_000,
      });
      expect(await store.listAttempts('run')).toEqual(written);

      expect(written).toEqual([
        {
          ...base,
          attempt: 1,
          status: 'failed',
          input: { text: 'hi' },
          error: { code: 'timeout', message: 'took too long', retryable: true },
          latencyMs: 30_000,
          startedAt: '2026-01-01T00:00:00.000Z',
          finishedAt: expect.any(String),
        },
        {
          ...base,
          attempt: 2,
          status: 'succeeded',
          input: { text: 'hi' },
          output: { text: 'HI' },
          costUsd: 0.002,
          tokens: { inputTokens: 12, outputTokens: 3 },
          latencyMs: 420,
          model: 'gpt-4o-mini',
          startedAt: '2026-01-01T00:01:00.000Z',
          finishedAt: '2026-01-01T00:01:00.420Z',
        },
      ]);

      await store.recordStepState({
        executionId: 'run',
        stepId: 'review',
        iteration: 0,
        status: 'waiting',
      });
      const waiting = (await store.listAttempts('run')).find(
        a => a.stepId === 'review',
      )!;
      expect(waiting).toMatchObject({ attempt: 0, status: 'waiting' });
      expect(waiting.finishedAt).toBeUndefined();
      await store.recordStepState({
        executionId: 'run',
        stepId: 'review',
        iteration: 0,
        status: 'succeeded',
        output: { decision: 'approve', decidedBy: 'user:default/alice' },
      });
      const decided = (await store.listAttempts('run')).filter(
        a => a.stepId === 'review',
      );
      expect(decided).toEqual([
        expect.objectContaining({
          attempt: 0,
          status: 'succeeded',
          output: { decision: 'approve', decidedBy: 'user:default/alice' },
          startedAt: waiting.startedAt,
          finishedAt: expect.any(String),
        }),
      ]);
      expect(await store.listAttempts('absent')).toEqual([]);
    });

    it('lists runs newest first with filters, counts and cursors', async () => {
      const { store } = await createStore();
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        const id = `run-${i}`;
        ids.push(id);
        await store.create(
          newRun(id, {
            snapshot: snapshot(i % 2 ? 'odd' : 'even'),
            owner: i < 5 ? 'group:default/team-a' : 'group:default/team-b',
            createdBy: i < 3 ? 'user:default/alice' : 'user:default/bob',
            status: i === 6 ? 'queued' : 'running',
          }),
        );
        // Distinct queue times on every database.
        await sleep(3);
      }
      await store.update({ executionId: 'run-0', status: 'failed' });

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.list({ filter: {}, limit: 3, cursor });
        expect(page.totalItems).toBe(7);
        seen.push(...page.items.map(r => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());

      const filtered = async (filter: object) =>
        (await store.list({ filter, limit: 50 })).items.map(r => r.id);
      expect(await filtered({ workflowRef: 'AIWorkflow:default/odd' })).toEqual(
        ['run-5', 'run-3', 'run-1'],
      );
      expect(await filtered({ status: ['queued', 'failed'] })).toEqual([
        'run-6',
        'run-0',
      ]);
      expect(await filtered({ owners: ['group:default/team-b'] })).toEqual([
        'run-6',
        'run-5',
      ]);
      expect(await filtered({ createdBy: 'user:default/alice' })).toEqual([
        'run-2',
        'run-1',
        'run-0',
      ]);
      const third = (await store.get('run-3'))!.queuedAt;
      const fifth = (await store.get('run-5'))!.queuedAt;
      expect(await filtered({ from: third, to: fifth })).toEqual([
        'run-4',
        'run-3',
      ]);
      const page = await store.list({
        filter: { createdBy: 'user:default/bob' },
        limit: 2,
      });
      expect(page).toMatchObject({
        totalItems: 4,
        nextCursor: expect.any(String),
      });
      expect(page.items[0]).not.toHaveProperty('snapshot');

      await expect(
        store.list({ filter: {}, limit: 2, cursor: 'nonsense' }),
      ).rejects.toMatchObject({ name: 'InputError' });
      await expect(
        store.list({ filter: { from: 'yesterday' }, limit: 2 }),
      ).rejects.toThrow(/from: 'yesterday' is not an ISO 8601 timestamp/);
    });

    it('keeps the trigger id of schedule and webhook runs and lists the runs of a trigger', async () => {
      const { store, knex } = await createStore();
      const SCHEDULE = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d';
      const WEBHOOK = '0b6f3c55-6a59-4d6e-9a0c-5b7f1d2e3a41';
      const runs: Array<[string, NewExecution['trigger']]> = [
        ['s-1', { type: 'schedule', triggerId: SCHEDULE }],
        ['w-1', { type: 'webhook', triggerId: WEBHOOK }],
        ['manual', { type: 'manual', actor: 'user:default/alice' }],
        ['s-2', { type: 'schedule', triggerId: SCHEDULE }],
        ['resumed', { type: 'resume', fromExecutionId: 's-1' }],
        ['s-3', { type: 'schedule', triggerId: SCHEDULE }],
      ];
      for (const [id, trigger] of runs) {
        await store.create(newRun(id, { trigger }));
        // Distinct queue times on every database.
        await sleep(3);
      }

      const stored = await knex('executions')
        .select('id', 'trigger_id')
        .orderBy('id');
      expect(Object.fromEntries(stored.map(r => [r.id, r.trigger_id]))).toEqual(
        {
          manual: null,
          resumed: null,
          's-1': SCHEDULE,
          's-2': SCHEDULE,
          's-3': SCHEDULE,
          'w-1': WEBHOOK,
        },
      );

      // The newest run of a trigger: what the Triggers tab shows.
      const newest = await store.list({
        filter: { triggerIds: [SCHEDULE] },
        limit: 1,
      });
      expect(newest.items.map(r => r.id)).toEqual(['s-3']);
      expect(newest.items[0].trigger).toEqual({
        type: 'schedule',
        triggerId: SCHEDULE,
      });
      expect(newest).toMatchObject({
        totalItems: 3,
        nextCursor: expect.any(String),
      });
      const rest = await store.list({
        filter: { triggerIds: [SCHEDULE] },
        limit: 5,
        cursor: newest.nextCursor,
      });
      expect(rest.items.map(r => r.id)).toEqual(['s-2', 's-1']);

      const ids = async (filter: object) =>
        (await store.list({ filter, limit: 50 })).items.map(r => r.id);
      expect(await ids({ triggerIds: [WEBHOOK, SCHEDULE] })).toEqual([
        's-3',
        's-2',
        'w-1',
        's-1',
      ]);
      // With other filters, and for a trigger that started nothing.
      expect(
        await ids({ triggerIds: [SCHEDULE], triggerTypes: ['webhook'] }),
      ).toEqual([]);
      await store.update({ executionId: 's-2', status: 'failed' });
      expect(await ids({ triggerIds: [SCHEDULE], status: ['failed'] })).toEqual(
        ['s-2'],
      );
      expect(
        await ids({ triggerIds: ['6c1d2e3f-7a8b-4c9d-8e0f-1a2b3c4d5e6f'] }),
      ).toEqual([]);
      // An empty list filters nothing, like the other list filters.
      expect(await ids({ triggerIds: [] })).toHaveLength(6);
    });

    it('counts active runs and hands out queued ones oldest first', async () => {
      const { store } = await createStore();
      await store.create(newRun('a', { status: 'running' }));
      await sleep(3);
      await store.create(newRun('b', { status: 'queued' }));
      await sleep(3);
      await store.create(newRun('c', { status: 'queued' }));
      await store.create(
        newRun('other', { status: 'queued', snapshot: snapshot('other') }),
      );
      await store.update({ executionId: 'a', status: 'paused' });
      expect(await store.countActive('aiworkflow:default/shout')).toBe(1);
      expect(
        (await store.listActive('aiworkflow:default/shout')).map(r => r.id),
      ).toEqual(['a']);
      expect(await store.listQueuedWorkflowRefs()).toEqual([
        'aiworkflow:default/other',
        'aiworkflow:default/shout',
      ]);
      expect((await store.nextQueued('aiworkflow:default/shout'))?.id).toBe(
        'b',
      );
      await store.update({ executionId: 'a', status: 'succeeded' });
      expect(await store.countActive('aiworkflow:default/shout')).toBe(0);
      await store.updateIf({ executionId: 'b', status: 'running' }, ['queued']);
      expect(await store.countActive('aiworkflow:default/shout')).toBe(1);
      expect((await store.nextQueued('aiworkflow:default/shout'))?.id).toBe(
        'c',
      );
      expect(await store.nextQueued('aiworkflow:default/none')).toBeUndefined();
    });

    async function outbox(knex: Knex, executionId: string) {
      const rows = await knex('execution_outbox')
        .where({ execution_id: executionId })
        .orderBy('sequence');
      return rows.map(row => {
        const parsed = parseExecutionEvent(row.payload);
        if (!parsed.success) throw new Error(parsed.error);
        expect(parsed.event.id).toBe(row.id);
        expect(parsed.event.sequence).toBe(row.sequence);
        expect(row.published_at).toBeNull();
        return { routingKey: row.routing_key as string, ...parsed.event };
      });
    }

    it('writes lifecycle events with contiguous sequences, once per change', async () => {
      const { store, knex } = await createStore();
      await store.create(newRun('ev-1', { status: 'queued' }));
      await store.create(newRun('ev-1', { status: 'queued' }));
      await store.updateIf({ executionId: 'ev-1', status: 'running' }, [
        'queued',
      ]);
      await store.update({ executionId: 'ev-1', status: 'running' });
      const key = { executionId: 'ev-1', stepId: 'upper', iteration: 0 };
      const tokens = { inputTokens: 1, outputTokens: 2 };
      const failed = {
        ...key,
        attempt: 1,
        status: 'failed' as const,
        costUsd: 0,
        tokens,
        error: { code: 'RATE_LIMITED', message: 'slow', retryable: true },
      };
      await store.recordAttempt({ ...failed, status: 'running' });
      await store.recordAttempt({ ...failed, status: 'running' });
      await store.recordAttempt(failed);
      await store.recordAttempt(failed);
      await store.recordAttempt({
        ...key,
        attempt: 2,
        status: 'succeeded',
        costUsd: 0.5,
        tokens,
      });
      await store.recordStepState({
        ...key,
        stepId: 'notify',
        status: 'skipped',
      });
      await store.recordStepState({
        ...key,
        stepId: 'notify',
        status: 'skipped',
      });
      const pendingApproval = {
        stepId: 'approve',
        kind: 'approval' as const,
        approvers: { owners: true, groups: [], roles: [] },
        requestedAt: '2026-11-25T10:00:00.000Z',
      };
      await store.update({
        executionId: 'ev-1',
        status: 'paused',
        pendingApproval,
      });
      await store.update({
        executionId: 'ev-1',
        status: 'paused',
        pendingApproval,
      });
      await store.update({
        executionId: 'ev-1',
        status: 'running',
        pendingApproval: null,
      });
      await store.update({
        executionId: 'ev-1',
        status: 'succeeded',
        costUsd: 0.5,
        tokens,
      });
      await store.update({ executionId: 'ev-1', status: 'succeeded' });
      await store.update({ executionId: 'ev-1', status: 'failed' });

      const events = await outbox(knex, 'ev-1');
      expect(events.map(e => e.sequence)).toEqual(
        events.map((_, index) => index + 1),
      );
      expect(events.map(e => e.routingKey)).toEqual([
        'default.shout.execution.queued',
        'default.shout.execution.started',
        'default.shout.step.started',
        'default.shout.step.failed',
        // Attempt 2 was first recorded finished: its start is announced too.
        'default.shout.step.started',
        'default.shout.step.succeeded',
        'default.shout.step.skipped',
        'default.shout.execution.paused',
        'default.shout.approval.requested',
        'default.shout.approval.decided',
        'default.shout.execution.resumed',
        'default.shout.execution.succeeded',
      ]);
      expect(events[0]).toMatchObject({
        subject: 'ev-1',
        data: {
          workflowRef: 'aiworkflow:default/shout',
          workflowVersion: 1,
          owner: 'group:default/team-a',
          status: 'queued',
          trigger: { type: 'api' },
        },
      });
      expect(events[3].data).toMatchObject({ attempt: 1, final: false });
      expect(events[4].data).toMatchObject({ attempt: 2, status: 'running' });
      expect(events[7].data).toMatchObject({
        reason: 'approval',
        stepId: 'approve',
      });
      expect(events[11].data).toMatchObject({ costUsd: 0.5, tokens });
      expect(new Set(events.map(e => e.id)).size).toBe(events.length);
    });

    it('emits queued and started for a run created running, and budget pauses', async () => {
      const { store, knex } = await createStore();
      await store.create(newRun('ev-2'));
      await store.update({
        executionId: 'ev-2',
        status: 'paused',
        costUsd: 7,
        pendingApproval: {
          stepId: 'upper',
          kind: 'budget',
          approvers: { owners: true, groups: [], roles: [] },
          requestedAt: '2026-11-25T10:00:00.000Z',
        },
      });
      await store.update({
        executionId: 'ev-2',
        status: 'cancelled',
        error: { code: 'CANCELLED', message: 'stop' },
      });
      const events = await outbox(knex, 'ev-2');
      expect(events.map(e => [e.sequence, e.type])).toEqual([
        [1, 'ai-ops.execution.queued.v1'],
        [2, 'ai-ops.execution.started.v1'],
        [3, 'ai-ops.execution.paused.v1'],
        [4, 'ai-ops.budget.exceeded.v1'],
        [5, 'ai-ops.execution.cancelled.v1'],
      ]);
      expect(events[3].data).toMatchObject({ stepId: 'upper', costUsd: 7 });
    });

    it('commits a state change and its event together', async () => {
      const { store, knex } = await createStore();
      await store.create(newRun('ev-3'));
      // The next event's sequence is taken, so the event insert fails.
      await knex('execution_outbox').insert({
        id: '00000000-0000-4000-8000-000000000003',
        execution_id: 'ev-3',
        sequence: 3,
        routing_key: 'x',
        payload: '{}',
        created_at: new Date(),
      });
      await expect(
        store.update({ executionId: 'ev-3', status: 'succeeded' }),
      ).rejects.toThrow();
      expect((await store.get('ev-3'))?.status).toBe('running');
      await expect(
        store.recordAttempt({
          executionId: 'ev-3',
          stepId: 'upper',
          iteration: 0,
          attempt: 1,
          status: 'running',
          costUsd: 0,
          tokens: { inputTokens: 0, outputTokens: 0 },
        }),
      ).rejects.toThrow();
      expect(await store.listAttempts('ev-3')).toEqual([]);
      const [counter] = await knex('executions')
        .select('event_sequence')
        .where({ id: 'ev-3' });
      expect(Number(counter.event_sequence)).toBe(2);
    });

    it('keeps sequences contiguous under concurrent writers', async () => {
      const { store, knex } = await createStore();
      await store.create(newRun('ev-4'));
      await Promise.all(
        Array.from({ length: 8 }, (_, attempt) =>
          store.recordAttempt({
            executionId: 'ev-4',
            stepId: 'upper',
            iteration: 0,
            attempt: attempt + 1,
            status: 'running',
            costUsd: 0,
            tokens: { inputTokens: 0, outputTokens: 0 },
          }),
        ),
      );
      const events = await outbox(knex, 'ev-4');
      expect(events.map(e => e.sequence)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'the trigger id migration on %p',
  databaseId => {
    it('fills the trigger id of existing schedule and webhook runs, and goes back down', async () => {
      const knex = await databases.init(databaseId);
      const directory = path.resolve(__dirname, '../../migrations');
      const MIGRATION = '20261127010000_trigger_id.js';
      const pending = async (): Promise<string[]> => {
        const [, next] = await knex.migrate.list({ directory });
        return next.map((m: { file: string }) => m.file);
      };
      while ((await pending())[0] !== MIGRATION) {
        await knex.migrate.up({ directory });
      }
      const row = (id: string, trigger: unknown, triggerType: string) => ({
        id,
        workflow_ref: 'aiworkflow:default/shout',
        workflow_version: 1,
        owner: 'group:default/team-a',
        status: 'succeeded',
        input: '{}',
        trigger:
          typeof trigger === 'string' ? trigger : JSON.stringify(trigger),
        trigger_type: triggerType,
        snapshot: JSON.stringify(snapshot()),
        queued_at: new Date(),
      });
      await knex('executions').insert([
        row('hook', { type: 'webhook', triggerId: 'hook-trigger' }, 'webhook'),
        row(
          'manual',
          { type: 'manual', actor: 'user:default/alice' },
          'manual',
        ),
        row('resumed', { type: 'resume', fromExecutionId: 'hook' }, 'resume'),
        row('broken', '{not json', 'schedule'),
        row('no-id', { type: 'schedule' }, 'schedule'),
      ]);
      // More than one batch of schedule runs.
      await knex.batchInsert(
        'executions',
        Array.from({ length: 1203 }, (_, i) =>
          row(
            `tick-${String(i).padStart(4, '0')}`,
            { type: 'schedule', triggerId: `schedule-${i % 3}` },
            'schedule',
          ),
        ),
        50,
      );

      await knex.migrate.up({ directory });
      const rows: Array<{ id: string; trigger_id: string | null }> = await knex(
        'executions',
      ).select('id', 'trigger_id');
      const byId = Object.fromEntries(rows.map(r => [r.id, r.trigger_id]));
      expect(byId).toMatchObject({
        hook: 'hook-trigger',
        manual: null,
        resumed: null,
        broken: null,
        'no-id': null,
        'tick-0000': 'schedule-0',
        'tick-0601': 'schedule-1',
        'tick-1202': 'schedule-2',
      });
      expect(rows.filter(r => r.trigger_id === 'schedule-2')).toHaveLength(401);

      // And back down.
      await knex.migrate.down({ directory });
      expect(await pending()).toContain(MIGRATION);
      expect(await knex.schema.hasColumn('executions', 'trigger_id')).toBe(
        false,
      );
      const [{ count }] = await knex('executions').count({ count: '*' });
      expect(Number(count)).toBe(1208);
    });
  },
);
