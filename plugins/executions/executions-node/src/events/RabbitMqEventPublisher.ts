import type { LoggerService } from '@backstage/backend-plugin-api';
import { context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import {
  EXECUTION_EVENTS_DLX,
  EXECUTION_EVENTS_EXCHANGE,
} from '@ai-ops/plugin-executions-common';
import { ExecutionEventMessage, ExecutionEventPublisher } from './types';

/** Where dead-lettered messages stay for inspection. @public */
export const EXECUTION_EVENTS_DEAD_QUEUE = 'ai-ops.executions.dead';

/**
 * Publishes execution events to a durable topic exchange over a confirm
 * channel: `publish` resolves once the broker confirmed every message, and
 * rejects (after dropping the connection) when it cannot, so the outbox relay
 * keeps the rows and sends them again over a new connection.
 *
 * Declares the exchange, the dead-letter exchange and its queue; consumers
 * declare their own queues with `deadLetterExchange: EXECUTION_EVENTS_DLX`.
 *
 * @public
 */
export class RabbitMqEventPublisher implements ExecutionEventPublisher {
  private connection: ChannelModel | undefined;
  private channel: Promise<ConfirmChannel> | undefined;

  constructor(
    private readonly options: {
      url: string;
      exchange?: string;
      logger?: LoggerService;
    },
  ) {}

  private get exchange() {
    return this.options.exchange ?? EXECUTION_EVENTS_EXCHANGE;
  }

  private open(): Promise<ConfirmChannel> {
    if (!this.channel) {
      this.channel = (async () => {
        const connection = await connect(this.options.url);
        this.connection = connection;
        const drop = () => {
          if (this.connection === connection) this.reset();
        };
        connection.on('close', drop);
        connection.on('error', error => {
          this.options.logger?.warn(
            `RabbitMQ connection error: ${error.message}`,
          );
          drop();
        });
        const channel = await connection.createConfirmChannel();
        channel.on('error', drop);
        channel.on('close', drop);
        await channel.assertExchange(EXECUTION_EVENTS_DLX, 'topic', {
          durable: true,
        });
        await channel.assertQueue(EXECUTION_EVENTS_DEAD_QUEUE, {
          durable: true,
        });
        await channel.bindQueue(
          EXECUTION_EVENTS_DEAD_QUEUE,
          EXECUTION_EVENTS_DLX,
          '#',
        );
        await channel.assertExchange(this.exchange, 'topic', {
          durable: true,
        });
        return channel;
      })();
      this.channel.catch(() => this.reset());
    }
    return this.channel;
  }

  private reset() {
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    connection?.close().catch(() => undefined);
  }

  async publish(messages: ExecutionEventMessage[]): Promise<void> {
    try {
      const channel = await this.open();
      for (const { routingKey, event, traceContext } of messages) {
        // Published in the trace of the request or activity that wrote the
        // event: its context headers go with the message, and the amqplib
        // instrumentation (when tracing is on) makes its publish span a
        // child of it and puts that span's context in the headers instead.
        const publishContext = traceContext
          ? propagation.extract(ROOT_CONTEXT, traceContext)
          : ROOT_CONTEXT;
        context.with(publishContext, () =>
          channel.publish(
            this.exchange,
            routingKey,
            Buffer.from(JSON.stringify(event)),
            {
              persistent: true,
              messageId: event.id,
              type: event.type,
              timestamp: Math.floor(new Date(event.time).getTime() / 1000),
              contentType: 'application/json',
              headers: {
                ...traceContext,
                subject: event.subject,
                sequence: event.sequence,
              },
            },
          ),
        );
      }
      await channel.waitForConfirms();
    } catch (error) {
      this.reset();
      throw error;
    }
  }

  /** Closes the connection; a later publish opens a new one. */
  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    await connection?.close().catch(() => undefined);
  }
}
