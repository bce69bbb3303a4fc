import type { StepAttemptRecord } from '@ai-ops/plugin-executions-common';
import type { CompletedStep } from '@ai-ops/plugin-executions-workflows';
import { WorkflowDocument } from '@ai-ops/plugin-workflows-common';

/** Steps a step can lead to: those that need it and those it jumps to. */
function successors(document: WorkflowDocument): Map<string, string[]> {
  const next = new Map<string, string[]>(
    document.spec.steps.map(s => [s.id, []]),
  );
  const add = (from: string, to: string) => next.get(from)?.push(to);
  for (const step of document.spec.steps) {
    for (const need of step.needs ?? []) add(need, step.id);
    const jumps = [
      step.onError,
      step.approval?.onTimeout,
      step.approval?.onReject,
    ];
    for (const jump of jumps) {
      if (jump && typeof jump === 'object' && 'goto' in jump) {
        add(step.id, jump.goto);
      }
    }
  }
  return next;
}

/** A step and every step after it (through needs and jumps). */
export function downstreamOf(
  document: WorkflowDocument,
  stepId: string,
): Set<string> {
  const next = successors(document);
  const seen = new Set<string>([stepId]);
  const queue = [stepId];
  while (queue.length) {
    for (const to of next.get(queue.shift()!) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

const sumOf = (attempts: StepAttemptRecord[]) => ({
  costUsd: attempts.reduce((sum, a) => sum + a.costUsd, 0),
  tokens: {
    inputTokens: attempts.reduce((sum, a) => sum + a.tokens.inputTokens, 0),
    outputTokens: attempts.reduce((sum, a) => sum + a.tokens.outputTokens, 0),
  },
});

/** The final state of one iteration: its newest attempt (attempt 0 holds decisions). */
function lastOf(attempts: StepAttemptRecord[]): StepAttemptRecord {
  return attempts.reduce((last, a) => (a.attempt > last.attempt ? a : last));
}

/**
 * The steps a run completed, with their outputs, for a new run of the same
 * snapshot to reuse. A plain step counts when its newest attempt succeeded;
 * a forEach step when every iteration's did and a step that needs it
 * started (which it does only once the loop has finished).
 */
export function completedSteps(
  document: WorkflowDocument,
  attempts: StepAttemptRecord[],
): Record<string, CompletedStep> {
  const byStep = new Map<string, StepAttemptRecord[]>();
  for (const attempt of attempts) {
    const list = byStep.get(attempt.stepId) ?? [];
    list.push(attempt);
    byStep.set(attempt.stepId, list);
  }
  const started = (id: string) =>
    (byStep.get(id) ?? []).some(a => a.status !== 'skipped');
  const dependants = new Map<string, string[]>();
  for (const step of document.spec.steps) {
    for (const need of step.needs ?? []) {
      dependants.set(need, [...(dependants.get(need) ?? []), step.id]);
    }
  }

  const completed: Record<string, CompletedStep> = {};
  for (const step of document.spec.steps) {
    const own = byStep.get(step.id) ?? [];
    if (!step.forEach) {
      const iteration = own.filter(a => a.iteration === 0);
      if (!iteration.length) continue;
      const last = lastOf(iteration);
      if (last.status !== 'succeeded') continue;
      completed[step.id] = { output: last.output ?? null, ...sumOf(own) };
      continue;
    }
    if (!(dependants.get(step.id) ?? []).some(started)) continue;
    const iterations = new Map<number, StepAttemptRecord[]>();
    for (const a of own) {
      iterations.set(a.iteration, [...(iterations.get(a.iteration) ?? []), a]);
    }
    if (own.some(a => a.status === 'skipped')) continue;
    const count = iterations.size;
    const outputs: unknown[] = [];
    let complete = true;
    for (let i = 0; i < count; i++) {
      const list = iterations.get(i);
      const last = list && lastOf(list);
      if (!last || last.status !== 'succeeded') {
        complete = false;
        break;
      }
      outputs.push(last.output ?? null);
    }
    if (complete) completed[step.id] = { output: outputs, ...sumOf(own) };
  }
  return completed;
}
