import crypto from 'node:crypto';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { connect } from 'amqplib';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import { DatabaseExecutionStore } from '../store/DatabaseExecutionStore';
import { OutboxRelay } from './OutboxRelay';
import { RabbitMqEventPublisher } from './RabbitMqEventPublisher';
import { BROKER, startProxy, until } from './__testUtils__/broker';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const snapshot: WorkflowSnapshot = {
  workflowRef: 'aiworkflow:default/relay-test',
  version: 1,
  document: {
    apiVersion: 'ai-ops.dev/v1alpha1',
    kind: 'AIWorkflow',
    metadata: { name: 'relay-test' },
    spec: {
      owner: 'group:default/team-a',
      lifecycle: 'experimental',
      steps: [{ id: 'a', component: 'aicomponent:default/upper-case' }],
    },
  },
  componentRevisions: { 'aicomponent:default/upper-case': 1 },
};

describe('RabbitMqEventPublisher behind the outbox relay', () => {
  it('loses nothing when the broker connection drops mid-stream and comes back', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseExecutionStore.create({
      database: mockServices.database({ knex }),
    });
    const exchange = `it-events-${crypto.randomBytes(4).toString('hex')}`;
    const proxy = await startProxy();
    const consumer = await connect(
      `amqp://guest:guest@${BROKER.host}:${BROKER.port}`,
    );
    const channel = await consumer.createChannel();
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const { queue } = await channel.assertQueue('', { exclusive: true });
    await channel.bindQueue(queue, exchange, 'default.relay-test.#');
    const received: string[] = [];
    await channel.consume(queue, message => {
      if (!message) return;
      received.push(JSON.parse(message.content.toString()).id);
      channel.ack(message);
    });

    const publisher = new RabbitMqEventPublisher({ url: proxy.url, exchange });
    const relay = new OutboxRelay({
      knex,
      publisher,
      batchSize: 4,
      pollIntervalMs: 50,
      maxBackoffMs: 400,
    });
    const startRuns = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        await store.create({
          id: `run-${i}`,
          snapshot,
          owner: 'group:default/team-a',
          input: {},
          trigger: { type: 'api' },
          status: 'running',
        });
      }
    };
    try {
      await startRuns(0, 10);
      relay.start();
      await until('the first events', () => received.length >= 6);
      proxy.cut();
      await startRuns(10, 10);
      await new Promise(r => setTimeout(r, 1500));
      proxy.restore();

      const outbox = await knex('execution_outbox').select('id');
      expect(outbox).toHaveLength(40); // queued + started for each run
      await until(
        'every event',
        () => new Set(received).size === outbox.length,
      );
      expect(new Set(received)).toEqual(new Set(outbox.map(r => r.id)));
      await until('every row to be marked published', async () => {
        const left = await knex('execution_outbox')
          .whereNull('published_at')
          .count({ n: '*' });
        return Number(left[0].n) === 0;
      });
    } finally {
      await relay.stop();
      await publisher.close();
      await channel.deleteExchange(exchange).catch(() => undefined);
      await consumer.close();
      await proxy.close();
    }
  });
});
