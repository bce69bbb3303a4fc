import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  ExecutionRecord,
  ExecutionStatus,
  StepAttemptRecord,
} from '@ai-ops/plugin-executions-common';
import type {
  CompletedStep,
  ExecutionUpdate,
  RunWorkflowArgs,
  StepStateUpdate,
  WorkflowSnapshot,
} from '@ai-ops/plugin-executions-workflows';
import { Knex } from 'knex';
import {
  ACTIVE_STATUSES,
  AttemptRow,
  decodeCursor,
  encodeCursor,
  ExecutionRow,
  FINISHED_STEP_STATUSES,
  fromJson,
  isUniqueViolation,
  LIST_COLUMNS,
  normalizeRef,
  parseTime,
  TERMINAL_STATUSES,
  toAttempt,
  toExecution,
  toIsoString,
  toJson,
} from './rows';
import {
  AttemptWrite,
  ExecutionFilter,
  ExecutionPage,
  ExecutionStore,
  NewExecution,
} from './types';
import {
  AttemptPage,
  evaluatorScores,
  pageAttempts,
  stepIterations,
  StepIterationsPage,
} from './steps';
import {
  attemptEvents,
  LOCKED_EVENT_SOURCE_COLUMNS,
  LockedEventSourceRow,
  executionEvents,
  PendingEvent,
  stepStateEvents,
  insertRunWithEvents,
  writeLockedWithEvents,
} from './outbox';

const migrationsDir = resolvePackagePath(
  '@ai-ops/plugin-executions-node',
  'migrations',
);

const ATTEMPT_KEY = ['execution_id', 'step_id', 'iteration', 'attempt'];

/**
 * Runs and step attempts in the executions plugin's database (PostgreSQL or
 * SQLite). Writes are idempotent: inserts of a known key return or merge the
 * existing row, timestamps are set once, and a finished run keeps its
 * outcome. Every state change writes its lifecycle events to
 * `execution_outbox` in the same transaction, only when the state changed.
 *
 * @public
 */
export class DatabaseExecutionStore implements ExecutionStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseExecutionStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseExecutionStore(client);
  }

  private constructor(private readonly db: Knex) {}

  private get isPostgres(): boolean {
    return this.db.client.config.client === 'pg';
  }

  async create(
    run: NewExecution,
  ): Promise<{ execution: ExecutionRecord; created: boolean }> {
    const now = new Date();
    const { snapshot } = run;
    const row = {
      id: run.id,
      workflow_ref: normalizeRef(snapshot.workflowRef),
      workflow_version: snapshot.version,
      workflow_label: run.workflowLabel ?? null,
      owner: normalizeRef(run.owner),
      status: run.status,
      input: JSON.stringify(run.input ?? null),
      output: null,
      error: null,
      trigger: JSON.stringify(run.trigger),
      pending_approval: null,
      snapshot: JSON.stringify(snapshot),
      completed: toJson(run.completed),
      cost_usd: 0,
      input_tokens: 0,
      output_tokens: 0,
      parent_execution_id: run.parentExecutionId ?? null,
      created_by: run.createdBy ?? null,
      idempotency_key: run.idempotencyKey ?? null,
      queued_at: now,
      started_at: run.status === 'running' ? now : null,
      finished_at: null,
      trigger_type: run.trigger.type,
      // Schedule and webhook runs: the trigger's newest runs are looked up by it.
      trigger_id: 'triggerId' in run.trigger ? run.trigger.triggerId : null,
      budget_usd: snapshot.document.spec.budget?.maxCostUsd ?? null,
      budget_paused: false,
      pinned: false,
    };
    const existing = async (db: Knex) => {
      const byId = await db<ExecutionRow>('executions')
        .where({ id: run.id })
        .first();
      if (byId || !run.idempotencyKey) return byId;
      return db<ExecutionRow>('executions')
        .where({
          created_by: run.createdBy ?? null,
          idempotency_key: run.idempotencyKey,
        })
        .first();
    };
    // The new row carries its event counter: row, outbox rows and NOTIFY
    // in one statement on PostgreSQL.
    const insert = async (db: Knex) => {
      const events: PendingEvent[] = [
        {
          type: 'ai-ops.execution.queued.v1',
          data: {
            status: 'queued',
            trigger: run.trigger,
            ...(run.parentExecutionId
              ? { parentExecutionId: run.parentExecutionId }
              : {}),
            ...(run.createdBy ? { createdBy: run.createdBy } : {}),
          },
        },
        ...(run.status === 'running'
          ? [
              {
                type: 'ai-ops.execution.started.v1' as const,
                data: { status: 'running' as const },
              },
            ]
          : []),
      ];
      await insertRunWithEvents(
        db,
        { ...row, event_sequence: events.length },
        events,
      );
      return {
        execution: toExecution(row as unknown as ExecutionRow),
        created: true,
      };
    };
    try {
      // Unique indexes answer for a known id and for a creator's idempotency
      // key (the catch below), so on PostgreSQL the insert goes first, alone.
      // A key without a creator (NULLs are distinct in the index) is looked
      // up before.
      if (this.isPostgres && !(run.idempotencyKey && !run.createdBy)) {
        return await insert(this.db);
      }
      return await this.db.transaction(async tx => {
        const found = await existing(tx);
        if (found) return { execution: toExecution(found), created: false };
        return insert(tx);
      });
    } catch (error) {
      // A concurrent request with the same id or key won the insert.
      if (isUniqueViolation(error)) {
        const found = await existing(this.db);
        if (found) return { execution: toExecution(found), created: false };
      }
      throw error;
    }
  }

  async get(id: string): Promise<ExecutionRecord | undefined> {
    const row: ExecutionRow | undefined = await this.db('executions')
      .select(LIST_COLUMNS)
      .where({ id })
      .first();
    return row && toExecution(row);
  }

  async getSnapshot(id: string): Promise<WorkflowSnapshot | undefined> {
    const row = await this.db<ExecutionRow>('executions')
      .select('snapshot')
      .where({ id })
      .first();
    return row ? fromJson<WorkflowSnapshot>(row.snapshot) : undefined;
  }

  async getRunArgs(id: string): Promise<RunWorkflowArgs | undefined> {
    const row = await this.db<ExecutionRow>('executions')
      .select('snapshot', 'input', 'completed')
      .where({ id })
      .first();
    if (!row) return undefined;
    const completed = fromJson<Record<string, CompletedStep>>(row.completed);
    return {
      executionId: id,
      snapshot: fromJson<WorkflowSnapshot>(row.snapshot)!,
      input: fromJson(row.input),
      ...(completed ? { completed } : {}),
    };
  }

  async list(options: {
    filter: ExecutionFilter;
    limit: number;
    cursor?: string;
  }): Promise<ExecutionPage> {
    const { filter, limit } = options;
    const page = this.filtered(filter).select(LIST_COLUMNS);
    if (options.cursor) {
      const cursor = decodeCursor(options.cursor);
      const at = new Date(cursor.queuedAt);
      page.where(builder =>
        builder
          .where('queued_at', '<', at)
          .orWhere(inner =>
            inner.where('queued_at', '=', at).andWhere('id', '<', cursor.id),
          ),
      );
    }
    page.orderBy([
      { column: 'queued_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
    const [rows, [counted]] = await Promise.all([
      page.limit(limit + 1) as Promise<ExecutionRow[]>,
      this.filtered(filter).count({ count: '*' }) as Promise<
        Array<{ count: number | string }>
      >,
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toExecution),
      totalItems: Number(counted.count),
      nextCursor:
        rows.length > limit && last
          ? encodeCursor({ queuedAt: toIsoString(last.queued_at), id: last.id })
          : undefined,
    };
  }

  async update(update: ExecutionUpdate): Promise<void> {
    await this.applyUpdate(update, query =>
      // A finished run keeps its outcome; the same outcome again may fill in
      // fields (output, totals) that an earlier write did not have.
      query.where(builder =>
        builder
          .whereNotIn('status', TERMINAL_STATUSES)
          .orWhere('status', update.status),
      ),
    );
  }

  async updateIf(
    update: ExecutionUpdate,
    from: ExecutionStatus[],
  ): Promise<boolean> {
    if (from.length === 0) return false;
    const count = await this.applyUpdate(update, query =>
      query.whereIn('status', from),
    );
    return count > 0;
  }

  private async applyUpdate(
    update: ExecutionUpdate,
    condition: (query: Knex.QueryBuilder) => void,
  ): Promise<number> {
    const now = new Date();
    const terminal = TERMINAL_STATUSES.includes(update.status);
    const changes: Record<string, unknown> = { status: update.status };
    if (update.output !== undefined) changes.output = toJson(update.output);
    if (update.error !== undefined) changes.error = toJson(update.error);
    if (update.costUsd !== undefined) changes.cost_usd = update.costUsd;
    if (update.tokens !== undefined) {
      changes.input_tokens = update.tokens.inputTokens;
      changes.output_tokens = update.tokens.outputTokens;
    }
    if (update.pendingApproval !== undefined) {
      changes.pending_approval =
        update.pendingApproval === null ? null : toJson(update.pendingApproval);
    } else if (terminal) {
      // Nothing waits for a decision once the run has finished.
      changes.pending_approval = null;
    }
    if (
      update.pendingApproval?.kind === 'budget' ||
      update.error?.code === 'BudgetExceeded'
    ) {
      // Kept for the runs list's "over budget" filter.
      changes.budget_paused = true;
    }
    if (ACTIVE_STATUSES.includes(update.status)) {
      changes.started_at = this.db.raw('coalesce(started_at, ?)', [now]);
    }
    if (terminal) {
      changes.finished_at = this.db.raw('coalesce(finished_at, ?)', [now]);
    }
    return this.db.transaction(async tx => {
      const current = tx('executions')
        .select(LOCKED_EVENT_SOURCE_COLUMNS)
        .where({ id: update.executionId });
      condition(current);
      if (this.isPostgres) current.forUpdate();
      const previous: LockedEventSourceRow | undefined = await current.first();
      // The row, locked, matched the condition: the update changes it.
      if (!previous) return 0;
      await writeLockedWithEvents(
        tx,
        previous,
        executionEvents(previous, update),
        { runChanges: changes },
      );
      return 1;
    });
  }

  /**
   * Runs `write` in a transaction with the attempt row's status before it
   * and the run's row (locked on PostgreSQL), then writes the events that
   * `events` derives from that status.
   */
  private async withStepEvents(
    key: {
      executionId: string;
      stepId: string;
      iteration: number;
      attempt: number;
    },
    write: (db: Knex.Transaction) => Knex.QueryBuilder,
    events: (previousStatus: string | undefined) => PendingEvent[],
  ): Promise<void> {
    await this.db.transaction(async tx => {
      // The run (locked) and the attempt's status before, in one query.
      const runQuery = tx('executions')
        .select(LOCKED_EVENT_SOURCE_COLUMNS)
        .select(
          tx('step_attempts')
            .select('status')
            .where({
              execution_id: key.executionId,
              step_id: key.stepId,
              iteration: key.iteration,
              attempt: key.attempt,
            })
            .as('previous_status'),
        )
        .where({ id: key.executionId });
      if (this.isPostgres) runQuery.forUpdate();
      const run:
        | (LockedEventSourceRow & { previous_status: string | null })
        | undefined = await runQuery.first();
      if (!run) {
        // No run to tell about it (an attempt of a deleted run).
        await write(tx);
        return;
      }
      await writeLockedWithEvents(
        tx,
        run,
        events(run.previous_status ?? undefined),
        { write: write(tx) },
      );
    });
  }

  async recordAttempt(attempt: AttemptWrite): Promise<void> {
    const now = new Date();
    let finishedAt: Date | null = null;
    if (attempt.finishedAt) finishedAt = new Date(attempt.finishedAt);
    else if (FINISHED_STEP_STATUSES.includes(attempt.status)) finishedAt = now;
    const values = {
      status: attempt.status,
      component_ref: attempt.componentRef,
      input: toJson(attempt.input),
      output: toJson(attempt.output),
      error: toJson(attempt.error),
      cost_usd: attempt.costUsd,
      input_tokens: attempt.tokens.inputTokens,
      output_tokens: attempt.tokens.outputTokens,
      latency_ms: attempt.latencyMs,
      model: attempt.model,
      logs: attempt.logs?.length ? toJson(attempt.logs) : undefined,
      scores: toJson(attempt.scores ?? evaluatorScores(attempt)),
    };
    const merged: Record<string, unknown> = { status: attempt.status };
    for (const [column, value] of Object.entries(values)) {
      // A later write of the same attempt (running -> succeeded) may omit
      // what an earlier one recorded, such as the input.
      if (value !== undefined && value !== null) merged[column] = value;
    }
    await this.withStepEvents(
      attempt,
      tx =>
        this.upsertAttempt(
          tx,
          {
            execution_id: attempt.executionId,
            step_id: attempt.stepId,
            iteration: attempt.iteration,
            attempt: attempt.attempt,
            ...values,
            component_ref: attempt.componentRef ?? null,
            latency_ms: attempt.latencyMs ?? null,
            model: attempt.model ?? null,
            logs: values.logs ?? null,
            started_at: attempt.startedAt ? new Date(attempt.startedAt) : now,
            finished_at: finishedAt,
          },
          {
            ...merged,
            ...(attempt.startedAt
              ? { started_at: new Date(attempt.startedAt) }
              : {}),
            ...(attempt.finishedAt
              ? { finished_at: new Date(attempt.finishedAt) }
              : {}),
          },
          !attempt.finishedAt,
        ),
      previous => attemptEvents(previous, attempt),
    );
  }

  async recordStepState(update: StepStateUpdate): Promise<void> {
    const now = new Date();
    const finished = FINISHED_STEP_STATUSES.includes(update.status);
    const merged: Record<string, unknown> = { status: update.status };
    if (update.output !== undefined) merged.output = toJson(update.output);
    if (update.error !== undefined) merged.error = toJson(update.error);
    await this.withStepEvents(
      { ...update, attempt: 0 },
      tx =>
        this.upsertAttempt(
          tx,
          {
            execution_id: update.executionId,
            step_id: update.stepId,
            iteration: update.iteration,
            attempt: 0,
            status: update.status,
            component_ref: null,
            input: null,
            output: toJson(update.output),
            error: toJson(update.error),
            cost_usd: 0,
            input_tokens: 0,
            output_tokens: 0,
            latency_ms: null,
            model: null,
            started_at: now,
            finished_at: finished ? now : null,
          },
          merged,
          true,
        ),
      previous => stepStateEvents(previous, update),
    );
  }

  /**
   * Inserts an attempt row, or merges `merged` into the existing one. With
   * `keepFinishedAt`, an existing finish time stays and a missing one is
   * taken from the insert (set when the new status is a finished one).
   */
  private upsertAttempt(
    db: Knex.Transaction,
    row: Record<string, unknown>,
    merged: Record<string, unknown>,
    keepFinishedAt: boolean,
  ): Knex.QueryBuilder {
    return db('step_attempts')
      .insert(row)
      .onConflict(ATTEMPT_KEY)
      .merge({
        ...merged,
        ...(keepFinishedAt
          ? {
              finished_at: db.raw(
                'coalesce(step_attempts.finished_at, excluded.finished_at)',
              ),
            }
          : {}),
      });
  }

  async listAttempts(executionId: string): Promise<StepAttemptRecord[]> {
    const rows = await this.db<AttemptRow>('step_attempts')
      .where({ execution_id: executionId })
      .orderBy([
        { column: 'started_at', order: 'asc' },
        { column: 'step_id', order: 'asc' },
        { column: 'iteration', order: 'asc' },
        { column: 'attempt', order: 'asc' },
      ]);
    return rows.map(toAttempt);
  }

  pageAttempts(
    executionId: string,
    options: { limit: number; cursor?: string },
  ): Promise<AttemptPage> {
    return pageAttempts(this.db, executionId, options);
  }

  stepIterations(
    executionId: string,
    stepId: string,
    options: { iteration?: number; limit: number; cursor?: string },
  ): Promise<StepIterationsPage | undefined> {
    return stepIterations(this.db, executionId, stepId, options);
  }

  async setPinned(id: string, pinned: boolean): Promise<boolean> {
    const count = await this.db('executions').where({ id }).update({ pinned });
    return count > 0;
  }

  async countActive(workflowRef: string): Promise<number> {
    const [row] = await this.db('executions')
      .where({ workflow_ref: normalizeRef(workflowRef) })
      .whereIn('status', ACTIVE_STATUSES)
      .count({ count: '*' });
    return Number(row.count);
  }

  async nextQueued(workflowRef: string): Promise<ExecutionRecord | undefined> {
    const row: ExecutionRow | undefined = await this.db('executions')
      .select(LIST_COLUMNS)
      .where({ workflow_ref: normalizeRef(workflowRef), status: 'queued' })
      .orderBy([
        { column: 'queued_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .first();
    return row && toExecution(row);
  }

  async listActive(workflowRef: string): Promise<ExecutionRecord[]> {
    const rows: ExecutionRow[] = await this.db('executions')
      .select(LIST_COLUMNS)
      .where({ workflow_ref: normalizeRef(workflowRef) })
      .whereIn('status', ACTIVE_STATUSES)
      .orderBy([
        { column: 'queued_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toExecution);
  }

  async listQueuedWorkflowRefs(): Promise<string[]> {
    const rows: Array<{ workflow_ref: string }> = await this.db('executions')
      .distinct('workflow_ref')
      .where({ status: 'queued' })
      .orderBy('workflow_ref');
    return rows.map(r => r.workflow_ref);
  }

  /** `executions` narrowed to the rows that match the filter. */
  private filtered(filter: ExecutionFilter): Knex.QueryBuilder {
    const query = this.db('executions');
    if (filter.workflowRef) {
      query.where('workflow_ref', normalizeRef(filter.workflowRef));
    }
    if (filter.status?.length) query.whereIn('status', filter.status);
    if (filter.owners?.length) {
      query.whereIn('owner', filter.owners.map(normalizeRef));
    }
    if (filter.createdBy) query.where('created_by', filter.createdBy);
    if (filter.from)
      query.where('queued_at', '>=', parseTime(filter.from, 'from'));
    if (filter.to) query.where('queued_at', '<', parseTime(filter.to, 'to'));
    if (filter.triggerTypes?.length) {
      query.whereIn('trigger_type', filter.triggerTypes);
    }
    if (filter.triggerIds?.length) {
      query.whereIn('trigger_id', filter.triggerIds);
    }
    if (filter.overBudget !== undefined) {
      const over = (builder: Knex.QueryBuilder) =>
        builder
          .where('budget_paused', true)
          .orWhere(inner =>
            inner
              .whereNotNull('budget_usd')
              .andWhereRaw('cost_usd > budget_usd'),
          );
      if (filter.overBudget) query.where(over);
      else query.whereNot(over);
    }
    if (filter.pinned !== undefined) query.where('pinned', filter.pinned);
    return query;
  }
}
