import {
  ComponentRecord,
  Listed,
  RecommendationSources,
  RunRecord,
  RunSummary,
  WorkflowRecord,
} from '../service/sources';

/**
 * Recommendation sources over in-memory records, for ranking tests that
 * need many components without running the other capabilities' backends
 * (the plugin test runs against the real ones). Changing the maps and
 * syncing again behaves like create, update and delete upstream.
 */
export class FixtureSources implements RecommendationSources {
  readonly components = new Map<string, ComponentRecord>();
  readonly workflows = new Map<string, WorkflowRecord>();
  readonly runs = new Map<string, RunRecord>();
  componentReads = 0;

  constructor(data: {
    components?: ComponentRecord[];
    workflows?: WorkflowRecord[];
    runs?: RunRecord[];
  }) {
    for (const c of data.components ?? []) this.components.set(c.ref, c);
    for (const w of data.workflows ?? []) this.workflows.set(w.ref, w);
    for (const r of data.runs ?? []) this.runs.set(r.id, r);
  }

  async listComponents(): Promise<Listed[]> {
    return [...this.components.values()].map(listed);
  }

  componentsVersionReads = 0;

  /** Every stamp (test data is small): changes with any create, update or delete. */
  async componentsVersion() {
    this.componentsVersionReads++;
    return [...this.components.values()].map(c => c.stamp).join('|');
  }

  async getComponent(l: Listed) {
    this.componentReads++;
    return structuredClone(this.components.get(l.ref)!);
  }

  async listWorkflows(): Promise<Listed[]> {
    return [...this.workflows.values()].map(listed);
  }

  async getWorkflow(l: Listed) {
    return structuredClone(this.workflows.get(l.ref)!);
  }

  async listSucceededRuns(max: number) {
    return [...this.runs.values()].slice(0, max).map(run => ({
      id: run.id,
      workflowRef: run.workflowRef,
      workflowVersion: 1,
    }));
  }

  async getRun(run: RunSummary) {
    return structuredClone(this.runs.get(run.id)!);
  }
}

function listed(r: {
  ref: string;
  namespace: string;
  name: string;
  stamp: string;
}): Listed {
  return { ref: r.ref, namespace: r.namespace, name: r.name, stamp: r.stamp };
}

/**
 * Succeeded runs of each workflow: every step succeeds with the given cost
 * and latency of its component, and evaluator steps score what they need.
 */
export function runsOf(
  workflows: WorkflowRecord[],
  options: {
    perWorkflow: number;
    cost(componentRef: string): number;
    latencyMs(componentRef: string): number;
    score?(evaluatedRef: string): number;
    evaluators?: Set<string>;
  },
): RunRecord[] {
  const runs: RunRecord[] = [];
  for (const w of workflows) {
    for (let i = 0; i < options.perWorkflow; i++) {
      runs.push({
        id: `${w.name}-${i}`,
        workflowRef: w.ref,
        definition: w.steps,
        steps: w.steps.map(step => {
          const evaluated = step.needs
            .map(n => w.steps.find(s => s.id === n)?.component)
            .find(Boolean);
          const isEvaluator = options.evaluators?.has(step.component!) ?? false;
          return {
            stepId: step.id,
            componentRef: step.component,
            status: 'succeeded',
            costUsd: options.cost(step.component!),
            latencyMs: options.latencyMs(step.component!),
            output:
              isEvaluator && evaluated && options.score
                ? { score: options.score(evaluated), passed: true }
                : { ok: true },
          };
        }),
      });
    }
  }
  return runs;
}
