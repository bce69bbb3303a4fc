import { context, trace } from '@opentelemetry/api';
import type { Context as ActivityContext } from '@temporalio/activity';
import type { ActivityExecuteInput } from '@temporalio/worker';
import { startTestTelemetry } from '../__testUtils__/otel';
import { currentLogFields } from '../logging/logContext';
import { StepTelemetryInterceptor } from './stepTelemetry';

const telemetry = startTestTelemetry();
afterAll(() => telemetry.shutdown());

/** The activity context Temporal hands interceptor factories (its info only). */
const activityContext = (activityType: string) =>
  ({
    info: {
      activityType,
      attempt: 2,
      workflowExecution: { workflowId: 'run-1', runId: 'r' },
    },
  } as unknown as ActivityContext);

/** Runs the interceptor inside a span, as the OpenTelemetry activity interceptor does. */
async function execute(
  activityType: string,
  args: unknown[],
  next: (input: ActivityExecuteInput) => Promise<unknown>,
) {
  const span = trace.getTracer('test').startSpan(`RunActivity:${activityType}`);
  try {
    return await context.with(trace.setSpan(context.active(), span), () =>
      new StepTelemetryInterceptor(activityContext(activityType)).execute(
        { args, headers: {} } as unknown as ActivityExecuteInput,
        next,
      ),
    );
  } finally {
    span.end();
  }
}

describe('StepTelemetryInterceptor', () => {
  beforeEach(() => telemetry.spans.reset());

  it('puts the step, model, tokens and cost on the span and the ids on log lines', async () => {
    let logFields: Record<string, string> = {};
    const result = await execute(
      'runStep',
      [
        {
          executionId: 'run-1',
          stepId: 'ask',
          iteration: 0,
          componentRef: 'aicomponent:default/chat',
          input: {},
        },
      ],
      async () => {
        logFields = currentLogFields();
        return {
          output: { content: 'hi' },
          costUsd: 0.00045,
          latencyMs: 12,
          model: 'gpt-4o-mini',
          tokens: { inputTokens: 1000, outputTokens: 500 },
        };
      },
    );
    expect(result).toMatchObject({ model: 'gpt-4o-mini' });
    expect(logFields).toMatchObject({ execution_id: 'run-1', step_id: 'ask' });
    const [span] = telemetry.spans.getFinishedSpans();
    expect(span.attributes).toMatchObject({
      'ai_ops.execution.id': 'run-1',
      'ai_ops.step.id': 'ask',
      'ai_ops.step.iteration': 0,
      'ai_ops.step.attempt': 2,
      'ai_ops.component.ref': 'aicomponent:default/chat',
      'ai_ops.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 1000,
      'gen_ai.usage.output_tokens': 500,
      'ai_ops.cost.usd': 0.00045,
      'ai_ops.step.status': 'succeeded',
    });
    expect(currentLogFields()).toEqual({});
    expect(await telemetry.metricsText()).toMatch(
      /aiops_step_duration_seconds_count\{component="aicomponent:default\/chat",status="succeeded"\} 1/,
    );
  });

  it('records an evaluator score against the component it scored', async () => {
    await execute(
      'runStep',
      [
        {
          executionId: 'run-1',
          stepId: 'judge',
          iteration: 0,
          componentRef: 'aicomponent:default/judge',
          input: { component: 'aicomponent:default/chat', actual: 'a' },
        },
      ],
      async () => ({
        output: { score: 0.75, passed: true },
        costUsd: 0,
        latencyMs: 1,
        tokens: { inputTokens: 0, outputTokens: 0 },
      }),
    );
    const text = await telemetry.metricsText();
    expect(text).toContain(
      'aiops_evaluation_score_sum{component="aicomponent:default/chat",evaluator="aicomponent:default/judge"} 0.75',
    );
  });

  it('counts a cancelled attempt as cancelled and passes the error on', async () => {
    const cancelled = Object.assign(new Error('cancelled'), {
      name: 'CancelledFailure',
    });
    await expect(
      execute(
        'runStep',
        [
          {
            executionId: 'run-2',
            stepId: 's',
            componentRef: 'aicomponent:default/slow',
          },
        ],
        async () => {
          throw cancelled;
        },
      ),
    ).rejects.toBe(cancelled);
    expect(await telemetry.metricsText()).toMatch(
      /aiops_step_duration_seconds_count\{component="aicomponent:default\/slow",status="cancelled"\} 1/,
    );
  });

  it('marks other activities with the run id only', async () => {
    await execute(
      'recordExecution',
      [{ executionId: 'run-3', status: 'running' }],
      async () => undefined,
    );
    const [span] = telemetry.spans.getFinishedSpans();
    expect(span.attributes['ai_ops.execution.id']).toBe('run-3');
    expect(span.attributes['ai_ops.step.status']).toBeUndefined();
  });
});
