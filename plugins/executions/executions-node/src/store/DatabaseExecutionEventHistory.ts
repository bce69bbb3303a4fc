import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  ExecutionEvent,
  parseExecutionEvent,
} from '@ai-ops/plugin-executions-common';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@ai-ops/plugin-executions-node',
  'migrations',
);

/** One page of a run's event history. @public */
export interface ExecutionEventPage {
  items: ExecutionEvent[];
  /** The `after` of the next page, when more events follow. */
  nextAfter?: number;
}

/**
 * The consumed history of lifecycle events: every event once, whatever the
 * event bus delivered twice.
 *
 * @public
 */
export interface ExecutionEventHistory {
  /**
   * Stores an event unless one with its id or its (subject, sequence) is
   * stored already; true when it was stored now.
   */
  append(event: ExecutionEvent): Promise<boolean>;
  /**
   * `append` for several events in one write; the ids of those stored now
   * (the others were stored already).
   */
  appendMany(events: ExecutionEvent[]): Promise<Set<string>>;
  /** The events of a run with a sequence greater than `after`, by sequence. */
  list(
    executionId: string,
    options: { after?: number; limit: number },
  ): Promise<ExecutionEventPage>;
}

interface EventRow {
  id: string;
  execution_id: string;
  sequence: number;
  type: string;
  time: Date | string | number;
  payload: string;
  received_at: Date | string | number;
}

/**
 * `execution_events` in the executions plugin's database (PostgreSQL or
 * SQLite), unique by event id and by (execution id, sequence).
 *
 * @public
 */
export class DatabaseExecutionEventHistory implements ExecutionEventHistory {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseExecutionEventHistory> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseExecutionEventHistory(client);
  }

  private constructor(private readonly db: Knex) {}

  async append(event: ExecutionEvent): Promise<boolean> {
    return (await this.appendMany([event])).has(event.id);
  }

  async appendMany(events: ExecutionEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const receivedAt = new Date();
    const rows: EventRow[] = events.map(event => ({
      id: event.id,
      execution_id: event.subject,
      sequence: event.sequence,
      type: event.type,
      time: new Date(event.time),
      payload: JSON.stringify(event),
      received_at: receivedAt,
    }));
    // No conflict target: a row with the same id or the same (execution,
    // sequence) makes this one a duplicate.
    const inserted: Array<{ id: string }> = await this.db('execution_events')
      .insert(rows)
      .onConflict()
      .ignore()
      .returning('id');
    return new Set(inserted.map(row => row.id));
  }

  async list(
    executionId: string,
    options: { after?: number; limit: number },
  ): Promise<ExecutionEventPage> {
    const rows: Pick<EventRow, 'sequence' | 'payload'>[] = await this.db(
      'execution_events',
    )
      .select('sequence', 'payload')
      .where('execution_id', executionId)
      .andWhere('sequence', '>', options.after ?? 0)
      .orderBy('sequence', 'asc')
      .limit(options.limit + 1);
    const page = rows.slice(0, options.limit);
    const items: ExecutionEvent[] = [];
    for (const row of page) {
      const parsed = parseExecutionEvent(row.payload);
      // Only valid events are stored; a row that no longer parses (a type
      // this version does not know) is left out rather than failing the page.
      if (parsed.success) items.push(parsed.event);
    }
    return {
      items,
      nextAfter:
        rows.length > options.limit
          ? Number(page[page.length - 1].sequence)
          : undefined,
    };
  }
}
