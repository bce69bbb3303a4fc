import {
  DatabaseService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { normalizeRef, TERMINAL_STATUSES, toIsoString } from './rows';

/** How long finished runs of a workflow are kept. @public */
export type RetentionPolicyRecord = {
  workflowRef: string;
  days: number;
  /** `default` from config, `workflow` when set for this workflow. */
  source: 'default' | 'workflow';
  updatedBy?: string;
  updatedAt?: string;
};

/** What one pruning pass removed. @public */
export interface PruneResult {
  /** Runs removed, with their attempts and events. */
  deletedRuns: number;
}

/**
 * Per-workflow retention of finished runs and the pruning that applies it.
 *
 * @public
 */
export interface ExecutionRetentionStore {
  getPolicy(workflowRef: string): Promise<RetentionPolicyRecord>;
  setPolicy(
    workflowRef: string,
    days: number,
    updatedBy?: string,
  ): Promise<RetentionPolicyRecord>;
  /** Removes a workflow's own policy; returns the default that applies now. */
  deletePolicy(workflowRef: string): Promise<RetentionPolicyRecord>;
  /**
   * Deletes finished runs older than their workflow's retention (by
   * `finished_at`) with their step attempts, outbox rows and event history,
   * in batches. Never a pinned run, never an unfinished one, never one with
   * an event the relay has not published yet.
   */
  prune(options?: { now?: Date }): Promise<PruneResult>;
}

interface RetentionRow {
  workflow_ref: string;
  days: number;
  updated_by: string | null;
  updated_at: Date | string | number;
}

/** Tables keyed by `execution_id` that go with a run; the ones that exist are used. */
const DEPENDENT_TABLES = [
  'step_attempts',
  'execution_outbox',
  'execution_events',
];

const DAY_MS = 86_400_000;

/** `executions.retention` of app-config. @public */
export interface RetentionSettings {
  defaultDays: number;
  batchSize: number;
  schedule: SchedulerServiceTaskScheduleDefinition;
}

/**
 * Reads `executions.retention` (defaults: 30 days, batches of 500, hourly
 * with a 15-minute timeout, first run a minute after start).
 *
 * @public
 */
export function readRetentionSettings(config: Config): RetentionSettings {
  const retention = config.getOptionalConfig('executions.retention');
  const defaultDays = retention?.getOptionalNumber('defaultDays') ?? 30;
  const batchSize = retention?.getOptionalNumber('batchSize') ?? 500;
  for (const [key, value] of Object.entries({ defaultDays, batchSize })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(
        `Invalid config at executions.retention.${key}: must be an integer >= 1`,
      );
    }
  }
  const schedule = retention?.has('schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        retention.getConfig('schedule'),
      )
    : {
        frequency: { hours: 1 },
        timeout: { minutes: 15 },
        initialDelay: { minutes: 1 },
      };
  return { defaultDays, batchSize, schedule };
}

/**
 * {@link ExecutionRetentionStore} in the executions database. Create it
 * after `DatabaseExecutionStore.create`, which migrates the database.
 *
 * @public
 */
export class DatabaseExecutionRetention implements ExecutionRetentionStore {
  static async create(options: {
    database: DatabaseService;
    /** Days finished runs are kept when their workflow sets none. */
    defaultDays: number;
    /** Runs deleted per transaction. @defaultValue 500 */
    batchSize?: number;
  }): Promise<DatabaseExecutionRetention> {
    if (!Number.isInteger(options.defaultDays) || options.defaultDays < 1) {
      throw new Error(
        `Invalid config at executions.retention.defaultDays: must be an integer >= 1, got ${options.defaultDays}`,
      );
    }
    return new DatabaseExecutionRetention(
      await options.database.getClient(),
      options.defaultDays,
      options.batchSize ?? 500,
    );
  }

  private constructor(
    private readonly db: Knex,
    private readonly defaultDays: number,
    private readonly batchSize: number,
  ) {}

  private get isPostgres(): boolean {
    return this.db.client.config.client === 'pg';
  }

  async getPolicy(workflowRef: string): Promise<RetentionPolicyRecord> {
    const ref = normalizeRef(workflowRef);
    const row: RetentionRow | undefined = await this.db('execution_retention')
      .where({ workflow_ref: ref })
      .first();
    if (!row)
      return { workflowRef: ref, days: this.defaultDays, source: 'default' };
    return {
      workflowRef: ref,
      days: Number(row.days),
      source: 'workflow',
      ...(row.updated_by ? { updatedBy: row.updated_by } : {}),
      updatedAt: toIsoString(row.updated_at),
    };
  }

  async setPolicy(
    workflowRef: string,
    days: number,
    updatedBy?: string,
  ): Promise<RetentionPolicyRecord> {
    const row = {
      workflow_ref: normalizeRef(workflowRef),
      days,
      updated_by: updatedBy ?? null,
      updated_at: new Date(),
    };
    await this.db('execution_retention')
      .insert(row)
      .onConflict('workflow_ref')
      .merge(['days', 'updated_by', 'updated_at']);
    return this.getPolicy(workflowRef);
  }

  async deletePolicy(workflowRef: string): Promise<RetentionPolicyRecord> {
    await this.db('execution_retention')
      .where({ workflow_ref: normalizeRef(workflowRef) })
      .delete();
    return this.getPolicy(workflowRef);
  }

  async prune(options: { now?: Date } = {}): Promise<PruneResult> {
    const now = (options.now ?? new Date()).getTime();
    const overrides: Array<{ workflow_ref: string; days: number }> =
      await this.db('execution_retention').select('workflow_ref', 'days');
    const tables: string[] = [];
    for (const table of DEPENDENT_TABLES) {
      if (await this.db.schema.hasTable(table)) tables.push(table);
    }
    let deletedRuns = 0;
    // Each workflow with its own policy, then every other one by the default.
    const groups: Array<{
      days: number;
      scope: (query: Knex.QueryBuilder) => void;
    }> = [
      ...overrides.map(o => ({
        days: Number(o.days),
        scope: (query: Knex.QueryBuilder) => {
          query.where('workflow_ref', o.workflow_ref);
        },
      })),
      {
        days: this.defaultDays,
        scope: (query: Knex.QueryBuilder) => {
          if (overrides.length) {
            query.whereNotIn(
              'workflow_ref',
              overrides.map(o => o.workflow_ref),
            );
          }
        },
      },
    ];
    for (const group of groups) {
      const cutoff = new Date(now - group.days * DAY_MS);
      const prunable = (db: Knex | Knex.Transaction) => {
        const query = db('executions')
          .whereIn('status', TERMINAL_STATUSES)
          .where('pinned', false)
          .whereNotNull('finished_at')
          .where('finished_at', '<', cutoff)
          .whereNotExists(
            db('execution_outbox')
              .select(db.raw('1'))
              .whereRaw('execution_outbox.execution_id = executions.id')
              .whereNull('execution_outbox.published_at'),
          );
        group.scope(query);
        return query;
      };
      for (;;) {
        const candidates: Array<{ id: string }> = await prunable(this.db)
          .select('id')
          .orderBy('finished_at')
          .limit(this.batchSize);
        if (candidates.length === 0) break;
        deletedRuns += await this.db.transaction(
          async (tx): Promise<number> => {
            // Checked again inside the transaction (rows locked on
            // PostgreSQL; SQLite has one writer): a run pinned meanwhile stays.
            const recheck = prunable(tx)
              .select('id')
              .whereIn(
                'id',
                candidates.map(c => c.id),
              );
            if (this.isPostgres) recheck.forUpdate();
            const ids = (await recheck).map((r: { id: string }) => r.id);
            if (ids.length === 0) return 0;
            for (const table of tables) {
              await tx(table).whereIn('execution_id', ids).delete();
            }
            return Number(await tx('executions').whereIn('id', ids).delete());
          },
        );
        if (candidates.length < this.batchSize) break;
      }
    }
    return { deletedRuns };
  }
}
