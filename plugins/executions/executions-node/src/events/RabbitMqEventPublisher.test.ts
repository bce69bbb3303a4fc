import crypto from 'node:crypto';
import net from 'node:net';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { connect } from 'amqplib';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import { DatabaseExecutionStore } from '../store/DatabaseExecutionStore';
import { OutboxRelay } from './OutboxRelay';
import { RabbitMqEventPublisher } from './RabbitMqEventPublisher';

jest.setTimeout(60_000);

// The machine's RabbitMQ; the test uses an exchange and a queue of its own.
const BROKER = { host: '127.0.0.1', port: 5672 };
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

/**
 * A loopback TCP proxy in front of the broker that can drop every connection
 * and refuse new ones, as a broker restart or a network cut would.
 */
async function startProxy() {
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer(client => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(BROKER);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    cut() {
      refusing = true;
      for (const s of sockets) s.destroy();
    },
    restore() {
      refusing = false;
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const until = async (what: string, check: () => boolean | Promise<boolean>) => {
  const deadline = Date.now() + 30_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 50));
  }
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
