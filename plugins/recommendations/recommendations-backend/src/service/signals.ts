import {
  ComponentRecord,
  RunRecord,
  StepRecord,
  WorkflowRecord,
} from './sources';

/** Measured cost, latency and quality of one component. @internal */
export type ComponentMetrics = {
  runs: number;
  avgCostUsd?: number;
  p50LatencyMs?: number;
  evaluationScore?: number;
  evaluations: number;
};

type Counter = Map<string, Map<string, number>>;

const bump = (counter: Counter, from: string, to: string, by = 1) => {
  let row = counter.get(from);
  if (!row) counter.set(from, (row = new Map()));
  row.set(to, (row.get(to) ?? 0) + by);
};

const median = (values: number[]) => {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The component ref of each step id of a definition. */
const componentsByStep = (steps: StepRecord[]) =>
  new Map(
    steps.filter(s => s.component).map(s => [s.id, s.component!] as const),
  );

/**
 * Signals beyond text, computed from the definitions of workflows and from
 * succeeded runs:
 *
 * - follows: component B's step `needs` component A's step, counted per
 *   workflow definition and per succeeded run (both steps succeeded);
 * - context: the components a component is connected to in workflows (its
 *   predecessors and successors); two components with the same context are
 *   used in the same place, i.e. are substitutes;
 * - metrics: mean cost and median latency of succeeded attempts, and the
 *   mean evaluation score: an evaluator step's `output.score` (0..1) counts
 *   for the components of the steps it `needs`.
 *
 * @internal
 */
export class UsageSignals {
  readonly workflowFollows: Counter = new Map();
  readonly runFollows: Counter = new Map();
  readonly context = new Map<string, Set<string>>();
  private readonly metrics = new Map<string, ComponentMetrics>();

  static build(options: {
    components: Map<string, ComponentRecord>;
    workflows: Iterable<WorkflowRecord>;
    runs: Iterable<RunRecord>;
  }): UsageSignals {
    const signals = new UsageSignals();
    for (const workflow of options.workflows) {
      const byStep = componentsByStep(workflow.steps);
      const seen = new Set<string>();
      for (const step of workflow.steps) {
        const to = step.component;
        if (!to) continue;
        for (const need of step.needs) {
          const from = byStep.get(need);
          if (!from || from === to || seen.has(`${from}>${to}`)) continue;
          seen.add(`${from}>${to}`);
          bump(signals.workflowFollows, from, to);
          signals.addContext(from, `next:${to}`);
          signals.addContext(to, `prev:${from}`);
        }
      }
    }

    const costs = new Map<string, number[]>();
    const latencies = new Map<string, number[]>();
    const scores = new Map<string, number[]>();
    const push = (map: Map<string, number[]>, key: string, value: number) => {
      let list = map.get(key);
      if (!list) map.set(key, (list = []));
      list.push(value);
    };
    for (const run of options.runs) {
      const byStep = componentsByStep(run.definition);
      const succeeded = new Map<string, string>();
      for (const attempt of run.steps) {
        const ref = attempt.componentRef ?? byStep.get(attempt.stepId);
        if (attempt.status !== 'succeeded' || !ref) continue;
        succeeded.set(attempt.stepId, ref);
        push(costs, ref, attempt.costUsd);
        if (attempt.latencyMs !== undefined) {
          push(latencies, ref, attempt.latencyMs);
        }
      }
      const seen = new Set<string>();
      for (const step of run.definition) {
        const to = succeeded.get(step.id);
        if (!to) continue;
        for (const need of step.needs) {
          const from = succeeded.get(need);
          if (!from || from === to || seen.has(`${from}>${to}`)) continue;
          seen.add(`${from}>${to}`);
          bump(signals.runFollows, from, to);
        }
        if (options.components.get(to)?.type !== 'evaluator') continue;
        const score = (
          run.steps.find(s => s.stepId === step.id && s.status === 'succeeded')
            ?.output as { score?: unknown } | undefined
        )?.score;
        if (typeof score !== 'number' || score < 0 || score > 1) continue;
        for (const need of step.needs) {
          const evaluated = succeeded.get(need);
          if (evaluated) push(scores, evaluated, score);
        }
      }
    }
    for (const ref of new Set([...costs.keys(), ...scores.keys()])) {
      const c = costs.get(ref) ?? [];
      const s = scores.get(ref) ?? [];
      signals.metrics.set(ref, {
        runs: c.length,
        avgCostUsd: c.length
          ? c.reduce((a, b) => a + b, 0) / c.length
          : undefined,
        p50LatencyMs: median(latencies.get(ref) ?? []),
        evaluationScore: s.length
          ? s.reduce((a, b) => a + b, 0) / s.length
          : undefined,
        evaluations: s.length,
      });
    }
    return signals;
  }

  private readonly byNeighbour = new Map<string, Set<string>>();

  private addContext(ref: string, neighbour: string) {
    let set = this.context.get(ref);
    if (!set) this.context.set(ref, (set = new Set()));
    set.add(neighbour);
    let refs = this.byNeighbour.get(neighbour);
    if (!refs) this.byNeighbour.set(neighbour, (refs = new Set()));
    refs.add(ref);
  }

  metricsOf(ref: string): ComponentMetrics | undefined {
    return this.metrics.get(ref);
  }

  /** Components used in the same place (shared predecessors or successors) as `ref`, with the count. */
  substitutesOf(ref: string): Map<string, number> {
    const result = new Map<string, number>();
    for (const neighbour of this.context.get(ref) ?? []) {
      for (const other of this.byNeighbour.get(neighbour) ?? []) {
        if (other !== ref) result.set(other, (result.get(other) ?? 0) + 1);
      }
    }
    return result;
  }

  /** Jaccard overlap of two components' workflow contexts (0..1). */
  contextOverlap(a: string, b: string): number {
    const x = this.context.get(a);
    const y = this.context.get(b);
    if (!x || !y) return 0;
    let shared = 0;
    for (const n of x) if (y.has(n)) shared++;
    return shared / (x.size + y.size - shared);
  }
}
