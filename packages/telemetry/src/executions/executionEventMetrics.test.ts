import { startTestTelemetry } from '../__testUtils__/otel';
import {
  MeteredEventMessage,
  meterExecutionEvents,
} from './executionEventMetrics';

const telemetry = startTestTelemetry();
afterAll(() => telemetry.shutdown());

const base = {
  workflowRef: 'aiworkflow:default/summarize',
  workflowVersion: 1,
  owner: 'group:default/team-a',
};
const message = (
  id: string,
  type: string,
  data: object = {},
): MeteredEventMessage => ({ event: { id, type, data: { ...base, ...data } } });

describe('meterExecutionEvents', () => {
  it('counts runs, tokens and cost once the publisher accepted the events, once per event', async () => {
    const published: MeteredEventMessage[] = [];
    const publisher = meterExecutionEvents({
      async publish(messages: MeteredEventMessage[]) {
        published.push(...messages);
      },
    });
    const batch = [
      message('1', 'ai-ops.execution.started.v1', { status: 'running' }),
      message('2', 'ai-ops.step.succeeded.v1', {
        model: 'gpt-4o-mini',
        tokens: { inputTokens: 1000, outputTokens: 500 },
        costUsd: 0.00045,
      }),
      message('3', 'ai-ops.step.failed.v1', {
        model: 'gpt-4o-mini',
        tokens: { inputTokens: 10, outputTokens: 0 },
        costUsd: 0.0000015,
      }),
      message('4', 'ai-ops.execution.succeeded.v1', { status: 'succeeded' }),
      message('5', 'ai-ops.execution.failed.v1', { status: 'failed' }),
    ];
    await publisher.publish(batch);
    // The relay sends a batch again when marking it published failed.
    await publisher.publish(batch);
    expect(published).toHaveLength(10);

    const text = await telemetry.metricsText();
    expect(text).toContain(
      'aiops_executions_started_total{workflow="aiworkflow:default/summarize"} 1',
    );
    expect(text).toContain(
      'aiops_executions_finished_total{workflow="aiworkflow:default/summarize",status="succeeded"} 1',
    );
    expect(text).toContain(
      'aiops_executions_finished_total{workflow="aiworkflow:default/summarize",status="failed"} 1',
    );
    expect(text).toContain(
      'aiops_tokens_total{model="gpt-4o-mini",owner="group:default/team-a",direction="input"} 1010',
    );
    expect(text).toContain(
      'aiops_tokens_total{model="gpt-4o-mini",owner="group:default/team-a",direction="output"} 500',
    );
    expect(text).toMatch(
      /aiops_cost_usd_total\{model="gpt-4o-mini",owner="group:default\/team-a"\} 0\.00045/,
    );
  });

  it('counts nothing when publishing failed', async () => {
    const publisher = meterExecutionEvents({
      async publish() {
        throw new Error('broker down');
      },
    });
    await expect(
      publisher.publish([
        message('x', 'ai-ops.execution.started.v1', {
          workflowRef: 'aiworkflow:default/other',
        }),
      ]),
    ).rejects.toThrow('broker down');
    expect(await telemetry.metricsText()).not.toContain(
      'workflow="aiworkflow:default/other"',
    );
  });
});
