import type { LoggerService } from '@backstage/backend-plugin-api';
import type { ExecutionEvent } from '@ai-ops/plugin-executions-common';
import {
  EXECUTION_EVENTS_HISTORY_QUEUE,
  ExecutionEventHistory,
  InProcessEventBus,
  RabbitMqEventConsumer,
} from '@ai-ops/plugin-executions-node';
import { ExecutionNotifier } from './ExecutionNotifier';
import { ExecutionSignalPublisher } from './ExecutionSignalPublisher';

/** Where consumed events come from. @internal */
export type EventSource =
  | {
      type: 'rabbitmq';
      url: string;
      exchange?: string;
      /** The durable queue the replicas share for the history. */
      historyQueue?: string;
      /** @default 50 */
      prefetch?: number;
    }
  | { type: 'in-process'; bus: InProcessEventBus };

/** @internal */
export interface EventConsumersOptions {
  source: EventSource;
  history: ExecutionEventHistory;
  signals: ExecutionSignalPublisher;
  notifier: ExecutionNotifier;
  logger: LoggerService;
}

/** The running consumers; `ready` resolves once they consume. @internal */
export interface EventConsumers {
  ready: Promise<void>;
  stop(): Promise<void>;
}

type HistoryOptions = Pick<
  EventConsumersOptions,
  'history' | 'notifier' | 'logger'
>;

/** Sends an event's notifications; a failure is logged, never thrown. */
async function notifySafely(options: HistoryOptions, event: ExecutionEvent) {
  try {
    await options.notifier.notify(event);
  } catch (error) {
    options.logger.warn(
      `Notifying about event ${event.id} (${event.type}) of run ${event.subject} failed`,
      error as Error,
    );
  }
}

/**
 * Stores an event in the history and, the first time (or when the message
 * is a redelivery, so the first handling may have died before notifying),
 * sends its notifications. A failed notification is logged and does not
 * hold back the history.
 */
export function createHistoryHandler(options: HistoryOptions) {
  return async (
    event: ExecutionEvent,
    delivery: { redelivered: boolean },
  ): Promise<void> => {
    const stored = await options.history.append(event);
    if (!stored && !delivery.redelivered) return;
    await notifySafely(options, event);
  };
}

/**
 * The history handler for a batch (the in-process bus): stored in one write,
 * then the notifications of the events stored now.
 */
export function createHistoryBatchHandler(options: HistoryOptions) {
  return async (events: ExecutionEvent[]): Promise<void> => {
    const stored = await options.history.appendMany(events);
    for (const event of events) {
      if (stored.has(event.id)) await notifySafely(options, event);
    }
  };
}

/**
 * Consumes the lifecycle events for this backend instance:
 *
 * - the **history**: every event stored once (by id and sequence) in
 *   `execution_events`, then its notifications sent. Over RabbitMQ the
 *   replicas share one durable queue, so each event is stored by one of them;
 * - **live updates**: every event pushed as a Backstage signal to the
 *   browsers connected to this instance. Over RabbitMQ each instance binds an
 *   exclusive, auto-deleted queue of its own, so every replica's browsers get
 *   every update.
 *
 * Without RabbitMQ both read the in-process bus the outbox relay publishes to.
 *
 * @internal
 */
export function startEventConsumers(
  options: EventConsumersOptions,
): EventConsumers {
  const { source, logger, signals } = options;
  const storeAndNotify = createHistoryHandler(options);
  if (source.type === 'in-process') {
    const storeBatch = createHistoryBatchHandler(options);
    const unsubscribe = [
      source.bus.subscribeBatch('#', messages =>
        storeBatch(messages.map(m => m.event)),
      ),
      source.bus.subscribe('#', ({ event }) => signals.publish(event)),
    ];
    return {
      ready: Promise.resolve(),
      async stop() {
        unsubscribe.forEach(u => u());
      },
    };
  }
  const history = new RabbitMqEventConsumer({
    url: source.url,
    exchange: source.exchange,
    queue: source.historyQueue ?? EXECUTION_EVENTS_HISTORY_QUEUE,
    prefetch: source.prefetch,
    handler: storeAndNotify,
    logger,
  });
  const live = new RabbitMqEventConsumer({
    url: source.url,
    exchange: source.exchange,
    prefetch: source.prefetch,
    ordered: true,
    // The history queue dead-letters what is invalid; this one drops it.
    invalid: 'drop',
    handler: event => signals.publish(event),
    logger,
  });
  return {
    ready: Promise.all([history.start(), live.start()]).then(() => undefined),
    async stop() {
      await Promise.all([history.stop(), live.stop()]);
    },
  };
}
