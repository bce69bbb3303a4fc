import type { LoggerService } from '@backstage/backend-plugin-api';
import { ExecutionEventMessage, ExecutionEventPublisher } from './types';

/** @public */
export type ExecutionEventHandler = (
  message: ExecutionEventMessage,
) => Promise<void> | void;

/** @public */
export type ExecutionEventBatchHandler = (
  messages: ExecutionEventMessage[],
) => Promise<void> | void;

/** Whether a routing key matches an AMQP topic pattern (`*` one word, `#` any). */
export function matchesTopic(pattern: string, routingKey: string): boolean {
  const words = routingKey.split('.');
  const parts = pattern.split('.');
  const match = (p: number, w: number): boolean => {
    if (p === parts.length) return w === words.length;
    if (parts[p] === '#') {
      for (let next = w; next <= words.length; next++) {
        if (match(p + 1, next)) return true;
      }
      return false;
    }
    if (w === words.length) return false;
    return (parts[p] === '*' || parts[p] === words[w]) && match(p + 1, w + 1);
  };
  return match(0, 0);
}

/**
 * Delivers events to subscribers in the same process, with the topic
 * bindings of the broker (`default.support-triage.#`, `*.*.step.failed`).
 * Used when no broker is configured. A subscriber that throws is logged and
 * does not hold back the others; the batch is then published again.
 *
 * @public
 */
export class InProcessEventBus implements ExecutionEventPublisher {
  private readonly subscriptions = new Set<{
    pattern: string;
    handler: ExecutionEventHandler;
  }>();
  private readonly batchSubscriptions = new Set<{
    pattern: string;
    handler: ExecutionEventBatchHandler;
  }>();

  constructor(private readonly options: { logger?: LoggerService } = {}) {}

  /** Subscribes to events whose routing key matches `pattern`; returns the unsubscribe. */
  subscribe(pattern: string, handler: ExecutionEventHandler): () => void {
    const subscription = { pattern, handler };
    this.subscriptions.add(subscription);
    return () => {
      this.subscriptions.delete(subscription);
    };
  }

  /**
   * Like `subscribe`, but the handler gets the matching events of each
   * published batch at once, in order (to store them in one write).
   */
  subscribeBatch(
    pattern: string,
    handler: ExecutionEventBatchHandler,
  ): () => void {
    const subscription = { pattern, handler };
    this.batchSubscriptions.add(subscription);
    return () => {
      this.batchSubscriptions.delete(subscription);
    };
  }

  /**
   * Hands every message to the matching subscribers. When one of them threw,
   * the others still got every message, and `publish` then rejects so that
   * the relay sends the batch again (at least once, as over a broker).
   */
  async publish(messages: ExecutionEventMessage[]): Promise<void> {
    let failure: Error | undefined;
    for (const { pattern, handler } of [...this.batchSubscriptions]) {
      const matching = messages.filter(m =>
        matchesTopic(pattern, m.routingKey),
      );
      if (matching.length === 0) continue;
      try {
        await handler(matching);
      } catch (error) {
        failure ??= error as Error;
        this.options.logger?.warn(
          `Subscriber of ${pattern} failed on ${matching.length} events`,
          error as Error,
        );
      }
    }
    for (const message of messages) {
      for (const { pattern, handler } of [...this.subscriptions]) {
        if (!matchesTopic(pattern, message.routingKey)) continue;
        try {
          await handler(message);
        } catch (error) {
          failure ??= error as Error;
          this.options.logger?.warn(
            `Subscriber of ${pattern} failed on event ${message.event.id}`,
            error as Error,
          );
        }
      }
    }
    if (failure) {
      throw new Error(
        `A subscriber failed on the events (${failure.message}); they are sent again`,
      );
    }
  }
}
