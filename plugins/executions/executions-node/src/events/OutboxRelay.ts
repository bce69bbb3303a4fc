import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseExecutionEvent } from '@ai-ops/plugin-executions-common';
import { Knex } from 'knex';
import { OUTBOX_NOTIFY_CHANNEL, OutboxRow } from '../store/outbox';
import { ExecutionEventMessage, ExecutionEventPublisher } from './types';

/** The stored trace context headers of an outbox row, when it has any. */
function traceContextOf(
  stored: string | null | undefined,
): Record<string, string> | undefined {
  if (!stored) return undefined;
  try {
    const parsed = JSON.parse(stored);
    return typeof parsed?.traceparent === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Where a row stands in the outbox order. */
interface OutboxPosition {
  createdAt: Date | string | number;
  executionId: string;
  sequence: number;
}

/** A batch handed to the publisher whose rows are not marked published yet. */
interface InFlightBatch {
  ids: string[];
  done: Promise<void>;
  settled: boolean;
}

/** The part of a `pg` client the relay listens with. */
interface ListeningConnection {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: () => void): unknown;
  on(event: 'error' | 'end', listener: (error?: Error) => void): unknown;
  end(): Promise<void>;
}

/**
 * Publishes the events of `execution_outbox` in the order they were written
 * and marks them published only once the publisher accepted them; a failed
 * publish is retried with backoff (at least once: consumers dedupe by id).
 *
 * It polls the outbox, and on PostgreSQL also LISTENs for the notification
 * every commit with outbox rows sends (from any process), so that events
 * leave right after their commit; `wake` does the same in process.
 *
 * @public
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly maxBackoffMs: number;
  private readonly publishWindow: number;
  private readonly wakeDelayMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** When the pending timer fires (ms since the epoch). */
  private timerDueAt = 0;
  private running: Promise<void> | undefined;
  private stopped = true;
  private failures = 0;
  private wakeRequested = false;
  /** A drain waiting for new rows while batches are in flight. */
  private wakeWaiters: Array<() => void> = [];
  /** Set by `stop`, so that a drain in progress ends after its batch. */
  private stopping = false;
  private listener: ListeningConnection | undefined;
  private listenRetry: NodeJS.Timeout | undefined;

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
      /**
       * LISTEN for commits on PostgreSQL (ignored on other databases).
       * @default true
       */
      listen?: boolean;
      /**
       * Batches published at once while earlier ones wait for their
       * confirms. Keep 1 for a publisher whose subscribers must see batches
       * one after the other (the in-process bus).
       * @default 1
       */
      publishWindow?: number;
      /**
       * How long an idle relay waits after a commit's notification (or a
       * `wake`) before it reads the outbox, so that the commits of the same
       * moment leave in one batch (fewer reads and updates of the outbox
       * under load); 0 reads at once.
       * @default 10
       */
      wakeDelayMs?: number;
    },
  ) {
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.publishWindow = Math.max(1, options.publishWindow ?? 1);
    this.wakeDelayMs = Math.max(0, options.wakeDelayMs ?? 10);
  }

  /** Publishes one batch of unpublished events; returns how many. */
  async relayOnce(): Promise<number> {
    const batch = await this.readBatch([]);
    if (batch.ids.length === 0) return 0;
    if (batch.messages.length > 0) {
      await this.options.publisher.publish(batch.messages);
    }
    await this.markPublished(batch.ids);
    return batch.messages.length;
  }

  /**
   * Publishes batches until the outbox is empty; returns how many events.
   * Up to `publishWindow` batches' worth of events are in flight at once:
   * the next batch is read and published while earlier ones wait for their
   * confirms and are marked published, so database and broker round trips
   * overlap. Batches are read and handed to the publisher in outbox order.
   */
  async drain(): Promise<number> {
    let inFlight: InFlightBatch[] = [];
    let cursor: OutboxPosition | undefined;
    const state: { failure?: unknown } = {};
    let total = 0;
    try {
      for (;;) {
        if (state.failure) throw state.failure;
        if (this.stopping) break;
        while (this.windowFull(inFlight)) {
          await inFlight.shift()!.done;
        }
        // Rows in flight are still unpublished in the table.
        // While there is a backlog, read on from the last row read (a
        // keyset); once caught up, read from the start again, but for the
        // rows in flight (still unpublished in the table), so that a row
        // that committed late with an earlier time is not left behind.
        const batch = await this.readBatch(
          cursor ? [] : inFlight.flatMap(b => b.ids),
          cursor,
        );
        cursor = batch.ids.length === this.batchSize ? batch.last : undefined;
        if (batch.ids.length === 0) {
          if (inFlight.length === 0) break;
          // Nothing new yet: wait for a commit or for the batches in flight,
          // whichever comes first, then look again.
          let release = () => {};
          const woken = new Promise<void>(resolve => {
            release = resolve;
          });
          this.wakeWaiters.push(release);
          await Promise.race([
            woken,
            Promise.allSettled(inFlight.map(b => b.done)),
          ]);
          this.wakeWaiters = this.wakeWaiters.filter(w => w !== release);
          inFlight = inFlight.filter(b => !b.settled);
          continue;
        }
        inFlight.push(this.launch(batch, state));
        total += batch.messages.length;
      }
    } finally {
      await Promise.allSettled(inFlight.map(b => b.done));
    }
    if (state.failure) throw state.failure;
    return total;
  }

  /**
   * With a window of 1, one batch at a time. Above, up to `publishWindow`
   * full batches' worth of events, so that a trickle of small batches (a
   * few commits each) is not held up behind the confirms of earlier ones.
   */
  private windowFull(inFlight: InFlightBatch[]): boolean {
    if (this.publishWindow === 1) return inFlight.length >= 1;
    const events = inFlight.reduce((sum, b) => sum + b.ids.length, 0);
    return events >= this.publishWindow * this.batchSize;
  }

  /** Publishes a batch and marks it published; a failure lands in `state`. */
  private launch(
    batch: { ids: string[]; messages: ExecutionEventMessage[] },
    state: { failure?: unknown },
  ): InFlightBatch {
    const entry: InFlightBatch = {
      ids: batch.ids,
      settled: false,
      done: Promise.resolve(),
    };
    entry.done = (async () => {
      try {
        if (batch.messages.length > 0) {
          await this.options.publisher.publish(batch.messages);
        }
        await this.markPublished(batch.ids);
      } catch (error) {
        state.failure ??= error;
      } finally {
        entry.settled = true;
      }
    })();
    return entry;
  }

  /** The next unpublished events in outbox order, but for `exclude`. */
  private async readBatch(
    exclude: string[],
    after?: OutboxPosition,
  ): Promise<{
    ids: string[];
    messages: ExecutionEventMessage[];
    last?: OutboxPosition;
  }> {
    const query = this.options
      .knex('execution_outbox')
      .whereNull('published_at');
    if (exclude.length > 0) query.whereNotIn('id', exclude);
    if (after) {
      query.whereRaw('(created_at, execution_id, sequence) > (?, ?, ?)', [
        after.createdAt,
        after.executionId,
        after.sequence,
      ]);
    }
    const rows: OutboxRow[] = await query
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'execution_id', order: 'asc' },
        { column: 'sequence', order: 'asc' },
      ])
      .limit(this.batchSize);
    const messages: ExecutionEventMessage[] = [];
    for (const row of rows) {
      const parsed = parseExecutionEvent(row.payload);
      if (parsed.success) {
        const traceContext = traceContextOf(row.trace_context);
        messages.push({
          routingKey: row.routing_key,
          event: parsed.event,
          ...(traceContext ? { traceContext } : {}),
        });
      } else {
        // Marked published with the batch, so that it does not block the rest.
        this.options.logger?.error(
          `Outbox event ${row.id} is invalid and is not published: ${parsed.error}`,
        );
      }
    }
    const lastRow = rows[rows.length - 1];
    return {
      ids: rows.map(row => row.id),
      messages,
      last: lastRow && {
        createdAt: lastRow.created_at,
        executionId: lastRow.execution_id,
        sequence: lastRow.sequence,
      },
    };
  }

  private async markPublished(ids: string[]): Promise<void> {
    await this.options
      .knex('execution_outbox')
      .whereIn('id', ids)
      .update({ published_at: new Date() });
  }

  /**
   * How many events wait to be published and when the oldest was written
   * (for the outbox lag and backlog metrics).
   */
  async backlog(): Promise<{ pending: number; oldestCreatedAt?: Date }> {
    const row = (await this.options
      .knex('execution_outbox')
      .whereNull('published_at')
      .count({ pending: '*' })
      .min({ oldest: 'created_at' })
      .first()) as
      | { pending: number | string; oldest: Date | string | number | null }
      | undefined;
    const pending = Number(row?.pending ?? 0);
    const oldest = row?.oldest;
    if (pending === 0 || oldest === null || oldest === undefined) {
      return { pending };
    }
    return { pending, oldestCreatedAt: new Date(oldest) };
  }

  /** Polls until `stop`; a full batch is followed by the next at once. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    this.schedule(0);
    if (
      this.options.listen !== false &&
      this.options.knex.client.config.client === 'pg'
    ) {
      this.listen();
    }
  }

  /**
   * Resolves once the pass under way (if any) has finished and the relay
   * waits for its next poll or wake-up.
   */
  async settled(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.listenRetry) clearTimeout(this.listenRetry);
    this.listenRetry = undefined;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    await this.running;
  }

  /**
   * Relays now rather than at the next poll (events were just committed);
   * while publishing fails, the backoff stands.
   */
  wake(): void {
    if (this.stopped || this.failures > 0) return;
    if (this.timer) {
      if (this.wakeDelayMs > 0) {
        // Idle: relay after a short pause, unless that is due sooner anyway.
        if (this.timerDueAt <= Date.now() + this.wakeDelayMs) return;
        clearTimeout(this.timer);
        this.schedule(this.wakeDelayMs);
        return;
      }
      clearTimeout(this.timer);
      this.timer = undefined;
      this.running = this.tick();
    } else {
      this.wakeRequested = true;
      this.wakeWaiters.splice(0).forEach(resolve => resolve());
    }
  }

  /** A connection of its own that LISTENs; reopened when it drops. */
  private listen() {
    if (this.stopped) return;
    const client = this.options.knex.client as {
      acquireRawConnection(): Promise<ListeningConnection>;
    };
    const retry = (error?: Error) => {
      if (this.stopped || this.listenRetry) return;
      this.options.logger?.warn(
        `Listening for outbox commits failed${
          error ? `: ${error.message}` : ''
        }; polling meanwhile`,
      );
      const listener = this.listener;
      this.listener = undefined;
      listener?.end().catch(() => undefined);
      this.listenRetry = setTimeout(() => {
        this.listenRetry = undefined;
        this.listen();
      }, Math.max(this.pollIntervalMs, 1000));
    };
    client.acquireRawConnection().then(
      async connection => {
        if (this.stopped) {
          await connection.end().catch(() => undefined);
          return;
        }
        this.listener = connection;
        connection.on('notification', () => this.wake());
        connection.on('error', retry);
        connection.on('end', () => {
          if (this.listener === connection) retry();
        });
        try {
          await connection.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
          // Commits between the last poll and the LISTEN are not missed.
          this.wake();
        } catch (error) {
          retry(error as Error);
        }
      },
      error => retry(error as Error),
    );
  }

  private schedule(delayMs: number) {
    if (this.stopped) return;
    this.timerDueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.tick();
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let delay = this.pollIntervalMs;
    this.wakeRequested = false;
    try {
      await this.drain();
      this.failures = 0;
      if (this.wakeRequested) delay = 0;
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
