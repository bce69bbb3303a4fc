import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  EXECUTION_EVENTS_DLX,
  EXECUTION_EVENTS_EXCHANGE,
  ExecutionEvent,
  parseExecutionEvent,
} from '@ai-ops/plugin-executions-common';
import {
  connect,
  type Channel,
  type ChannelModel,
  type ConsumeMessage,
} from 'amqplib';
import { EXECUTION_EVENTS_DEAD_QUEUE } from './RabbitMqEventPublisher';

/** The durable queue the executions backends share to store the history. @public */
export const EXECUTION_EVENTS_HISTORY_QUEUE = 'ai-ops.executions.history';

/** Handles one consumed event; the message is acked once it resolves. @public */
export type ConsumedEventHandler = (
  event: ExecutionEvent,
  delivery: { redelivered: boolean },
) => Promise<void>;

/** @public */
export interface RabbitMqEventConsumerOptions {
  url: string;
  /** @default ai-ops.executions */
  exchange?: string;
  /**
   * A durable queue shared by every consumer of this name (each message goes
   * to one of them). Without it, the consumer gets an exclusive, auto-deleted
   * queue of its own that receives every message while it is connected.
   */
  queue?: string;
  /** @default ['#'] */
  bindings?: string[];
  /**
   * Unacknowledged messages the broker hands out at once.
   * @default 50
   */
  prefetch?: number;
  /**
   * Handle one message at a time, in the order they arrive (else up to
   * `prefetch` at once).
   * @default false
   */
  ordered?: boolean;
  /**
   * What to do with a message that is not a valid event: reject it to the
   * dead-letter exchange, or ack and forget it (when another queue already
   * dead-letters the same message).
   * @default dead-letter
   */
  invalid?: 'dead-letter' | 'drop';
  handler: ConsumedEventHandler;
  logger?: LoggerService;
  /** @default 1000 */
  reconnectDelayMs?: number;
  /** How long a message whose handler failed waits before it is requeued. @default 1000 */
  retryDelayMs?: number;
  /** How long `stop` waits for handlers in flight. @default 5000 */
  stopTimeoutMs?: number;
}

/**
 * Consumes execution events from RabbitMQ with manual acks and a prefetch:
 * a message is acked only after its handler resolved, requeued (after a
 * delay) when the handler failed, and rejected without requeue, so that it
 * goes to the dead-letter exchange, when it can never be processed (not a
 * valid event). Reconnects after the connection drops; what was not acked
 * then is delivered again, so handlers must be idempotent.
 *
 * @public
 */
export class RabbitMqEventConsumer {
  private connection: ChannelModel | undefined;
  private stopped = true;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private chain: Promise<void> = Promise.resolve();
  private ready: Promise<void> | undefined;
  private resolveReady: (() => void) | undefined;
  private boundQueue: string | undefined;

  constructor(private readonly options: RabbitMqEventConsumerOptions) {}

  /** The queue this consumer reads, once connected. */
  get queueName(): string | undefined {
    return this.boundQueue;
  }

  /**
   * Starts consuming; resolves once the queue is bound and consumed for the
   * first time. Keeps reconnecting until `stop` when the broker is away.
   */
  start(): Promise<void> {
    if (!this.stopped) return this.ready!;
    this.stopped = false;
    this.ready = new Promise(resolve => {
      this.resolveReady = resolve;
    });
    this.connectLoop();
    return this.ready;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    // Handlers in flight may still ack; one that hangs does not hold up the
    // shutdown (its message is delivered again).
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise(resolve => {
        timer = setTimeout(resolve, this.options.stopTimeoutMs ?? 5000);
      }),
    ]);
    clearTimeout(timer);
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close().catch(() => undefined);
  }

  private connectLoop() {
    if (this.stopped) return;
    this.open().then(
      () => {
        this.resolveReady?.();
        this.resolveReady = undefined;
      },
      error => {
        this.options.logger?.warn(
          `Consuming execution events failed: ${
            (error as Error).message
          }; reconnecting`,
        );
        this.drop();
      },
    );
  }

  private drop() {
    const connection = this.connection;
    this.connection = undefined;
    connection?.close().catch(() => undefined);
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connectLoop();
    }, this.options.reconnectDelayMs ?? 1000);
  }

  private async open(): Promise<void> {
    const exchange = this.options.exchange ?? EXECUTION_EVENTS_EXCHANGE;
    const connection = await connect(this.options.url);
    this.connection = connection;
    const lost = () => {
      if (this.connection === connection) this.drop();
    };
    connection.on('close', lost);
    connection.on('error', error => {
      this.options.logger?.warn(`RabbitMQ connection error: ${error.message}`);
      lost();
    });
    const channel = await connection.createChannel();
    channel.on('error', lost);
    channel.on('close', lost);
    await channel.assertExchange(EXECUTION_EVENTS_DLX, 'topic', {
      durable: true,
    });
    await channel.assertQueue(EXECUTION_EVENTS_DEAD_QUEUE, { durable: true });
    await channel.bindQueue(
      EXECUTION_EVENTS_DEAD_QUEUE,
      EXECUTION_EVENTS_DLX,
      '#',
    );
    await channel.assertExchange(exchange, 'topic', { durable: true });
    const arguments_ = { 'x-dead-letter-exchange': EXECUTION_EVENTS_DLX };
    const { queue } = this.options.queue
      ? await channel.assertQueue(this.options.queue, {
          durable: true,
          arguments: arguments_,
        })
      : await channel.assertQueue('', {
          exclusive: true,
          autoDelete: true,
          durable: false,
          arguments: arguments_,
        });
    for (const pattern of this.options.bindings ?? ['#']) {
      await channel.bindQueue(queue, exchange, pattern);
    }
    await channel.prefetch(this.options.prefetch ?? 50);
    this.boundQueue = queue;
    await channel.consume(queue, message => {
      if (!message) {
        // The broker cancelled the consumer (the queue was deleted).
        lost();
        return;
      }
      this.receive(channel, message);
    });
  }

  private receive(channel: Channel, message: ConsumeMessage) {
    const run = () => this.process(channel, message);
    const task = this.options.ordered
      ? (this.chain = this.chain.then(run))
      : run();
    this.inFlight.add(task);
    task.finally(() => this.inFlight.delete(task));
  }

  private async process(channel: Channel, message: ConsumeMessage) {
    const parsed = parseExecutionEvent(message.content.toString('utf8'));
    if (!parsed.success) {
      this.options.logger?.error(
        `Execution event ${
          message.properties.messageId ?? '(no id)'
        } is invalid (${parsed.error}); ${
          this.options.invalid === 'drop' ? 'dropped' : 'dead-lettered'
        }`,
      );
      if (this.options.invalid === 'drop') {
        this.settle(() => channel.ack(message));
      } else {
        this.settle(() => channel.nack(message, false, false));
      }
      return;
    }
    try {
      await this.options.handler(parsed.event, {
        redelivered: message.fields.redelivered,
      });
    } catch (error) {
      this.options.logger?.warn(
        `Handling execution event ${parsed.event.id} failed; it is requeued`,
        error as Error,
      );
      await new Promise(resolve =>
        setTimeout(resolve, this.options.retryDelayMs ?? 1000),
      );
      this.settle(() => channel.nack(message, false, true));
      return;
    }
    this.settle(() => channel.ack(message));
  }

  /**
   * Acks or nacks on the channel the message came on; when that channel is
   * gone the broker delivers the message again, which is what is wanted.
   */
  private settle(action: () => void) {
    try {
      action();
    } catch {
      // The channel closed meanwhile.
    }
  }
}
