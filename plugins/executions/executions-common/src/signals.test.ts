import { parseExecutionEvent } from './events';
import {
  EXECUTIONS_LIST_SIGNAL_CHANNEL,
  executionSignalChannel,
  isExecutionRunEventType,
  toExecutionSignal,
} from './signals';

const base = {
  workflowRef: 'aiworkflow:default/support-triage',
  workflowVersion: 3,
  owner: 'group:default/support',
};

function event(type: string, data: Record<string, unknown>, sequence = 1) {
  const parsed = parseExecutionEvent({
    specversion: '1.0',
    id: '0b6f1e0a-8c1d-4a4c-9b7e-2f1d3c4b5a69',
    type,
    source: '/ai-ops/executions',
    time: '2026-11-25T10:00:00.000Z',
    subject: 'run-1',
    sequence,
    datacontenttype: 'application/json',
    dataschemaversion: 1,
    data: { ...base, ...data },
  });
  if (!parsed.success) {
    throw new Error(parsed.error);
  }
  return parsed.event;
}

describe('execution signals', () => {
  it('names one channel per run and one for run lists', () => {
    expect(executionSignalChannel('run-1')).toBe('ai-ops-executions:run-1');
    expect(EXECUTIONS_LIST_SIGNAL_CHANNEL).toBe('ai-ops-executions-runs');
    expect(isExecutionRunEventType('ai-ops.execution.failed.v1')).toBe(true);
    expect(isExecutionRunEventType('ai-ops.step.failed.v1')).toBe(false);
  });

  it('summarizes a step attempt without its input or output', () => {
    const signal = toExecutionSignal(
      event(
        'ai-ops.step.failed.v1',
        {
          stepId: 'classify',
          iteration: 2,
          attempt: 3,
          status: 'failed',
          latencyMs: 950,
          costUsd: 0.01,
          tokens: { inputTokens: 4, outputTokens: 5 },
          error: { code: 'RATE_LIMITED', message: 'slow down' },
          final: false,
          input: { secret: 'do not broadcast' },
          output: { text: 'do not broadcast' },
        },
        7,
      ),
    );
    expect(signal).toEqual({
      id: '0b6f1e0a-8c1d-4a4c-9b7e-2f1d3c4b5a69',
      type: 'ai-ops.step.failed.v1',
      sequence: 7,
      time: '2026-11-25T10:00:00.000Z',
      executionId: 'run-1',
      workflowRef: 'aiworkflow:default/support-triage',
      step: {
        stepId: 'classify',
        iteration: 2,
        attempt: 3,
        status: 'failed',
        latencyMs: 950,
        costUsd: 0.01,
        tokens: { inputTokens: 4, outputTokens: 5 },
        errorMessage: 'slow down',
        final: false,
      },
    });
    expect(JSON.stringify(signal)).not.toContain('do not broadcast');
  });

  it('summarizes run outcomes and approvals', () => {
    expect(
      toExecutionSignal(
        event('ai-ops.execution.failed.v1', {
          status: 'failed',
          costUsd: 0.5,
          error: { code: 'TIMEOUT', message: 'took too long' },
        }),
      ),
    ).toMatchObject({
      executionStatus: 'failed',
      costUsd: 0.5,
      errorMessage: 'took too long',
    });
    expect(
      toExecutionSignal(
        event('ai-ops.approval.requested.v1', {
          stepId: 'approve',
          kind: 'approval',
          requestedAt: '2026-11-25T10:00:00.000Z',
        }),
      ),
    ).toMatchObject({ approval: { stepId: 'approve', kind: 'approval' } });
    const skipped = toExecutionSignal(
      event('ai-ops.step.skipped.v1', {
        stepId: 'notify',
        iteration: 0,
        status: 'skipped',
      }),
    );
    expect(skipped.step).toEqual({
      stepId: 'notify',
      iteration: 0,
      status: 'skipped',
    });
    expect(Object.values(skipped)).not.toContain(undefined);
  });
});
