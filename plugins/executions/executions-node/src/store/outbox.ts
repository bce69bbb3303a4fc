import { randomUUID } from 'node:crypto';
import { context, propagation } from '@opentelemetry/api';
import {
  EXECUTION_EVENT_DATA_SCHEMA_VERSION,
  EXECUTION_EVENT_SOURCE,
  ExecutionEvent,
  ExecutionEventDataMap,
  ExecutionEventType,
  PendingApproval,
  routingKeyOf,
} from '@ai-ops/plugin-executions-common';
import type {
  ExecutionUpdate,
  StepStateUpdate,
} from '@ai-ops/plugin-executions-workflows';
import { Knex } from 'knex';
import { fromJson } from './rows';
import { AttemptWrite } from './types';

/** The columns of a run an event needs. @internal */
export interface EventSourceRow {
  id: string;
  workflow_ref: string;
  workflow_version: number;
  owner: string;
  status: string;
  pending_approval: string | null;
}

export const EVENT_SOURCE_COLUMNS = [
  'id',
  'workflow_ref',
  'workflow_version',
  'owner',
  'status',
  'pending_approval',
];

/** A run's row read under its lock, with its event counter. @internal */
export interface LockedEventSourceRow extends EventSourceRow {
  event_sequence: number | string;
}

/** The columns of a run a locked write needs. @internal */
export const LOCKED_EVENT_SOURCE_COLUMNS = [
  ...EVENT_SOURCE_COLUMNS,
  'event_sequence',
];

type DataWithoutBase<T extends ExecutionEventType> = Omit<
  ExecutionEventDataMap[T],
  'workflowRef' | 'workflowVersion' | 'owner'
>;

/** An event before it has an envelope. @internal */
export type PendingEvent = {
  [T in ExecutionEventType]: { type: T; data: DataWithoutBase<T> };
}[ExecutionEventType];

/** The PostgreSQL NOTIFY channel a commit with outbox rows signals. @internal */
export const OUTBOX_NOTIFY_CHANNEL = 'ai_ops_execution_outbox';

/** A row of `execution_outbox`. @internal */
export interface OutboxRow {
  id: string;
  execution_id: string;
  sequence: number;
  routing_key: string;
  payload: string;
  created_at: Date | string | number;
  published_at: Date | string | number | null;
  trace_context?: string | null;
}

/**
 * The W3C trace context headers of the active span (none without a tracer),
 * kept with the events so that they are published in the trace that caused
 * them.
 */
function activeTraceContext(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ? JSON.stringify(carrier) : null;
}

// On PostgreSQL the relay LISTENs on this channel; the notification is
// delivered when the transaction commits, so it relays at once instead of at
// its next poll.
const NOTIFY = "select pg_notify(?, '')";

const isPostgres = (tx: Knex) => tx.client.config.client === 'pg';

/**
 * A state change of a run and the events it makes, written together in the
 * caller's transaction, which holds the run's row lock (`run` was read with
 * it, counter included, so the events' sequence numbers are known here):
 * `write` (a statement on another table, such as a step attempt's upsert),
 * `runChanges` on the run's row (the new event counter added), the outbox
 * rows and the NOTIFY the relay listens for. On PostgreSQL that is one
 * statement (data-modifying WITH clauses) instead of one round trip each;
 * elsewhere the statements run one after another.
 */
export async function writeLockedWithEvents(
  tx: Knex,
  run: LockedEventSourceRow,
  events: PendingEvent[],
  changes: {
    write?: Knex.QueryBuilder;
    runChanges?: Record<string, unknown>;
  },
): Promise<void> {
  const sequence = Number(run.event_sequence);
  const runChanges = {
    ...changes.runChanges,
    ...(events.length ? { event_sequence: sequence + events.length } : {}),
  };
  const statements: Knex.QueryBuilder[] = [];
  if (changes.write) statements.push(changes.write);
  if (Object.keys(runChanges).length) {
    statements.push(tx('executions').where({ id: run.id }).update(runChanges));
  }
  await writeWithEvents(tx, run, events, sequence, statements);
}

/**
 * A new run's row (`event_sequence` already counting `events`) and its first
 * events, written together as {@link writeLockedWithEvents} writes a change.
 */
export async function insertRunWithEvents(
  tx: Knex,
  row: EventSourceRow & { event_sequence: number },
  events: PendingEvent[],
): Promise<void> {
  await writeWithEvents(tx, row, events, 0, [tx('executions').insert(row)]);
}

/**
 * `statements`, then the outbox rows of `events` (numbered after
 * `sequence`) and the NOTIFY: one statement on PostgreSQL.
 */
async function writeWithEvents(
  tx: Knex,
  run: EventSourceRow,
  events: PendingEvent[],
  sequence: number,
  statements: Knex.QueryBuilder[],
): Promise<void> {
  if (events.length) {
    statements.push(
      tx('execution_outbox').insert(outboxRows(run, events, sequence + 1)),
    );
  }
  if (!isPostgres(tx)) {
    for (const statement of statements) await statement;
    return;
  }
  if (statements.length === 0) return;
  const parts = statements.map(statement => statement.toSQL());
  const sql = `with ${parts
    .map((part, i) => `w${i} as (${part.sql})`)
    .join(', ')} ${events.length ? NOTIFY : 'select 1'}`;
  await tx.raw(sql, [
    ...parts.flatMap(part => part.bindings),
    ...(events.length ? [OUTBOX_NOTIFY_CHANNEL] : []),
  ]);
}

/** The outbox rows of `events`, numbered from `first`. */
function outboxRows(
  run: EventSourceRow,
  events: PendingEvent[],
  first: number,
) {
  const now = new Date();
  const traceContext = activeTraceContext();
  return events.map((pending, index) => {
    const event = {
      specversion: '1.0',
      id: randomUUID(),
      type: pending.type,
      source: EXECUTION_EVENT_SOURCE,
      time: now.toISOString(),
      subject: run.id,
      sequence: first + index,
      datacontenttype: 'application/json',
      dataschemaversion: EXECUTION_EVENT_DATA_SCHEMA_VERSION,
      data: {
        workflowRef: run.workflow_ref,
        workflowVersion: Number(run.workflow_version),
        owner: run.owner,
        ...pending.data,
      },
    } as ExecutionEvent;
    return {
      id: event.id,
      execution_id: run.id,
      sequence: event.sequence,
      routing_key: routingKeyOf(event),
      payload: JSON.stringify(event),
      created_at: now,
      published_at: null,
      trace_context: traceContext,
    };
  });
}

const defined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;

/**
 * How the wait a run was paused for ended: `approval.timed_out` when the
 * interpreter says its deadline passed, else `approval.decided` (with the
 * decision when the interpreter names it).
 */
function resolutionEvent(
  waited: PendingApproval,
  update: ExecutionUpdate,
): PendingEvent {
  const resolution =
    update.resolution?.stepId === waited.stepId ? update.resolution : undefined;
  if (resolution?.outcome === 'timed_out') {
    return {
      type: 'ai-ops.approval.timed_out.v1',
      data: defined({
        stepId: waited.stepId,
        kind: waited.kind,
        deadline: waited.deadline,
      }),
    };
  }
  return {
    type: 'ai-ops.approval.decided.v1',
    data: defined({
      stepId: waited.stepId,
      kind: waited.kind,
      decision: resolution?.outcome,
      decidedBy: resolution?.decidedBy,
    }),
  };
}

/** The events of a run state change from `previous` (none when unchanged). */
export function executionEvents(
  previous: EventSourceRow,
  update: ExecutionUpdate,
): PendingEvent[] {
  if (previous.status === update.status) return [];
  const totals = defined({ costUsd: update.costUsd, tokens: update.tokens });
  const waited = fromJson<PendingApproval>(previous.pending_approval);
  switch (update.status) {
    case 'running':
      if (previous.status !== 'paused') {
        return [
          { type: 'ai-ops.execution.started.v1', data: { status: 'running' } },
        ];
      }
      return [
        ...(waited ? [resolutionEvent(waited, update)] : []),
        { type: 'ai-ops.execution.resumed.v1', data: { status: 'running' } },
      ];
    case 'paused': {
      const pending = update.pendingApproval ?? waited;
      const events: PendingEvent[] = [
        {
          type: 'ai-ops.execution.paused.v1',
          data: defined({
            status: 'paused' as const,
            reason: pending?.kind,
            stepId: pending?.stepId,
            ...totals,
          }),
        },
      ];
      if (pending?.kind === 'approval') {
        events.push({
          type: 'ai-ops.approval.requested.v1',
          data: defined({
            stepId: pending.stepId,
            kind: pending.kind,
            message: pending.message,
            approvers: pending.approvers,
            requestedAt: pending.requestedAt,
            deadline: pending.deadline,
          }),
        });
      } else if (pending?.kind === 'budget') {
        events.push({
          type: 'ai-ops.budget.exceeded.v1',
          data: defined({
            stepId: pending.stepId,
            message: pending.message,
            ...totals,
          }),
        });
      }
      return events;
    }
    case 'succeeded':
    case 'failed':
    case 'cancelled':
      return [
        {
          type: `ai-ops.execution.${update.status}.v1`,
          data: defined({
            status: update.status,
            error: update.error,
            ...totals,
          }),
        } as PendingEvent,
      ];
    default:
      return [];
  }
}

/**
 * The event of an attempt's state change from `previousStatus` (none when
 * unchanged). A failed attempt whose error is retryable is `step.failed`
 * with `final: false`: the retry policy, which the store does not know, may
 * run another attempt.
 */
export function attemptEvents(
  previousStatus: string | undefined,
  attempt: AttemptWrite,
): PendingEvent[] {
  if (previousStatus === attempt.status) return [];
  const data = defined({
    stepId: attempt.stepId,
    iteration: attempt.iteration,
    attempt: attempt.attempt,
    status: attempt.status,
    componentRef: attempt.componentRef,
    model: attempt.model,
    costUsd: attempt.costUsd,
    tokens: attempt.tokens,
    latencyMs: attempt.latencyMs,
    error: attempt.error,
  });
  // An attempt first recorded when it has finished (a quick call is written
  // once) still announces its start.
  const started: PendingEvent[] =
    previousStatus === undefined &&
    (attempt.status === 'succeeded' || attempt.status === 'failed')
      ? [
          {
            type: 'ai-ops.step.started.v1',
            data: defined({
              stepId: attempt.stepId,
              iteration: attempt.iteration,
              attempt: attempt.attempt,
              status: 'running' as const,
              componentRef: attempt.componentRef,
            }),
          },
        ]
      : [];
  switch (attempt.status) {
    case 'running':
      return [{ type: 'ai-ops.step.started.v1', data }];
    case 'retrying':
      return [{ type: 'ai-ops.step.retrying.v1', data }];
    case 'succeeded':
      return [...started, { type: 'ai-ops.step.succeeded.v1', data }];
    case 'failed':
      return [
        ...started,
        {
          type: 'ai-ops.step.failed.v1',
          data: { ...data, final: attempt.error?.retryable !== true },
        },
      ];
    default:
      return [];
  }
}

/** The event of a non-attempt step state change (a skip). */
export function stepStateEvents(
  previousStatus: string | undefined,
  update: StepStateUpdate,
): PendingEvent[] {
  if (previousStatus === update.status || update.status !== 'skipped') {
    return [];
  }
  return [
    {
      type: 'ai-ops.step.skipped.v1',
      data: {
        stepId: update.stepId,
        iteration: update.iteration,
        status: 'skipped',
      },
    },
  ];
}
