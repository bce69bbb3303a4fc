import {
  stepKind,
  type WorkflowDocument,
  type WorkflowStep,
  type WorkflowStepKind,
} from '@ai-ops/plugin-workflows-common';

/** Size of a step node in the graph, as in the workflow editor. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 84;
const GAP_X = 40;
const GAP_Y = 64;

/** What the graph and the timeline show of a step of the definition. */
export interface DefinitionStep {
  id: string;
  name?: string;
  kind: WorkflowStepKind;
  /** The component or sub-workflow it runs. */
  target?: string;
  needs: string[];
  forEach: boolean;
  position: { x: number; y: number };
}

/** The depth of each step: 0 without needs, else one more than its deepest need. */
function stepDepths(steps: readonly WorkflowStep[]): Map<string, number> {
  const byId = new Map(steps.map(s => [s.id, s]));
  const depths = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (id: string): number => {
    const known = depths.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return -1;
    visiting.add(id);
    let depth = 0;
    for (const need of byId.get(id)?.needs ?? []) {
      if (byId.has(need)) depth = Math.max(depth, depthOf(need) + 1);
    }
    visiting.delete(id);
    depths.set(id, depth);
    return depth;
  };
  for (const step of steps) depthOf(step.id);
  return depths;
}

/**
 * The steps of a workflow version in the editor's layout: each step's
 * stored `position`, else the editor's layered layout by `needs` depth.
 */
export function definitionSteps(doc: WorkflowDocument): DefinitionStep[] {
  const steps = doc.spec.steps;
  const depths = stepDepths(steps);
  const layers = new Map<number, string[]>();
  for (const step of steps) {
    const depth = depths.get(step.id) ?? 0;
    layers.set(depth, [...(layers.get(depth) ?? []), step.id]);
  }
  const widest = Math.max(0, ...[...layers.values()].map(l => l.length));
  const auto = new Map<string, { x: number; y: number }>();
  for (const [depth, ids] of layers) {
    const offset = ((widest - ids.length) * (NODE_WIDTH + GAP_X)) / 2;
    ids.forEach((id, index) =>
      auto.set(id, {
        x: offset + index * (NODE_WIDTH + GAP_X),
        y: depth * (NODE_HEIGHT + GAP_Y),
      }),
    );
  }
  return steps.map(step => {
    const p = step.position;
    const valid = p && Number.isFinite(p.x) && Number.isFinite(p.y);
    return {
      id: step.id,
      name: step.name,
      kind: stepKind(step),
      target: step.component ?? step.workflow,
      needs: step.needs ?? [],
      forEach: !!step.forEach,
      position: valid ? { x: p.x, y: p.y } : auto.get(step.id)!,
    };
  });
}
