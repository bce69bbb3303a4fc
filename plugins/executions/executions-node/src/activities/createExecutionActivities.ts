import { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import { Context } from '@temporalio/activity';
import { ApplicationFailure, CancelledFailure } from '@temporalio/common';
import type {
  AttemptLogLine,
  ExecutionError,
  TokenTotals,
} from '@ai-ops/plugin-executions-common';
import type {
  ExecutionActivities,
  RunStepArgs,
  RunStepResult,
} from '@ai-ops/plugin-executions-workflows';
import type { InvokeAiComponentResponse } from '@ai-ops/plugin-ai-components-common';
import type { AttemptWrite, ExecutionStore } from '../store/types';
import type { ComponentInvocationClient } from './ComponentInvocationClient';
import type { WorkflowSnapshotSource } from './WorkflowSnapshotSource';

/** How often a step attempt heartbeats while its call runs (the SDK throttles what it sends). */
const HEARTBEAT_INTERVAL_MS = 2_000;

/**
 * An attempt still running after this long is recorded as running; a
 * quicker one is written once, when it has finished (the store then still
 * announces its start).
 */
const RECORD_RUNNING_AFTER_MS = 1_000;

const zeroTokens = (): TokenTotals => ({ inputTokens: 0, outputTokens: 0 });

const messageOf = (error: unknown) =>
  isError(error) ? error.message : String(error);

/** The server's own words from a `ResponseError` of the Backstage clients. */
function responseMessage(error: unknown): string {
  const body = (error as { body?: { error?: { message?: string } } }).body;
  return body?.error?.message ?? messageOf(error);
}

/**
 * Classifies a call of the ai-components API that did not answer 200: a 400
 * is the step's input (never retried), 403/404 will not change on retry,
 * anything else (5xx, 401, the network) may.
 */
function requestFailure(
  error: unknown,
  componentRef: string,
): ApplicationFailure {
  const status = (error as { statusCode?: number }).statusCode;
  if (status === 400) {
    return ApplicationFailure.create({
      type: 'InvalidInput',
      message: responseMessage(error),
      nonRetryable: true,
    });
  }
  if (status === 403) {
    return ApplicationFailure.create({
      type: 'NotAllowed',
      message: `The worker may not invoke '${componentRef}': ${responseMessage(
        error,
      )}`,
      nonRetryable: true,
    });
  }
  if (status === 404) {
    return ApplicationFailure.create({
      type: 'ComponentNotFound',
      message: responseMessage(error),
      nonRetryable: true,
    });
  }
  return ApplicationFailure.create({
    type: 'ServiceUnavailable',
    message: `Could not run '${componentRef}': ${
      status ? `${status} ${responseMessage(error)}` : messageOf(error)
    }`,
    nonRetryable: false,
  });
}

/**
 * How an attempt that stopped waiting for its call is recorded: cancelled
 * when the run asked for it; failed when Temporal no longer knows the
 * attempt (it timed out on the server, or the run is gone), timed out
 * locally, or the worker is shutting down (the next attempt retries).
 */
function abandonedAttempt(
  context: Context,
  stepId: string,
  reason: unknown,
): Omit<AttemptWrite, 'executionId' | 'stepId' | 'iteration' | 'attempt'> {
  const details = context.cancellationDetails;
  const base = { costUsd: 0, tokens: zeroTokens() };
  if (details?.cancelRequested) {
    return {
      ...base,
      status: 'cancelled',
      error: {
        code: 'Cancelled',
        message: 'The attempt was cancelled with its run',
        stepId,
      },
    };
  }
  if (details?.workerShutdown) {
    return {
      ...base,
      status: 'failed',
      error: {
        code: 'WorkerShutdown',
        message: 'The worker running the attempt shut down',
        stepId,
        retryable: true,
      },
    };
  }
  if (details?.timedOut || details?.notFound) {
    return {
      ...base,
      status: 'failed',
      error: {
        code: 'Timeout',
        message: 'The attempt did not finish within the step timeout',
        stepId,
        retryable: true,
      },
    };
  }
  return {
    ...base,
    status: 'failed',
    error: {
      code: 'Abandoned',
      message: `The attempt was stopped (${messageOf(reason)})`,
      stepId,
      retryable: true,
    },
  };
}

/**
 * The activities the interpreter workflow calls (see `ExecutionActivities`):
 * step attempts through `invoker` (the runtimes in the worker, see
 * `createRuntimeInvocationClient`, or the ai-components API), run and step
 * state changes into the execution store, sub-workflow snapshots from the
 * workflows API.
 *
 * @public
 */
export function createExecutionActivities(options: {
  store: ExecutionStore;
  invoker: ComponentInvocationClient;
  workflows: WorkflowSnapshotSource;
  logger: LoggerService;
}): ExecutionActivities {
  const { store, invoker, workflows, logger } = options;

  async function runStep(args: RunStepArgs): Promise<RunStepResult> {
    const context = Context.current();
    const { executionId, stepId, iteration, componentRef } = args;
    const key = {
      executionId,
      stepId,
      iteration,
      attempt: context.info.attempt,
      componentRef,
    };
    const startedAt = new Date().toISOString();
    // What the step drawer shows for the attempt, kept with its record.
    const logs: AttemptLogLine[] = [];
    const log = (level: AttemptLogLine['level'], message: string) =>
      logs.push({ time: new Date().toISOString(), level, message });
    log(
      'info',
      `Attempt ${context.info.attempt}: invoking ${componentRef}${
        args.revision !== undefined ? ` at revision ${args.revision}` : ''
      }`,
    );
    // Written once the call has run for a while; a quick call is recorded
    // once, finished, with its input.
    let running: Promise<void> | undefined;
    const runningTimer = setTimeout(() => {
      running = store.recordAttempt({
        ...key,
        startedAt,
        status: 'running',
        input: args.input,
        costUsd: 0,
        tokens: zeroTokens(),
        logs: [...logs],
      });
      running.catch(() => undefined);
    }, RECORD_RUNNING_AFTER_MS);
    const record = async (
      attempt: Omit<AttemptWrite, keyof typeof key | 'startedAt' | 'input'>,
    ) => {
      clearTimeout(runningTimer);
      // The finished state goes after the running one, never before it.
      await running?.catch(() => undefined);
      if (attempt.error) {
        log(
          attempt.status === 'failed' && attempt.error.code !== 'Abandoned'
            ? 'error'
            : 'warn',
          `${attempt.error.code}: ${attempt.error.message}${
            attempt.error.retryable === false ? ' (not retryable)' : ''
          }`,
        );
      } else {
        log('info', `Attempt ${context.info.attempt}: ${attempt.status}`);
      }
      await store.recordAttempt({
        ...key,
        startedAt,
        input: args.input,
        ...attempt,
        logs,
      });
    };
    const failed = async (error: ExecutionError) => {
      await record({
        status: 'failed',
        error,
        costUsd: 0,
        tokens: zeroTokens(),
      });
    };

    // No heartbeat right away: a quick call finishes before one is needed.
    const heartbeats = setInterval(
      () => context.heartbeat(),
      HEARTBEAT_INTERVAL_MS,
    );
    let response: InvokeAiComponentResponse;
    try {
      response = await invoker.invoke({
        componentRef,
        revision: args.revision,
        input: args.input,
        signal: context.cancellationSignal,
      });
    } catch (error) {
      const signal = context.cancellationSignal;
      if (signal.aborted) {
        const reason: unknown = signal.reason;
        await record(abandonedAttempt(context, stepId, reason));
        throw reason instanceof CancelledFailure
          ? reason
          : new CancelledFailure(messageOf(reason));
      }
      const failure = requestFailure(error, componentRef);
      await failed({
        code: failure.type!,
        message: failure.message,
        stepId,
        retryable: !failure.nonRetryable,
      });
      throw failure;
    } finally {
      clearInterval(heartbeats);
      clearTimeout(runningTimer);
    }

    const tokens = {
      inputTokens: response.usage.inputTokens,
      outputTokens: response.usage.outputTokens,
    };
    const measured = {
      costUsd: response.costUsd,
      tokens,
      latencyMs: Math.round(response.latencyMs),
      ...(response.model ? { model: response.model } : {}),
    };
    log(
      'info',
      `The runtime answered in ${measured.latencyMs} ms${
        response.model ? ` (model ${response.model})` : ''
      }: ${tokens.inputTokens} input and ${
        tokens.outputTokens
      } output tokens, $${response.costUsd}`,
    );
    if (response.error) {
      const { code, message, retryable } = response.error;
      await record({
        status: 'failed',
        error: { code, message, stepId, retryable },
        ...measured,
      });
      throw ApplicationFailure.create({
        type: code,
        message,
        nonRetryable: !retryable,
      });
    }
    await record({ status: 'succeeded', output: response.output, ...measured });
    return { output: response.output, ...measured };
  }

  return {
    runStep,

    async recordExecution(update) {
      await store.update(update);
    },

    async recordStepState(update) {
      await store.recordStepState(update);
    },

    async resolveWorkflow({ ref }) {
      try {
        return await workflows.resolve(ref);
      } catch (error) {
        if (isError(error) && error.name === 'NotFoundError') {
          throw ApplicationFailure.create({
            type: 'WorkflowNotFound',
            message: error.message,
            nonRetryable: true,
          });
        }
        const status = (error as { statusCode?: number }).statusCode;
        if (status === 401 || status === 403) {
          throw ApplicationFailure.create({
            type: 'NotAllowed',
            message: `The worker may not read '${ref}': ${responseMessage(
              error,
            )}`,
            nonRetryable: true,
          });
        }
        logger.warn(`Could not resolve the sub-workflow '${ref}'`, {
          error: messageOf(error),
        });
        throw error;
      }
    },

    async recordChildExecution(child) {
      if (await store.get(child.executionId)) return;
      await store.create({
        id: child.executionId,
        snapshot: child.snapshot,
        owner: child.snapshot.document.spec.owner,
        input: child.input,
        trigger: {
          type: 'parent',
          parentExecutionId: child.parentExecutionId,
          stepId: child.stepId,
        },
        parentExecutionId: child.parentExecutionId,
        status: 'running',
      });
    },
  };
}
