import type {
  ExecutionError,
  ExecutionRecord,
  PendingApproval,
  StepAttemptRecord,
} from '@ai-ops/plugin-executions-common';
import type { InterpreterState } from '@ai-ops/plugin-executions-workflows';

const errorToApi = (error?: ExecutionError) =>
  error && {
    code: error.code,
    message: error.message,
    stepId: error.stepId,
    retryable: error.retryable,
  };

const pendingToApi = (pending?: PendingApproval) =>
  pending && {
    stepId: pending.stepId,
    kind: pending.kind,
    message: pending.message,
    approvers: {
      owners: pending.approvers.owners,
      groups: [...pending.approvers.groups],
      roles: [...pending.approvers.roles],
    },
    requestedAt: pending.requestedAt,
    deadline: pending.deadline,
  };

/** A run as the API returns it, with the interpreter's live state when given. */
export function executionToApi(run: ExecutionRecord, live?: InterpreterState) {
  return {
    id: run.id,
    workflowRef: run.workflowRef,
    workflowVersion: run.workflowVersion,
    workflowLabel: run.workflowLabel,
    owner: run.owner,
    status: live?.status ?? run.status,
    input: run.input,
    output: run.output,
    error: errorToApi(run.error),
    costUsd: live?.costUsd ?? run.costUsd,
    tokens: {
      inputTokens: (live?.tokens ?? run.tokens).inputTokens,
      outputTokens: (live?.tokens ?? run.tokens).outputTokens,
    },
    trigger: { ...run.trigger },
    parentExecutionId: run.parentExecutionId,
    createdBy: run.createdBy,
    queuedAt: run.queuedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    pendingApproval: pendingToApi(
      live ? live.pendingApproval : run.pendingApproval,
    ),
    budgetUsd: run.budgetUsd,
    overBudget: run.overBudget,
    pinned: run.pinned,
    steps:
      live &&
      Object.fromEntries(
        Object.entries(live.steps).map(([id, step]) => [
          id,
          {
            status: step.status,
            attempts: step.attempts,
            costUsd: step.costUsd,
          },
        ]),
      ),
  };
}

export function attemptToApi(attempt: StepAttemptRecord) {
  return {
    executionId: attempt.executionId,
    stepId: attempt.stepId,
    iteration: attempt.iteration,
    attempt: attempt.attempt,
    status: attempt.status,
    componentRef: attempt.componentRef,
    input: attempt.input,
    output: attempt.output,
    error: errorToApi(attempt.error),
    costUsd: attempt.costUsd,
    tokens: {
      inputTokens: attempt.tokens.inputTokens,
      outputTokens: attempt.tokens.outputTokens,
    },
    latencyMs: attempt.latencyMs,
    model: attempt.model,
    startedAt: attempt.startedAt,
    finishedAt: attempt.finishedAt,
  };
}
