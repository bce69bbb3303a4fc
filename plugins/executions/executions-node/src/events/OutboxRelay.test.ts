import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import { DatabaseExecutionStore } from '../store/DatabaseExecutionStore';
import { InProcessEventBus, matchesTopic } from './InProcessEventBus';
import { OutboxRelay } from './OutboxRelay';
import { ExecutionEventMessage, ExecutionEventPublisher } from './types';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const snapshot = (name: string): WorkflowSnapshot => ({
  workflowRef: `aiworkflow:default/${name}`,
  version: 1,
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

describe('matchesTopic', () => {
  it('matches AMQP topic patterns', () => {
    const key = 'default.support-triage.step.failed';
    expect(matchesTopic('default.support-triage.#', key)).toBe(true);
    expect(matchesTopic('*.*.step.failed', key)).toBe(true);
    expect(matchesTopic('#', key)).toBe(true);
    expect(matchesTopic('#.failed', key)).toBe(true);
    expect(matchesTopic('*.*.step.*', key)).toBe(true);
    expect(matchesTopic('*.*.execution.failed', key)).toBe(false);
    expect(matchesTopic('*.step.failed', key)).toBe(false);
    expect(matchesTopic('default.other.#', key)).toBe(false);
  });
});

describe.each(databases.eachSupportedId())('OutboxRelay on %p', databaseId => {
  async function setup() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseExecutionStore.create({
      database: mockServices.database({ knex }),
    });
    await store.create({
      id: 'run-a',
      snapshot: snapshot('support-triage'),
      owner: 'group:default/team-a',
      input: {},
      trigger: { type: 'api' },
      status: 'running',
    });
    await store.recordAttempt({
      executionId: 'run-a',
      stepId: 'upper',
      iteration: 0,
      attempt: 1,
      status: 'failed',
      costUsd: 0,
      tokens: { inputTokens: 0, outputTokens: 0 },
      error: { code: 'BAD_INPUT', message: 'no', retryable: false },
    });
    await store.update({ executionId: 'run-a', status: 'failed' });
    await store.create({
      id: 'run-b',
      snapshot: snapshot('other'),
      owner: 'group:default/team-a',
      input: {},
      trigger: { type: 'api' },
      status: 'queued',
    });
    return { knex, store };
  }

  it('tells how many events wait and since when (for the outbox gauges)', async () => {
    const { knex } = await setup();
    const relay = new OutboxRelay({
      knex,
      publisher: new InProcessEventBus(),
      batchSize: 100,
    });
    const before = Date.now();
    const waiting = await relay.backlog();
    expect(waiting.pending).toBe(6);
    expect(waiting.oldestCreatedAt).toBeInstanceOf(Date);
    expect(waiting.oldestCreatedAt!.getTime()).toBeLessThanOrEqual(before);
    expect(waiting.oldestCreatedAt!.getTime()).toBeGreaterThan(before - 60_000);
    await relay.relayOnce();
    expect(await relay.backlog()).toEqual({ pending: 0 });
  });

  it('publishes events in order, once each, and marks them published', async () => {
    const { knex } = await setup();
    const bus = new InProcessEventBus();
    const byWorkflow: string[] = [];
    const failures: string[] = [];
    bus.subscribe('default.support-triage.#', m => {
      byWorkflow.push(`${m.event.sequence} ${m.event.type}`);
    });
    bus.subscribe('*.*.step.failed', m => {
      failures.push(m.routingKey);
    });
    let broken = true;
    bus.subscribe('#', () => {
      if (broken) {
        broken = false;
        throw new Error('a broken subscriber does not hold back the others');
      }
    });
    const relay = new OutboxRelay({ knex, publisher: bus, batchSize: 2 });
    // The failing subscriber makes the batch go again; the others got it.
    await expect(relay.relayOnce()).rejects.toThrow('they are sent again');
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(0);
    expect(byWorkflow).toEqual([
      '1 ai-ops.execution.queued.v1',
      '2 ai-ops.execution.started.v1',
      '1 ai-ops.execution.queued.v1',
      '2 ai-ops.execution.started.v1',
      '3 ai-ops.step.started.v1',
      '4 ai-ops.step.failed.v1',
      '5 ai-ops.execution.failed.v1',
    ]);
    expect(failures).toEqual(['default.support-triage.step.failed']);
    const pending = await knex('execution_outbox').whereNull('published_at');
    expect(pending).toEqual([]);
  });

  it('keeps events unpublished until the publisher accepts them, retrying with backoff', async () => {
    const { knex } = await setup();
    const received: ExecutionEventMessage[] = [];
    let failuresLeft = 2;
    const publisher: ExecutionEventPublisher = {
      async publish(messages) {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          throw new Error('broker unavailable');
        }
        received.push(...messages);
      },
    };
    const relay = new OutboxRelay({
      knex,
      publisher,
      pollIntervalMs: 10,
      maxBackoffMs: 40,
    });
    await expect(relay.relayOnce()).rejects.toThrow('broker unavailable');
    expect(await knex('execution_outbox').whereNotNull('published_at')).toEqual(
      [],
    );
    relay.start();
    const deadline = Date.now() + 10_000;
    while (received.length < 6 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 20));
    }
    await relay.stop();
    expect(received.map(m => m.event.subject)).toEqual([
      'run-a',
      'run-a',
      'run-a',
      'run-a',
      'run-a',
      'run-b',
    ]);
    expect(new Set(received.map(m => m.event.id)).size).toBe(6);
    expect(await knex('execution_outbox').whereNull('published_at')).toEqual(
      [],
    );
  });
  it('relays right after a commit, not at the next poll', async () => {
    const { knex, store } = await setup();
    const bus = new InProcessEventBus();
    const received: string[] = [];
    bus.subscribe('#', m => {
      received.push(m.event.type);
    });
    // A poll interval far longer than the test: only a wake-up relays.
    const relay = new OutboxRelay({
      knex,
      publisher: bus,
      pollIntervalMs: 60_000,
    });
    relay.start();
    try {
      const waitFor = async (count: number) => {
        const deadline = Date.now() + 5_000;
        while (received.length < count && Date.now() < deadline) {
          await new Promise(r => setTimeout(r, 10));
        }
      };
      await waitFor(6);
      expect(received).toHaveLength(6);
      await store.update({ executionId: 'run-b', status: 'running' });
      if (databaseId !== 'POSTGRES_15') {
        // Without LISTEN/NOTIFY the writer's process wakes the relay.
        relay.wake();
      }
      await waitFor(7);
      expect(received[6]).toBe('ai-ops.execution.started.v1');
    } finally {
      await relay.stop();
    }
  });
  it('sends the commits of the same moment in one batch', async () => {
    const { knex, store } = await setup();
    const batches: string[][] = [];
    const publisher: ExecutionEventPublisher = {
      async publish(messages: ExecutionEventMessage[]) {
        batches.push(messages.map(m => m.event.subject));
      },
    };
    const relay = new OutboxRelay({
      knex,
      publisher,
      pollIntervalMs: 60_000,
      // Long enough for three commits on a loaded CI machine.
      wakeDelayMs: 3_000,
      listen: false,
    });
    relay.start();
    try {
      const until = async (test: () => boolean) => {
        const deadline = Date.now() + 5_000;
        while (!test() && Date.now() < deadline) {
          await new Promise(r => setTimeout(r, 10));
        }
      };
      // The first poll takes what setup wrote.
      await until(() => batches.length === 1);
      expect(batches).toHaveLength(1);
      // Its pass goes on after the publish (marking the rows, a last read);
      // a wake-up during a pass drains again at once, without the pause.
      await relay.settled();
      // Three commits in a row, each followed by a wake-up: one batch.
      for (const id of ['run-c', 'run-d', 'run-e']) {
        await store.create({
          id,
          snapshot: snapshot(id),
          owner: 'group:default/team-a',
          input: {},
          trigger: { type: 'api' },
          status: 'queued',
        });
        relay.wake();
      }
      await until(() => batches.length === 2);
      await new Promise(r => setTimeout(r, 500));
      expect(batches.slice(1)).toEqual([['run-c', 'run-d', 'run-e']]);
    } finally {
      await relay.stop();
    }
  });
  it('drains with several batches in flight, in order, each event once', async () => {
    const { knex, store } = await setup();
    const published: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const publisher: ExecutionEventPublisher = {
      async publish(messages) {
        // Accepted in call order, confirmed later (as a confirm channel).
        published.push(
          ...messages.map(m => `${m.event.subject} ${m.event.sequence}`),
        );
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise(r => setTimeout(r, 30));
        inFlight -= 1;
      },
    };
    const relay = new OutboxRelay({
      knex,
      publisher,
      batchSize: 2,
      publishWindow: 3,
    });
    expect(await relay.drain()).toBe(6);
    expect(maxInFlight).toBeGreaterThan(1);
    expect(published).toEqual([
      'run-a 1',
      'run-a 2',
      'run-a 3',
      'run-a 4',
      'run-a 5',
      'run-b 1',
    ]);
    expect(await knex('execution_outbox').whereNull('published_at')).toEqual(
      [],
    );
    await store.update({ executionId: 'run-b', status: 'running' });
    expect(await relay.drain()).toBe(1);
    expect(published.at(-1)).toBe('run-b 2');
    expect(await relay.drain()).toBe(0);
  });
});
