import { metrics } from '@opentelemetry/api';
import { connect, type ChannelModel } from 'amqplib';
import { AIOPS_METER_NAME } from '../metrics/instruments';

/** What the outbox holds back. @public */
export interface OutboxBacklog {
  pending: number;
  /** When the oldest unpublished event was written. */
  oldestCreatedAt?: Date;
}

/**
 * `aiops_outbox_pending_events` and `aiops_outbox_lag_seconds` (age of the
 * oldest unpublished event, 0 when none), read from `backlog` at each
 * scrape. Returns a function that stops observing.
 *
 * @public
 */
export function observeOutboxBacklog(
  backlog: () => Promise<OutboxBacklog>,
): () => void {
  const meter = metrics.getMeter(AIOPS_METER_NAME);
  const pending = meter.createObservableGauge('aiops_outbox_pending_events', {
    description: 'Lifecycle events written to the outbox and not yet published',
  });
  const lag = meter.createObservableGauge('aiops_outbox_lag_seconds', {
    description: 'Age of the oldest unpublished lifecycle event (0 when none)',
    unit: 's',
  });
  const callback = async (
    result: Parameters<
      Parameters<typeof meter.addBatchObservableCallback>[0]
    >[0],
  ) => {
    const state = await backlog();
    result.observe(pending, state.pending);
    result.observe(
      lag,
      state.oldestCreatedAt
        ? Math.max(0, (Date.now() - state.oldestCreatedAt.getTime()) / 1000)
        : 0,
    );
  };
  meter.addBatchObservableCallback(callback, [pending, lag]);
  return () => meter.removeBatchObservableCallback(callback, [pending, lag]);
}

/**
 * `aiops_events_queue_depth{queue}`: messages waiting in the RabbitMQ
 * queues the console consumes, read from `depths` at each scrape (queue
 * name -> ready messages). Returns a function that stops observing.
 *
 * @public
 */
export function observeQueueDepth(
  depths: () => Promise<Record<string, number>>,
): () => void {
  const meter = metrics.getMeter(AIOPS_METER_NAME);
  const gauge = meter.createObservableGauge('aiops_events_queue_depth', {
    description: 'Messages ready in a RabbitMQ queue the console consumes',
  });
  const callback = async (
    result: Parameters<Parameters<typeof gauge.addCallback>[0]>[0],
  ) => {
    for (const [queue, depth] of Object.entries(await depths())) {
      result.observe(depth, { queue });
    }
  };
  gauge.addCallback(callback);
  return () => gauge.removeCallback(callback);
}

/**
 * Ready-message counts of RabbitMQ queues, for `observeQueueDepth`: one
 * connection of its own, opened at the first scrape and again after it
 * drops; a queue that does not exist (yet) is left out.
 *
 * @public
 */
export function rabbitMqQueueDepths(options: {
  url: string;
  queues: string[];
}): { depths: () => Promise<Record<string, number>>; close(): Promise<void> } {
  let connection: Promise<ChannelModel> | undefined;
  const open = () => {
    if (!connection) {
      connection = connect(options.url);
      connection.then(
        model => {
          model.on('error', () => undefined);
          model.on('close', () => {
            connection = undefined;
          });
        },
        () => {
          connection = undefined;
        },
      );
    }
    return connection;
  };
  return {
    async depths() {
      const model = await open();
      const result: Record<string, number> = {};
      for (const queue of options.queues) {
        // A failed check closes its channel: one channel per queue.
        const channel = await model.createChannel();
        channel.on('error', () => undefined);
        try {
          result[queue] = (await channel.checkQueue(queue)).messageCount;
        } catch {
          continue;
        } finally {
          await channel.close().catch(() => undefined);
        }
      }
      return result;
    },
    async close() {
      const pending = connection;
      connection = undefined;
      if (pending) await (await pending.catch(() => undefined))?.close();
    },
  };
}
