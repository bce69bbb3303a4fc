import type { ExecutionSignal } from '@ai-ops/plugin-executions-common';
import { createRunStore, hasGap } from './runStore';

const RUN = 'run-1';
let nextId = 0;

function signal(
  sequence: number,
  patch: Partial<ExecutionSignal>,
): ExecutionSignal {
  nextId += 1;
  return {
    id: `00000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
    type: 'ai-ops.step.started.v1',
    sequence,
    time: `2026-11-25T10:00:${String(sequence).padStart(2, '0')}.000Z`,
    executionId: RUN,
    workflowRef: 'aiworkflow:default/w',
    ...patch,
  };
}

const started = (sequence: number, stepId: string, iteration = 0) =>
  signal(sequence, {
    type: 'ai-ops.step.started.v1',
    step: { stepId, iteration, attempt: 1, status: 'running' },
  });
const succeeded = (sequence: number, stepId: string, iteration = 0) =>
  signal(sequence, {
    type: 'ai-ops.step.succeeded.v1',
    step: {
      stepId,
      iteration,
      attempt: 1,
      status: 'succeeded',
      latencyMs: 120,
      costUsd: 0.5,
      tokens: { inputTokens: 10, outputTokens: 5 },
    },
  });

describe('createRunStore', () => {
  it('applies events in sequence order and keys steps by id', () => {
    const store = createRunStore(RUN);
    expect(
      store.getState().apply(
        signal(1, {
          type: 'ai-ops.execution.started.v1',
          executionStatus: 'running',
        }),
      ),
    ).toBe('applied');
    store.getState().apply(started(2, 'a'));
    store.getState().apply(succeeded(3, 'a'));
    const state = store.getState();
    expect(state.status).toBe('running');
    expect(state.lastSequence).toBe(3);
    expect(state.steps.a).toMatchObject({
      status: 'succeeded',
      attempt: 1,
      latencyMs: 120,
      costUsd: 0.5,
      tokens: { inputTokens: 10, outputTokens: 5 },
      startedAt: '2026-11-25T10:00:02.000Z',
    });
  });

  it('ignores duplicates and events older than the newest applied', () => {
    const store = createRunStore(RUN);
    const first = started(1, 'a');
    store.getState().apply(first);
    store.getState().apply(succeeded(2, 'a'));
    const before = store.getState().steps.a;
    expect(store.getState().apply(first)).toBe('duplicate');
    expect(store.getState().apply(started(2, 'a'))).toBe('duplicate');
    expect(store.getState().steps.a).toBe(before);
    expect(store.getState().steps.a.status).toBe('succeeded');
  });

  it('holds an event that skips a sequence until the gap is filled', () => {
    const store = createRunStore(RUN);
    store.getState().apply(started(1, 'a'));
    expect(store.getState().apply(succeeded(3, 'a'))).toBe('gap');
    expect(store.getState().steps.a.status).toBe('running');
    expect(hasGap(store.getState())).toBe(true);
    expect(store.getState().apply(started(2, 'b'))).toBe('applied');
    expect(store.getState().lastSequence).toBe(3);
    expect(store.getState().steps.a.status).toBe('succeeded');
    expect(store.getState().steps.b.status).toBe('running');
    expect(hasGap(store.getState())).toBe(false);
  });

  it('applies a batch out of order as if it came in order', () => {
    const store = createRunStore(RUN);
    store
      .getState()
      .applyAll([succeeded(2, 'a'), started(1, 'a'), started(3, 'b')]);
    expect(store.getState().lastSequence).toBe(3);
    expect(store.getState().stepOrder).toEqual(['a', 'b']);
  });

  it('keeps the object of every step an event is not about', () => {
    const store = createRunStore(RUN);
    store.getState().applyAll([started(1, 'a'), started(2, 'b')]);
    const a = store.getState().steps.a;
    store.getState().apply(succeeded(3, 'b'));
    expect(store.getState().steps.a).toBe(a);
    expect(store.getState().steps.b.status).toBe('succeeded');
  });

  it('sums up forEach iterations: running while any runs, succeeded when all have', () => {
    const store = createRunStore(RUN);
    store
      .getState()
      .applyAll([
        started(1, 'map', 0),
        started(2, 'map', 1),
        succeeded(3, 'map', 0),
      ]);
    expect(store.getState().steps.map).toMatchObject({
      status: 'running',
      iterations: 2,
    });
    store.getState().apply(succeeded(4, 'map', 1));
    expect(store.getState().steps.map).toMatchObject({
      status: 'succeeded',
      costUsd: 1,
      tokens: { inputTokens: 20, outputTokens: 10 },
    });
  });

  it('shows a failed attempt that will be retried as retrying', () => {
    const store = createRunStore(RUN);
    store.getState().applyAll([
      started(1, 'a'),
      signal(2, {
        type: 'ai-ops.step.failed.v1',
        step: {
          stepId: 'a',
          iteration: 0,
          attempt: 1,
          status: 'failed',
          final: false,
          errorMessage: 'timeout',
        },
      }),
    ]);
    expect(store.getState().steps.a).toMatchObject({
      status: 'retrying',
      errorMessage: 'timeout',
    });
  });

  it('tracks the approval a run waits on until it is decided', () => {
    const store = createRunStore(RUN);
    store.getState().applyAll([
      signal(1, {
        type: 'ai-ops.approval.requested.v1',
        approval: { stepId: 'review', kind: 'approval' },
      }),
      signal(2, {
        type: 'ai-ops.execution.paused.v1',
        executionStatus: 'paused',
        approval: { stepId: 'review', kind: 'approval' },
      }),
    ]);
    expect(store.getState().pendingApproval).toEqual({
      stepId: 'review',
      kind: 'approval',
    });
    store.getState().apply(
      signal(3, {
        type: 'ai-ops.approval.decided.v1',
        approval: { stepId: 'review', kind: 'approval' },
      }),
    );
    expect(store.getState().pendingApproval).toBeUndefined();
  });

  it('ignores events of other runs', () => {
    const store = createRunStore(RUN);
    expect(
      store.getState().apply({ ...started(1, 'a'), executionId: 'other' }),
    ).toBe('duplicate');
    expect(store.getState().lastSequence).toBe(0);
  });
});

describe('approval steps', () => {
  const requested = (sequence: number) =>
    signal(sequence, {
      type: 'ai-ops.approval.requested.v1',
      approval: { stepId: 'review', kind: 'approval' },
    });

  it('waits from the request and takes the outcome the decision carries', () => {
    const store = createRunStore(RUN);
    store.getState().apply(requested(1));
    expect(store.getState().steps.review.status).toBe('waiting');
    store.getState().apply(
      signal(2, {
        type: 'ai-ops.approval.decided.v1',
        approval: {
          stepId: 'review',
          kind: 'approval',
          decision: 'rejected',
        } as ExecutionSignal['approval'],
      }),
    );
    expect(store.getState().steps.review.status).toBe('failed');
  });

  it('keeps waiting on a decision without its outcome until the API tells it', () => {
    const store = createRunStore(RUN);
    store.getState().apply(requested(1));
    store.getState().apply(
      signal(2, {
        type: 'ai-ops.approval.decided.v1',
        approval: { stepId: 'review', kind: 'approval' },
      }),
    );
    expect(store.getState().steps.review.status).toBe('waiting');
    store
      .getState()
      .resolveWaitingStep('review', 'succeeded', '2026-11-25T10:00:03.000Z');
    expect(store.getState().steps.review.status).toBe('succeeded');
    // A late answer does not overwrite what events said since.
    store
      .getState()
      .resolveWaitingStep('review', 'failed', '2026-11-25T10:00:04.000Z');
    expect(store.getState().steps.review.status).toBe('succeeded');
  });

  it('does not mark a step paused by the budget as waiting', () => {
    const store = createRunStore(RUN);
    store.getState().apply(
      signal(1, {
        type: 'ai-ops.budget.exceeded.v1',
        approval: { stepId: 'classify', kind: 'budget' },
      }),
    );
    expect(store.getState().pendingApproval).toEqual({
      stepId: 'classify',
      kind: 'budget',
    });
    expect(store.getState().steps.classify).toBeUndefined();
  });
});
