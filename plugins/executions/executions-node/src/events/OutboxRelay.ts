import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseExecutionEvent } from '@ai-ops/plugin-executions-common';
import { Knex } from 'knex';
import { OutboxRow } from '../store/outbox';
import { ExecutionEventMessage, ExecutionEventPublisher } from './types';

/**
 * Publishes the events of `execution_outbox` in the order they were written
 * and marks them published only once the publisher accepted them; a failed
 * publish is retried with backoff (at least once: consumers dedupe by id).
 *
 * @public
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private failures = 0;

  constructor(
    private readonly options: {
      knex: Knex;
      publisher: ExecutionEventPublisher;
      logger?: LoggerService;
      /** @default 100 */
      batchSize?: number;
      /** @default 500 */
      pollIntervalMs?: number;
      /** @default 30000 */
      maxBackoffMs?: number;
    },
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
  }

  /** Publishes one batch of unpublished events; returns how many. */
  async relayOnce(): Promise<number> {
    const { knex } = this.options;
    const rows: OutboxRow[] = await knex('execution_outbox')
      .whereNull('published_at')
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'execution_id', order: 'asc' },
        { column: 'sequence', order: 'asc' },
      ])
      .limit(this.batchSize);
    if (rows.length === 0) return 0;
    const messages: ExecutionEventMessage[] = [];
    const invalid: string[] = [];
    for (const row of rows) {
      const parsed = parseExecutionEvent(row.payload);
      if (parsed.success) {
        messages.push({ routingKey: row.routing_key, event: parsed.event });
      } else {
        invalid.push(row.id);
        this.options.logger?.error(
          `Outbox event ${row.id} is invalid and is not published: ${parsed.error}`,
        );
      }
    }
    if (messages.length > 0) await this.options.publisher.publish(messages);
    const now = new Date();
    const ids = [...messages.map(m => m.event.id), ...invalid];
    await knex('execution_outbox')
      .whereIn('id', ids)
      .update({ published_at: now });
    return messages.length;
  }

  /** Polls until `stop`; a full batch is followed by the next at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let delay = this.pollIntervalMs;
    try {
      const count = await this.relayOnce();
      this.failures = 0;
      if (count >= this.batchSize) delay = 0;
    } catch (error) {
      this.failures += 1;
      delay = Math.min(
        this.maxBackoffMs,
        this.pollIntervalMs * 2 ** Math.min(this.failures, 16),
      );
      this.options.logger?.warn(
        `Publishing execution events failed, retrying in ${delay}ms`,
        error as Error,
      );
    }
    this.schedule(delay);
  }
}
