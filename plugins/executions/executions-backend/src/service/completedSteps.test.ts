import type { StepAttemptRecord } from '@ai-ops/plugin-executions-common';
import { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import { completedSteps, downstreamOf } from './completedSteps';

/** a -> b (forEach) -> c; c jumps to fix on error; d needs a only. */
const document: WorkflowDocument = {
  apiVersion: 'ai-ops.dev/v1alpha1',
  kind: 'AIWorkflow',
  metadata: { name: 'flow' },
  spec: {
    owner: 'group:default/team-a',
    lifecycle: 'experimental',
    steps: [
      { id: 'a', component: 'aicomponent:default/x' },
      {
        id: 'b',
        needs: ['a'],
        component: 'aicomponent:default/x',
        forEach: { items: '${{ [1, 2] }}' },
      },
      {
        id: 'c',
        needs: ['b'],
        component: 'aicomponent:default/x',
        onError: { goto: 'fix' },
      },
      { id: 'fix', component: 'aicomponent:default/x' },
      { id: 'd', needs: ['a'], component: 'aicomponent:default/x' },
    ],
  },
};

const attempt = (
  stepId: string,
  status: StepAttemptRecord['status'],
  options: { iteration?: number; attempt?: number; output?: unknown } = {},
): StepAttemptRecord => ({
  executionId: 'run',
  stepId,
  iteration: options.iteration ?? 0,
  attempt: options.attempt ?? 1,
  status,
  output: options.output,
  costUsd: 0.25,
  tokens: { inputTokens: 2, outputTokens: 1 },
  startedAt: '2026-01-01T00:00:00.000Z',
});

describe('downstreamOf', () => {
  it('follows needs and jumps', () => {
    expect([...downstreamOf(document, 'b')].sort()).toEqual(['b', 'c', 'fix']);
    expect([...downstreamOf(document, 'a')].sort()).toEqual([
      'a',
      'b',
      'c',
      'd',
      'fix',
    ]);
    expect([...downstreamOf(document, 'd')]).toEqual(['d']);
  });
});

describe('completedSteps', () => {
  it('takes the newest attempt of a step and sums what every attempt cost', () => {
    expect(
      completedSteps(document, [
        attempt('a', 'failed', { attempt: 1 }),
        attempt('a', 'succeeded', { attempt: 2, output: { ok: 1 } }),
        attempt('d', 'succeeded', { attempt: 1, output: 'd' }),
        attempt('d', 'failed', { attempt: 2 }),
      ]),
    ).toEqual({
      a: {
        output: { ok: 1 },
        costUsd: 0.5,
        tokens: { inputTokens: 4, outputTokens: 2 },
      },
    });
  });

  it('reuses a forEach step only when every iteration succeeded and a dependant started', () => {
    const loop = [
      attempt('a', 'succeeded', { output: 1 }),
      attempt('b', 'succeeded', { iteration: 1, output: 'second' }),
      attempt('b', 'succeeded', { iteration: 0, output: 'first' }),
    ];
    // Nothing after the loop started: it may not have finished.
    expect(Object.keys(completedSteps(document, loop))).toEqual(['a']);

    const afterLoop = [...loop, attempt('c', 'failed')];
    expect(completedSteps(document, afterLoop).b).toEqual({
      output: ['first', 'second'],
      costUsd: 0.5,
      tokens: { inputTokens: 4, outputTokens: 2 },
    });

    const failedIteration = [
      ...loop.slice(0, 2),
      attempt('b', 'failed', { iteration: 0 }),
      attempt('c', 'failed'),
    ];
    expect(completedSteps(document, failedIteration).b).toBeUndefined();

    const gap = [
      attempt('a', 'succeeded'),
      attempt('b', 'succeeded', { iteration: 1 }),
      attempt('c', 'running'),
    ];
    expect(completedSteps(document, gap).b).toBeUndefined();
  });

  it('leaves skipped and unfinished steps to run again', () => {
    expect(
      completedSteps(document, [
        attempt('a', 'skipped', { attempt: 0 }),
        attempt('d', 'running'),
      ]),
    ).toEqual({});
  });
});
