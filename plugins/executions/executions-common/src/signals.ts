import type { ExecutionEvent, ExecutionEventType } from './events';
import type { ExecutionStatus, StepStatus } from './types';

/**
 * The Backstage signals the executions backend pushes to browsers as
 * lifecycle events arrive (see `docs/events.md`, "Live updates in the
 * browser").
 *
 * Signal channels are not permission-checked: anyone signed in may subscribe
 * to any channel. A signal therefore carries only a summary of an event (ids,
 * statuses, attempt, latency, tokens, cost, an error message), never step
 * inputs or outputs; the browser fetches details through the
 * permission-checked API.
 */

/** Prefix of every executions signal channel. @public */
export const EXECUTIONS_SIGNAL_CHANNEL_PREFIX = 'ai-ops-executions';

/**
 * The channel that receives a summary of every event of one run
 * (`ai-ops-executions:<executionId>`).
 *
 * @public
 */
export function executionSignalChannel(executionId: string): string {
  return `${EXECUTIONS_SIGNAL_CHANNEL_PREFIX}:${executionId}`;
}

/**
 * The channel that receives the run-level events (`ai-ops.execution.*`) of
 * every run, for run lists to refresh.
 *
 * @public
 */
export const EXECUTIONS_LIST_SIGNAL_CHANNEL = `${EXECUTIONS_SIGNAL_CHANNEL_PREFIX}-runs`;

/** The step part of a signal of an `ai-ops.step.*` event. @public */
export type ExecutionStepSignal = {
  stepId: string;
  /** forEach iteration, or 0. */
  iteration: number;
  /** From 1; absent on `step.skipped`. */
  attempt?: number;
  status: StepStatus;
  latencyMs?: number;
  costUsd?: number;
  tokens?: { inputTokens: number; outputTokens: number };
  errorMessage?: string;
  /** `step.failed` only: no further attempt of this step iteration follows. */
  final?: boolean;
};

/**
 * One signal message: the envelope of an event plus a summary of its data.
 * Messages of one run arrive in `sequence` order per replica but may repeat
 * (the event bus delivers at least once): dedupe by `id`, order by
 * `sequence`.
 *
 * @public
 */
export type ExecutionSignal = {
  /** The event id (uuid). */
  id: string;
  type: ExecutionEventType;
  /** Per execution, from 1, contiguous. */
  sequence: number;
  /** ISO 8601 time the state change was written. */
  time: string;
  /** The event subject. */
  executionId: string;
  workflowRef: string;
  /** The run's status after the event, for `ai-ops.execution.*` events. */
  executionStatus?: ExecutionStatus;
  /** Set for `ai-ops.step.*` events. */
  step?: ExecutionStepSignal;
  /** The step an approval or budget event is about. */
  approval?: { stepId: string; kind: 'approval' | 'budget' };
  /** Run totals, when the event carries them. */
  costUsd?: number;
  tokens?: { inputTokens: number; outputTokens: number };
  /** Run or approval error or message, when the event carries one. */
  errorMessage?: string;
};

/** Whether an event type is a run-level (`ai-ops.execution.*`) event. @public */
export function isExecutionRunEventType(type: ExecutionEventType): boolean {
  return type.startsWith('ai-ops.execution.');
}

/** Copies only defined values, so the message stays plain JSON. */
function compact<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v !== undefined) {
      out[key] = v;
    }
  }
  return out as T;
}

/**
 * The signal message of an event: the summary that is safe to broadcast.
 *
 * @public
 */
export function toExecutionSignal(event: ExecutionEvent): ExecutionSignal {
  const signal: ExecutionSignal = {
    id: event.id,
    type: event.type,
    sequence: event.sequence,
    time: event.time,
    executionId: event.subject,
    workflowRef: event.data.workflowRef,
  };
  switch (event.type) {
    case 'ai-ops.execution.queued.v1':
    case 'ai-ops.execution.started.v1':
    case 'ai-ops.execution.resumed.v1':
      signal.executionStatus = event.data.status;
      break;
    case 'ai-ops.execution.paused.v1':
      signal.executionStatus = event.data.status;
      if (event.data.stepId && event.data.reason) {
        signal.approval = {
          stepId: event.data.stepId,
          kind: event.data.reason,
        };
      }
      break;
    case 'ai-ops.execution.succeeded.v1':
      signal.executionStatus = event.data.status;
      signal.costUsd = event.data.costUsd;
      signal.tokens = event.data.tokens;
      break;
    case 'ai-ops.execution.failed.v1':
    case 'ai-ops.execution.cancelled.v1':
      signal.executionStatus = event.data.status;
      signal.costUsd = event.data.costUsd;
      signal.tokens = event.data.tokens;
      signal.errorMessage = event.data.error?.message;
      break;
    case 'ai-ops.step.started.v1':
    case 'ai-ops.step.retrying.v1':
    case 'ai-ops.step.succeeded.v1':
    case 'ai-ops.step.failed.v1':
      signal.step = compact<ExecutionStepSignal>({
        stepId: event.data.stepId,
        iteration: event.data.iteration,
        attempt: event.data.attempt,
        status: event.data.status,
        latencyMs: event.data.latencyMs,
        costUsd: event.data.costUsd,
        tokens: event.data.tokens,
        errorMessage: event.data.error?.message,
        final:
          event.type === 'ai-ops.step.failed.v1' ? event.data.final : undefined,
      });
      break;
    case 'ai-ops.step.skipped.v1':
      signal.step = {
        stepId: event.data.stepId,
        iteration: event.data.iteration,
        status: event.data.status,
      };
      break;
    case 'ai-ops.approval.requested.v1':
    case 'ai-ops.approval.decided.v1':
    case 'ai-ops.approval.timed_out.v1':
      signal.approval = { stepId: event.data.stepId, kind: event.data.kind };
      break;
    case 'ai-ops.budget.exceeded.v1':
      signal.approval = { stepId: event.data.stepId, kind: 'budget' };
      signal.costUsd = event.data.costUsd;
      signal.tokens = event.data.tokens;
      signal.errorMessage = event.data.message;
      break;
    default:
      break;
  }
  return compact(signal);
}
