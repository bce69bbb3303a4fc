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
    bus.subscribe('#', () => {
      throw new Error('a broken subscriber does not hold back the others');
    });
    const relay = new OutboxRelay({ knex, publisher: bus, batchSize: 2 });
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(2);
    expect(await relay.relayOnce()).toBe(1);
    expect(await relay.relayOnce()).toBe(0);
    expect(byWorkflow).toEqual([
      '1 ai-ops.execution.queued.v1',
      '2 ai-ops.execution.started.v1',
      '3 ai-ops.step.failed.v1',
      '4 ai-ops.execution.failed.v1',
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
    while (received.length < 5 && Date.now() < deadline) {
      await new Promise(r => setTimeout(r, 20));
    }
    await relay.stop();
    expect(received.map(m => m.event.subject)).toEqual([
      'run-a',
      'run-a',
      'run-a',
      'run-a',
      'run-b',
    ]);
    expect(new Set(received.map(m => m.event.id)).size).toBe(5);
    expect(await knex('execution_outbox').whereNull('published_at')).toEqual(
      [],
    );
  });
});
