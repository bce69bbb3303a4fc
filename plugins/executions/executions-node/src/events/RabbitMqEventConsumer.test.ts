import crypto from 'node:crypto';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { connect } from 'amqplib';
import {
  EXECUTION_EVENT_SOURCE,
  EXECUTION_EVENTS_DLX,
  ExecutionEvent,
  routingKeyOf,
} from '@ai-ops/plugin-executions-common';
import { DatabaseExecutionEventHistory } from '../store/DatabaseExecutionEventHistory';
import { RabbitMqEventConsumer } from './RabbitMqEventConsumer';
import { RabbitMqEventPublisher } from './RabbitMqEventPublisher';
import { BROKER_URL, startProxy, until } from './__testUtils__/broker';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/** A step event of run `subject` with the given sequence. */
function stepEvent(
  subject: string,
  sequence: number,
  workflow: string,
): ExecutionEvent {
  return {
    specversion: '1.0',
    id: crypto.randomUUID(),
    type: 'ai-ops.step.succeeded.v1',
    source: EXECUTION_EVENT_SOURCE,
    time: new Date().toISOString(),
    subject,
    sequence,
    datacontenttype: 'application/json',
    dataschemaversion: 1,
    data: {
      workflowRef: `aiworkflow:default/${workflow}`,
      workflowVersion: 1,
      owner: 'group:default/team-a',
      stepId: 'upper',
      iteration: 0,
      attempt: 1,
      status: 'succeeded',
      latencyMs: 12,
    },
  };
}

describe('RabbitMqEventConsumer', () => {
  // Each test has an exchange, queues and a workflow name of its own on the
  // machine's broker, removed afterwards.
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) {
      await step().catch(() => undefined);
    }
  });

  async function setup() {
    const tag = crypto.randomUUID().slice(0, 8);
    const exchange = `ai-ops.executions.test-${tag}`;
    const queue = `ai-ops.executions.history.test-${tag}`;
    const knex = await databases.init('POSTGRES_15');
    const history = await DatabaseExecutionEventHistory.create({
      database: mockServices.database({ knex }),
    });
    const publisher = new RabbitMqEventPublisher({ url: BROKER_URL, exchange });
    const admin = await connect(BROKER_URL);
    const channel = await admin.createChannel();
    cleanup.push(async () => {
      await publisher.close();
      await channel.deleteQueue(queue).catch(() => undefined);
      await channel.deleteExchange(exchange).catch(() => undefined);
      await admin.close();
    });
    const publish = (events: ExecutionEvent[]) =>
      publisher.publish(
        events.map(e => ({ routingKey: routingKeyOf(e), event: e })),
      );
    const consumer = (
      options: Partial<ConstructorParameters<typeof RabbitMqEventConsumer>[0]> &
        Pick<ConstructorParameters<typeof RabbitMqEventConsumer>[0], 'handler'>,
    ) => {
      const c = new RabbitMqEventConsumer({
        url: BROKER_URL,
        exchange,
        reconnectDelayMs: 100,
        retryDelayMs: 50,
        ...options,
      });
      cleanup.push(() => c.stop());
      return c;
    };
    const stored = async (subject: string) =>
      (await history.list(subject, { limit: 1000 })).items;
    return {
      tag,
      exchange,
      queue,
      knex,
      history,
      publish,
      consumer,
      stored,
      channel,
    };
  }

  it('delivers again what a consumer that died before acking had, and stores it once', async () => {
    const { tag, queue, history, publish, consumer, stored, channel } =
      await setup();
    const proxy = await startProxy();
    cleanup.push(() => proxy.close());

    // The first consumer stores the event, then dies before its ack: the
    // handler never returns and its connection drops.
    let firstStored = 0;
    let release = () => {};
    const dying = consumer({
      url: proxy.url,
      queue,
      handler: async event => {
        if (await history.append(event)) firstStored += 1;
        await new Promise<void>(resolve => {
          release = resolve;
        });
      },
    });
    await dying.start();
    const event = stepEvent(`run-${tag}`, 1, `consume-${tag}`);
    await publish([event]);
    await until(
      'the first consumer to store the event',
      () => firstStored === 1,
    );
    proxy.cut();
    // Stopped for good (a crashed process does not come back to this queue).
    const stopping = dying.stop();

    const deliveries: Array<{
      id: string;
      redelivered: boolean;
      new: boolean;
    }> = [];
    const survivor = consumer({
      queue,
      handler: async (e, delivery) => {
        deliveries.push({
          id: e.id,
          redelivered: delivery.redelivered,
          new: await history.append(e),
        });
      },
    });
    await survivor.start();
    await until('the redelivery', () => deliveries.length === 1);
    expect(deliveries).toEqual([
      { id: event.id, redelivered: true, new: false },
    ]);
    expect((await stored(`run-${tag}`)).map(e => e.id)).toEqual([event.id]);
    await until('the queue to be empty and acked', async () => {
      const q = await channel.checkQueue(queue);
      return q.messageCount === 0;
    });
    release();
    await stopping;
  });

  it('stores a duplicate on the wire once and acks both', async () => {
    const { tag, queue, history, publish, consumer, stored, channel } =
      await setup();
    const outcomes: boolean[] = [];
    const c = consumer({
      queue,
      prefetch: 10,
      handler: async e => {
        outcomes.push(await history.append(e));
      },
    });
    await c.start();
    const first = stepEvent(`run-${tag}`, 1, `dup-${tag}`);
    const second = stepEvent(`run-${tag}`, 2, `dup-${tag}`);
    // The relay resends a batch it did not see confirmed: the same events twice.
    await publish([first, second]);
    await publish([first, second]);
    await until('four deliveries', () => outcomes.length === 4);
    expect(outcomes.filter(Boolean)).toHaveLength(2);
    expect((await stored(`run-${tag}`)).map(e => e.sequence)).toEqual([1, 2]);
    // The same sequence under another id is a duplicate too.
    await publish([{ ...stepEvent(`run-${tag}`, 2, `dup-${tag}`) }]);
    await until('the fifth delivery', () => outcomes.length === 5);
    expect(outcomes[4]).toBe(false);
    expect(await stored(`run-${tag}`)).toHaveLength(2);
    await until('every message acked', async () => {
      const q = await channel.checkQueue(queue);
      return q.messageCount === 0;
    });
  });

  it('dead-letters a message that is not a valid event and goes on', async () => {
    const { tag, exchange, queue, history, publish, consumer, channel } =
      await setup();
    // A queue of the test's own on the dead-letter exchange, for its key.
    const dead = `ai-ops.executions.dead.test-${tag}`;
    await channel.assertQueue(dead, { durable: false, autoDelete: false });
    await channel.bindQueue(dead, EXECUTION_EVENTS_DLX, `dlq-${tag}.#`);
    cleanup.push(() => channel.deleteQueue(dead));
    const handled: string[] = [];
    const c = consumer({
      queue,
      handler: async e => {
        handled.push(e.id);
        await history.append(e);
      },
    });
    await c.start();
    channel.publish(
      exchange,
      `dlq-${tag}.broken.step.succeeded`,
      Buffer.from(JSON.stringify({ specversion: '1.0', id: 'not-a-uuid' })),
      { messageId: 'broken' },
    );
    const valid = stepEvent(`run-${tag}`, 1, `dlq-${tag}`);
    await publish([valid]);
    await until('the valid event', () => handled.length === 1);
    expect(handled).toEqual([valid.id]);
    let deadMessage: { content: Buffer } | false = false;
    await until('the dead letter', async () => {
      deadMessage = await channel.get(dead, { noAck: true });
      return deadMessage !== false;
    });
    expect(
      JSON.parse(
        (deadMessage as unknown as { content: Buffer }).content.toString(),
      ),
    ).toEqual({
      specversion: '1.0',
      id: 'not-a-uuid',
    });
  });

  it('requeues a message whose handler failed until it succeeds', async () => {
    const { tag, queue, history, publish, consumer, stored } = await setup();
    let attempts = 0;
    const c = consumer({
      queue,
      handler: async e => {
        attempts += 1;
        if (attempts < 3) throw new Error('database unavailable');
        await history.append(e);
      },
    });
    await c.start();
    await publish([stepEvent(`run-${tag}`, 1, `retry-${tag}`)]);
    await until(
      'the stored event',
      async () => (await stored(`run-${tag}`)).length === 1,
    );
    expect(attempts).toBe(3);
  });

  it('gives every replica every event on queues of their own, and shares the history queue', async () => {
    const { tag, queue, history, publish, consumer, stored } = await setup();
    const live: Record<string, string[]> = { a: [], b: [] };
    const storedBy: Record<string, number> = { a: 0, b: 0 };
    for (const replica of ['a', 'b']) {
      // Per replica: an exclusive queue for its browsers ...
      await consumer({
        ordered: true,
        invalid: 'drop',
        handler: async e => {
          live[replica].push(e.id);
        },
      }).start();
      // ... and the shared durable history queue.
      await consumer({
        queue,
        prefetch: 5,
        handler: async e => {
          if (await history.append(e)) storedBy[replica] += 1;
        },
      }).start();
    }
    const events = Array.from({ length: 40 }, (_, i) =>
      stepEvent(`run-${tag}`, i + 1, `replicas-${tag}`),
    );
    await publish(events);
    await until(
      'both replicas to see every event',
      () => live.a.length === 40 && live.b.length === 40,
    );
    // In publish order on each replica's own queue.
    expect(live.a).toEqual(events.map(e => e.id));
    expect(live.b).toEqual(events.map(e => e.id));
    await until(
      'the history',
      async () => (await stored(`run-${tag}`)).length === 40,
    );
    expect(storedBy.a + storedBy.b).toBe(40);
  });
});
