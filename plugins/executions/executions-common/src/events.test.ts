import {
  EXECUTION_EVENT_SOURCE,
  EXECUTION_EVENT_TYPES,
  ExecutionEventType,
  executionEventDataSchemas,
  executionEventSchema,
  parseExecutionEvent,
  routingKeyOf,
} from './events';

const base = {
  workflowRef: 'aiworkflow:default/support-triage',
  workflowVersion: 3,
  owner: 'group:default/support',
};
const attempt = {
  ...base,
  stepId: 'classify',
  iteration: 0,
  attempt: 1,
  status: 'running',
};

const DATA: Record<ExecutionEventType, Record<string, unknown>> = {
  'ai-ops.execution.queued.v1': {
    ...base,
    status: 'queued',
    trigger: { type: 'manual', actor: 'user:default/ana' },
  },
  'ai-ops.execution.started.v1': { ...base, status: 'running' },
  'ai-ops.execution.paused.v1': {
    ...base,
    status: 'paused',
    reason: 'approval',
    stepId: 'approve',
  },
  'ai-ops.execution.resumed.v1': { ...base, status: 'running' },
  'ai-ops.execution.succeeded.v1': {
    ...base,
    status: 'succeeded',
    costUsd: 0.12,
    tokens: { inputTokens: 10, outputTokens: 20 },
  },
  'ai-ops.execution.failed.v1': {
    ...base,
    status: 'failed',
    error: { code: 'TIMEOUT', message: 'took too long' },
  },
  'ai-ops.execution.cancelled.v1': { ...base, status: 'cancelled' },
  'ai-ops.step.started.v1': attempt,
  'ai-ops.step.retrying.v1': { ...attempt, status: 'retrying' },
  'ai-ops.step.succeeded.v1': {
    ...attempt,
    status: 'succeeded',
    costUsd: 0.01,
    tokens: { inputTokens: 1, outputTokens: 2 },
    latencyMs: 120,
  },
  'ai-ops.step.failed.v1': {
    ...attempt,
    status: 'failed',
    error: { code: 'RATE_LIMITED', message: 'slow down' },
    final: false,
  },
  'ai-ops.step.skipped.v1': {
    ...base,
    stepId: 'notify',
    iteration: 0,
    status: 'skipped',
  },
  'ai-ops.approval.requested.v1': {
    ...base,
    stepId: 'approve',
    kind: 'approval',
    approvers: { owners: true, groups: [], roles: [] },
    requestedAt: '2026-11-25T10:00:00.000Z',
  },
  'ai-ops.approval.decided.v1': {
    ...base,
    stepId: 'approve',
    kind: 'approval',
    decision: 'approved',
  },
  'ai-ops.approval.timed_out.v1': {
    ...base,
    stepId: 'approve',
    kind: 'approval',
  },
  'ai-ops.budget.exceeded.v1': {
    ...base,
    stepId: 'summarize',
    costUsd: 5.5,
    limitUsd: 5,
  },
};

function envelope(type: string, data: unknown) {
  return {
    specversion: '1.0',
    id: '0b8a1f1e-6a43-4c43-9d33-1f0d1d7a2c11',
    type,
    source: EXECUTION_EVENT_SOURCE,
    time: '2026-11-25T10:00:00.000Z',
    subject: 'run-1',
    sequence: 1,
    datacontenttype: 'application/json',
    dataschemaversion: 1,
    data,
  };
}

describe('execution events', () => {
  it.each(EXECUTION_EVENT_TYPES.map(t => [t]))('round-trips %s', type => {
    const event = envelope(type, DATA[type]);
    const result = parseExecutionEvent(JSON.stringify(event));
    expect(result).toEqual({ success: true, event });
  });

  it('rejects an unknown type', () => {
    const result = parseExecutionEvent(
      envelope('ai-ops.execution.exploded.v1', base),
    );
    expect(result).toEqual({ success: false, error: 'type is invalid' });
  });

  it('rejects missing envelope and data fields', () => {
    const { id: _id, ...noId } = envelope(
      'ai-ops.execution.started.v1',
      DATA['ai-ops.execution.started.v1'],
    );
    expect(parseExecutionEvent(noId)).toEqual({
      success: false,
      error: 'id is required',
    });
    const { final: _final, ...noFinal } = DATA['ai-ops.step.failed.v1'];
    expect(
      parseExecutionEvent(envelope('ai-ops.step.failed.v1', noFinal)),
    ).toEqual({ success: false, error: 'data.final is required' });
    const { workflowRef: _ref, ...noRef } = base;
    expect(
      parseExecutionEvent(envelope('ai-ops.execution.started.v1', noRef)),
    ).toEqual({ success: false, error: 'data.workflowRef is required' });
  });

  it('rejects malformed values', () => {
    expect(parseExecutionEvent('{nope')).toEqual({
      success: false,
      error: 'not JSON',
    });
    expect(
      parseExecutionEvent({
        ...envelope('ai-ops.execution.started.v1', base),
        sequence: 0,
      }),
    ).toEqual({ success: false, error: 'sequence is invalid' });
    expect(
      parseExecutionEvent(
        envelope('ai-ops.step.started.v1', { ...attempt, attempt: 1.5 }),
      ),
    ).toEqual({ success: false, error: 'data.attempt is invalid' });
  });

  it('keeps fields it does not know', () => {
    const event = envelope('ai-ops.execution.started.v1', {
      ...DATA['ai-ops.execution.started.v1'],
      region: 'eu',
    });
    expect(parseExecutionEvent(event)).toEqual({ success: true, event });
  });

  it('builds routing keys by workflow and type', () => {
    expect(
      routingKeyOf({
        type: 'ai-ops.step.failed.v1',
        data: { workflowRef: 'aiworkflow:default/support-triage' },
      }),
    ).toBe('default.support-triage.step.failed');
    expect(
      routingKeyOf({
        type: 'ai-ops.approval.timed_out.v1',
        data: { workflowRef: 'aiworkflow:Team-A/Nightly.Report' },
      }),
    ).toBe('team-a.nightly_report.approval.timed_out');
    expect(
      routingKeyOf({
        type: 'ai-ops.execution.queued.v1',
        data: { workflowRef: 'triage' },
      }),
    ).toBe('default.triage.execution.queued');
  });
});

describe('execution event schemas', () => {
  it('reports the first invalid envelope field before an unknown type', () => {
    const { id: _id, ...noId } = envelope('ai-ops.execution.exploded.v1', base);
    expect(parseExecutionEvent(noId)).toEqual({
      success: false,
      error: 'id is required',
    });
  });

  it('names the data field when a nested value is invalid', () => {
    expect(
      parseExecutionEvent(
        envelope('ai-ops.execution.succeeded.v1', {
          ...DATA['ai-ops.execution.succeeded.v1'],
          tokens: { inputTokens: -1, outputTokens: 2 },
        }),
      ),
    ).toEqual({ success: false, error: 'data.tokens is invalid' });
    expect(
      parseExecutionEvent(envelope('ai-ops.execution.started.v1', [])),
    ).toEqual({ success: false, error: 'data is invalid' });
    expect(parseExecutionEvent('[]')).toEqual({
      success: false,
      error: 'not an object',
    });
  });

  it('keeps unknown fields of the envelope and of nested values', () => {
    const event = {
      ...envelope('ai-ops.execution.failed.v1', {
        ...DATA['ai-ops.execution.failed.v1'],
        error: { code: 'X', message: 'y', retryable: true, extra: 1 },
      }),
      traceparent: '00-abc',
    };
    expect(parseExecutionEvent(event)).toEqual({ success: true, event });
  });

  it('exports the schemas', () => {
    for (const type of EXECUTION_EVENT_TYPES) {
      expect(
        executionEventDataSchemas[type].safeParse(DATA[type]).success,
      ).toBe(true);
      expect(
        executionEventSchema.safeParse(envelope(type, DATA[type])).success,
      ).toBe(true);
    }
    expect(
      executionEventSchema.safeParse(
        envelope('ai-ops.step.failed.v1', DATA['ai-ops.step.started.v1']),
      ).success,
    ).toBe(false);
  });
});
