import { trace } from '@opentelemetry/api';
import type { Context as ActivityContext } from '@temporalio/activity';
import type {
  ActivityExecuteInput,
  ActivityInboundCallsInterceptor,
  Next,
} from '@temporalio/worker';
import { bindLogContext } from '../logging/logContext';
import { aiOpsInstruments } from '../metrics/instruments';

/** The activity that runs one step attempt of the interpreter. */
const RUN_STEP = 'runStep';

const text = (value: unknown) =>
  typeof value === 'string' && value !== '' ? value : undefined;
const count = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

interface StepArgs {
  executionId?: unknown;
  stepId?: unknown;
  iteration?: unknown;
  componentRef?: unknown;
  input?: unknown;
}

interface StepResult {
  output?: unknown;
  costUsd?: unknown;
  latencyMs?: unknown;
  model?: unknown;
  tokens?: { inputTokens?: unknown; outputTokens?: unknown };
}

/** A cancelled attempt: Temporal's CancelledFailure, or an aborted call. */
function isCancellation(error: unknown): boolean {
  const name = (error as { name?: string } | undefined)?.name;
  return name === 'CancelledFailure' || name === 'AbortError';
}

/**
 * The score of an evaluator's output (`{ score: 0..1, ... }`) and the
 * component it scored: `input.component` / `input.componentRef` when the
 * step names it, else the evaluator itself.
 */
function evaluationOf(
  args: StepArgs,
  output: unknown,
): { score: number; component: string } | undefined {
  const score = count((output as { score?: unknown } | undefined)?.score);
  if (score === undefined || score < 0 || score > 1) return undefined;
  const input = (args.input ?? {}) as Record<string, unknown>;
  const component =
    text(input.component) ??
    text(input.componentRef) ??
    text(args.componentRef) ??
    'unknown';
  return { score, component };
}

/**
 * Puts what an activity is about on its span and its log lines (execution
 * id, step id, iteration, component ref, then model, tokens and cost from
 * the result) and records `aiops_step_duration_seconds` and
 * `aiops_evaluation_score` for step attempts. Reads the activity's input
 * and result only; the activities are unchanged.
 *
 * @public
 */
export class StepTelemetryInterceptor
  implements ActivityInboundCallsInterceptor
{
  constructor(private readonly ctx: ActivityContext) {}

  async execute(
    input: ActivityExecuteInput,
    next: Next<ActivityInboundCallsInterceptor, 'execute'>,
  ): Promise<unknown> {
    const { info } = this.ctx;
    const args = (input.args[0] ?? {}) as StepArgs;
    const executionId =
      text(args.executionId) ?? info.workflowExecution?.workflowId;
    const stepId = text(args.stepId);
    const componentRef = text(args.componentRef);
    const span = trace.getActiveSpan();
    span?.setAttributes({
      ...(executionId ? { 'ai_ops.execution.id': executionId } : {}),
      ...(stepId ? { 'ai_ops.step.id': stepId } : {}),
      ...(count(args.iteration) !== undefined
        ? { 'ai_ops.step.iteration': count(args.iteration) }
        : {}),
      ...(componentRef ? { 'ai_ops.component.ref': componentRef } : {}),
      'ai_ops.step.attempt': info.attempt,
    });
    const bound = bindLogContext({
      ...(executionId ? { executionId } : {}),
      ...(stepId ? { stepId } : {}),
    });
    if (info.activityType !== RUN_STEP) {
      try {
        return await next(input);
      } finally {
        bound.release();
      }
    }

    const started = performance.now();
    let status = 'failed';
    try {
      const result = (await next(input)) as StepResult | undefined;
      status = 'succeeded';
      const model = text(result?.model);
      const inputTokens = count(result?.tokens?.inputTokens);
      const outputTokens = count(result?.tokens?.outputTokens);
      const costUsd = count(result?.costUsd);
      span?.setAttributes({
        ...(model
          ? { 'gen_ai.response.model': model, 'ai_ops.model': model }
          : {}),
        ...(inputTokens !== undefined
          ? { 'gen_ai.usage.input_tokens': inputTokens }
          : {}),
        ...(outputTokens !== undefined
          ? { 'gen_ai.usage.output_tokens': outputTokens }
          : {}),
        ...(costUsd !== undefined ? { 'ai_ops.cost.usd': costUsd } : {}),
        ...(count(result?.latencyMs) !== undefined
          ? { 'ai_ops.step.latency_ms': count(result?.latencyMs) }
          : {}),
      });
      const evaluation = evaluationOf(args, result?.output);
      if (evaluation && componentRef) {
        span?.setAttribute('ai_ops.evaluation.score', evaluation.score);
        aiOpsInstruments().evaluationScore.record(evaluation.score, {
          component: evaluation.component,
          evaluator: componentRef,
        });
      }
      return result;
    } catch (error) {
      status = isCancellation(error) ? 'cancelled' : 'failed';
      throw error;
    } finally {
      aiOpsInstruments().stepDuration.record(
        (performance.now() - started) / 1000,
        { component: componentRef ?? 'unknown', status },
      );
      span?.setAttribute('ai_ops.step.status', status);
      bound.release();
    }
  }
}
