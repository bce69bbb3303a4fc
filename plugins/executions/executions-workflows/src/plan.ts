/*
 * Pure helpers of the interpreter: the static shape of a workflow (branches,
 * dependants), durations and activity options. Deterministic code only: this
 * module is part of the workflow bundle.
 */
import {
  ActivityCancellationType,
  type ActivityOptions,
} from '@temporalio/workflow';
import type {
  ExecutionError,
  PendingApproval,
  StepStatus,
  TokenTotals,
} from '@ai-ops/plugin-executions-common';
import type {
  WorkflowApproval,
  WorkflowOnError,
  WorkflowStep,
} from '@ai-ops/plugin-workflows-common';

/** Time limit of one attempt of a component step without `timeout`. */
export const DEFAULT_STEP_TIMEOUT_MS = 5 * 60_000;
/** A component attempt that does not heartbeat for this long is retried. */
export const STEP_HEARTBEAT_TIMEOUT_MS = 30_000;
/** Attempts of a component step without `retry.maxAttempts`. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** Iterations of a forEach step in flight at once without `concurrency`. */
export const DEFAULT_FOREACH_CONCURRENCY = 10;
/** Continue-as-new once the history has this many events, even if the server does not suggest it. */
export const MAX_HISTORY_EVENTS = 10_000;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds of a duration as the model writes it (`500ms`, `1.5h`, `1d`). */
export function durationMs(duration: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)(ms|s|m|h|d)$/.exec(duration.trim());
  if (!match) {
    throw new Error(`'${duration}' is not a duration such as 30s or 5m`);
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2]]);
}

/** The step a jump goes to, when the value is `{ goto }`. */
export function gotoTarget(
  value: WorkflowOnError | WorkflowApproval['onTimeout'] | undefined,
): string | undefined {
  return value && typeof value === 'object' ? value.goto : undefined;
}

/**
 * Steps some step can jump to (`onError.goto`, `approval.onTimeout.goto`,
 * `approval.onReject.goto`): they run only when jumped to.
 */
export function branchTargets(steps: WorkflowStep[]): Set<string> {
  const targets = new Set<string>();
  for (const step of steps) {
    for (const target of [
      gotoTarget(step.onError),
      gotoTarget(step.approval?.onTimeout),
      gotoTarget(step.approval?.onReject),
    ]) {
      if (target) targets.add(target);
    }
  }
  return targets;
}

/** Steps no other step needs: their outputs are the run's when it has no output mapping. */
export function leafSteps(steps: WorkflowStep[]): string[] {
  const needed = new Set(steps.flatMap(step => step.needs ?? []));
  return steps.map(step => step.id).filter(id => !needed.has(id));
}

/** Who may decide an approval step: the workflow's owners unless approvers are listed. */
export function approversOf(
  approval: WorkflowApproval | undefined,
): PendingApproval['approvers'] {
  const approvers = approval?.approvers;
  if (!approvers) return { owners: true, groups: [], roles: [] };
  return {
    owners: approvers.owners ?? false,
    groups: approvers.groups ?? [],
    roles: approvers.roles ?? [],
  };
}

/**
 * Activity options of one component step: its timeout per attempt, a
 * heartbeat timeout (the activity heartbeats while it waits) and its retry
 * policy mapped onto Temporal's. Cancellation waits until the activity has
 * seen it, so the attempt is recorded as cancelled before the run ends.
 */
export function componentActivityOptions(step: WorkflowStep): ActivityOptions {
  const retry = step.retry ?? {};
  return {
    startToCloseTimeout: step.timeout
      ? durationMs(step.timeout)
      : DEFAULT_STEP_TIMEOUT_MS,
    heartbeatTimeout: STEP_HEARTBEAT_TIMEOUT_MS,
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      maximumAttempts: retry.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      initialInterval: retry.initialInterval
        ? durationMs(retry.initialInterval)
        : 1000,
      backoffCoefficient: retry.backoffCoefficient ?? 2,
      ...(retry.maxInterval
        ? { maximumInterval: durationMs(retry.maxInterval) }
        : {}),
      ...(retry.nonRetryableErrorTypes
        ? { nonRetryableErrorTypes: retry.nonRetryableErrorTypes }
        : {}),
    },
  };
}

/** What one step of the interpreter is at, carried over by continue-as-new. @public */
export interface StepProgress {
  status: StepStatus;
  output?: unknown;
  error?: ExecutionError;
  /** Component attempts or child runs started. */
  attempts: number;
  costUsd: number;
  tokens: TokenTotals;
  /** Steps that need this one do not run: it was skipped, or it failed and jumped elsewhere. */
  blocksDependants?: boolean;
}

/** The interpreter's state as continue-as-new carries it (`RunWorkflowArgs.carried`). @public */
export interface InterpreterCarry {
  steps: Record<string, StepProgress>;
  /** Branches some step jumped to. */
  activated: string[];
  /** Steps the budget decision let run. */
  budgetApproved: string[];
  costUsd: number;
  tokens: TokenTotals;
}

/** The carried state, when `value` is one. */
export function asCarry(value: unknown): InterpreterCarry | undefined {
  const carry = value as Partial<InterpreterCarry> | null | undefined;
  if (
    !carry ||
    typeof carry !== 'object' ||
    !carry.steps ||
    typeof carry.steps !== 'object' ||
    !Array.isArray(carry.activated) ||
    !Array.isArray(carry.budgetApproved) ||
    typeof carry.costUsd !== 'number' ||
    !carry.tokens
  ) {
    return undefined;
  }
  return carry as InterpreterCarry;
}

/** JSONata's idea of true: false, null, 0, '', [] and {} are false. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isTruthy);
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}

/** The message of anything thrown (JSONata throws plain objects with a message). */
export function messageOf(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}

/** Adds up costs without binary fractions piling up (to 1e-8 USD, as the registry prices). */
export function addUsd(a: number, b: number): number {
  return Math.round((a + b) * 1e8) / 1e8;
}
