import { InputError } from '@backstage/errors';
import type {
  ExecutionRecord,
  ExecutionStatus,
  StepAttemptRecord,
} from '@ai-ops/plugin-executions-common';

/** Timestamps come back as Date (pg), number (SQLite) or string. */
export type Timestamp = Date | string | number;

/** @internal */
export interface ExecutionRow {
  id: string;
  workflow_ref: string;
  workflow_version: number;
  workflow_label: string | null;
  owner: string;
  status: string;
  input: string;
  output: string | null;
  error: string | null;
  trigger: string;
  pending_approval: string | null;
  snapshot: string;
  completed: string | null;
  cost_usd: number | string;
  input_tokens: number | string;
  output_tokens: number | string;
  parent_execution_id: string | null;
  created_by: string | null;
  idempotency_key: string | null;
  queued_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  trigger_type?: string | null;
  trigger_id?: string | null;
  budget_usd?: number | string | null;
  /** boolean on PostgreSQL, 0/1 on SQLite */
  budget_paused?: boolean | number | null;
  pinned?: boolean | number | null;
}

/** @internal */
export interface AttemptRow {
  execution_id: string;
  step_id: string;
  iteration: number;
  attempt: number;
  status: string;
  component_ref: string | null;
  input: string | null;
  output: string | null;
  error: string | null;
  cost_usd: number | string;
  input_tokens: number | string;
  output_tokens: number | string;
  latency_ms: number | null;
  model: string | null;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  logs?: string | null;
  scores?: string | null;
}

/** The columns of `executions` a list reads: everything but the snapshot. */
export const LIST_COLUMNS = [
  'id',
  'workflow_ref',
  'workflow_version',
  'workflow_label',
  'owner',
  'status',
  'input',
  'output',
  'error',
  'trigger',
  'pending_approval',
  'cost_usd',
  'input_tokens',
  'output_tokens',
  'parent_execution_id',
  'created_by',
  'queued_at',
  'started_at',
  'finished_at',
  'budget_usd',
  'budget_paused',
  'pinned',
];

/** Statuses a run does not leave. */
export const TERMINAL_STATUSES: ExecutionStatus[] = [
  'succeeded',
  'failed',
  'cancelled',
];

/** Statuses that hold a slot of the workflow's concurrency limit. */
export const ACTIVE_STATUSES: ExecutionStatus[] = ['running', 'paused'];

/** Step statuses after which an attempt has finished. */
export const FINISHED_STEP_STATUSES = [
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
];

/** Entity refs compare case-insensitively; they are stored lower-cased. */
export const normalizeRef = (ref: string) => ref.toLocaleLowerCase('en-US');

/** JSON text of a value; `undefined` is stored as SQL null. */
export const toJson = (value: unknown): string | null =>
  value === undefined ? null : JSON.stringify(value);

export const fromJson = <T = unknown>(text: string | null): T | undefined =>
  text === null || text === undefined ? undefined : (JSON.parse(text) as T);

export function toIsoString(value: Timestamp): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return new Date(value).toISOString();
  const asNumber = Number(value);
  if (/^\d+$/.test(value) && Number.isFinite(asNumber)) {
    return new Date(asNumber).toISOString();
  }
  const parsed = new Date(String(value).replace(' ', 'T'));
  return Number.isNaN(parsed.getTime()) ? String(value) : parsed.toISOString();
}

const optionalIso = (value: Timestamp | null) =>
  value === null || value === undefined ? undefined : toIsoString(value);

const optional = <T>(value: T | null): T | undefined => value ?? undefined;

export function toExecution(row: ExecutionRow): ExecutionRecord {
  return {
    id: row.id,
    workflowRef: row.workflow_ref,
    workflowVersion: Number(row.workflow_version),
    workflowLabel: optional(row.workflow_label),
    owner: row.owner,
    status: row.status as ExecutionStatus,
    input: fromJson(row.input),
    output: fromJson(row.output),
    error: fromJson(row.error),
    costUsd: Number(row.cost_usd),
    tokens: {
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
    },
    trigger: fromJson(row.trigger)!,
    parentExecutionId: optional(row.parent_execution_id),
    createdBy: optional(row.created_by),
    queuedAt: toIsoString(row.queued_at),
    startedAt: optionalIso(row.started_at),
    finishedAt: optionalIso(row.finished_at),
    pendingApproval: fromJson(row.pending_approval),
    ...monitoringFields(row),
  };
}

/** Budget and pin state; absent on rows written before they existed. */
function monitoringFields(
  row: ExecutionRow,
): Pick<ExecutionRecord, 'budgetUsd' | 'overBudget' | 'pinned'> {
  const budget =
    row.budget_usd === null || row.budget_usd === undefined
      ? undefined
      : Number(row.budget_usd);
  const overBudget =
    Boolean(Number(row.budget_paused ?? 0)) ||
    (budget !== undefined && Number(row.cost_usd) > budget);
  return {
    ...(budget !== undefined ? { budgetUsd: budget } : {}),
    overBudget,
    pinned: Boolean(Number(row.pinned ?? 0)),
  };
}

export function toAttempt(row: AttemptRow): StepAttemptRecord {
  return {
    executionId: row.execution_id,
    stepId: row.step_id,
    iteration: Number(row.iteration),
    attempt: Number(row.attempt),
    status: row.status as StepAttemptRecord['status'],
    componentRef: optional(row.component_ref),
    input: fromJson(row.input),
    output: fromJson(row.output),
    error: fromJson(row.error),
    costUsd: Number(row.cost_usd),
    tokens: {
      inputTokens: Number(row.input_tokens),
      outputTokens: Number(row.output_tokens),
    },
    latencyMs:
      row.latency_ms === null || row.latency_ms === undefined
        ? undefined
        : Number(row.latency_ms),
    model: optional(row.model),
    startedAt: toIsoString(row.started_at),
    finishedAt: optionalIso(row.finished_at),
    ...(row.logs ? { logs: fromJson(row.logs) } : {}),
    ...(row.scores ? { scores: fromJson(row.scores) } : {}),
  };
}

/** Position in the list order (queued_at desc, id desc). */
export interface Cursor {
  queuedAt: string;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      parsed &&
      typeof parsed.queuedAt === 'string' &&
      !Number.isNaN(Date.parse(parsed.queuedAt)) &&
      typeof parsed.id === 'string'
    ) {
      return parsed;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor: not a cursor returned by this API');
}

/** A timestamp filter as a Date; a 400 naming the field when it does not parse. */
export function parseTime(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InputError(`${field}: '${value}' is not an ISO 8601 timestamp`);
  }
  return date;
}

export const isUniqueViolation = (error: unknown) =>
  /unique|duplicate key/i.test(String((error as Error)?.message));
