/** Lifecycle of a run. @public */
export type ExecutionStatus =
  | 'queued'
  | 'running'
  | 'paused'
  | 'succeeded'
  | 'failed'
  | 'cancelled';

/** Lifecycle of one step (of one iteration of a forEach step). @public */
export type StepStatus =
  | 'pending'
  | 'running'
  | 'retrying'
  | 'waiting'
  | 'succeeded'
  | 'failed'
  | 'skipped'
  | 'cancelled';

/** How a run was started. @public */
export type ExecutionTrigger =
  | { type: 'manual'; actor?: string }
  | { type: 'api'; actor?: string }
  | { type: 'schedule'; triggerId: string }
  | { type: 'webhook'; triggerId: string }
  | { type: 'resume'; fromExecutionId: string; actor?: string }
  | {
      type: 'rerun';
      fromExecutionId: string;
      fromStepId: string;
      actor?: string;
    }
  | { type: 'parent'; parentExecutionId: string; stepId: string };

/** Tokens a run or step used. @public */
export interface TokenTotals {
  inputTokens: number;
  outputTokens: number;
}

/** An error as stored and shown: a code the runtimes define, and a message. @public */
export interface ExecutionError {
  code: string;
  message: string;
  stepId?: string;
  retryable?: boolean;
}

/** A run, as the store keeps it and the API shows it. @public */
export interface ExecutionRecord {
  /** Also the Temporal workflow id. */
  id: string;
  /** `aiworkflow:<namespace>/<name>` */
  workflowRef: string;
  workflowVersion: number;
  /** The label the version was chosen by, when it was. */
  workflowLabel?: string;
  /** Owner of the workflow at start, for ownership-based approvals and filters. */
  owner: string;
  status: ExecutionStatus;
  input: unknown;
  output?: unknown;
  error?: ExecutionError;
  costUsd: number;
  tokens: TokenTotals;
  trigger: ExecutionTrigger;
  /** The run this one resumes or re-runs, or the parent of a sub-workflow run. */
  parentExecutionId?: string;
  createdBy?: string;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** What the run waits for when paused: an approval step or the budget. */
  pendingApproval?: PendingApproval;
  /** The version's `spec.budget.maxCostUsd`, when it has one. */
  budgetUsd?: number;
  /** Cost more than `budgetUsd`, or paused for the budget at least once. */
  overBudget?: boolean;
  /** Never removed by the retention policy. */
  pinned?: boolean;
}

/** @public */
export interface PendingApproval {
  stepId: string;
  kind: 'approval' | 'budget';
  message?: string;
  /** Entity refs of groups/users who may decide (besides admins of the role). */
  approvers: { owners: boolean; groups: string[]; roles: string[] };
  requestedAt: string;
  /** When the timeout branch is taken. */
  deadline?: string;
}

/** One attempt of one step (or one iteration of it). @public */
export interface StepAttemptRecord {
  executionId: string;
  stepId: string;
  /** forEach iteration, or 0. */
  iteration: number;
  attempt: number;
  status: StepStatus;
  componentRef?: string;
  input?: unknown;
  output?: unknown;
  error?: ExecutionError;
  costUsd: number;
  tokens: TokenTotals;
  latencyMs?: number;
  model?: string;
  startedAt: string;
  finishedAt?: string;
  /** What the worker logged for the attempt, oldest first. */
  logs?: AttemptLogLine[];
  /** Quality scores of the attempt (an evaluator's verdict). */
  scores?: EvaluationScore[];
}

/** A line the worker logged for one attempt. @public */
export interface AttemptLogLine {
  /** ISO 8601. */
  time: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

/** A quality score from 0 (worst) to 1 (best). @public */
export interface EvaluationScore {
  /** What was scored, e.g. the evaluator component's ref. */
  name: string;
  score: number;
  passed?: boolean;
  reason?: string;
}

/**
 * The header of an HMAC-signed webhook call:
 * `X-AI-Ops-Signature: sha256=<hex HMAC-SHA256 of the raw body>`, keyed
 * with the sha256 (hex) of the trigger's secret. HTTP header names are
 * case-insensitive; Node reads them in lower case.
 *
 * @public
 */
export const WEBHOOK_SIGNATURE_HEADER = 'X-AI-Ops-Signature';

/**
 * Words for each run and step status, as people read them (the executions
 * screens and the workflow page's Triggers tab).
 *
 * @public
 */
export const STATUS_LABELS: Record<ExecutionStatus | StepStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
  pending: 'Pending',
  retrying: 'Retrying',
  waiting: 'Waiting',
  skipped: 'Skipped',
};
