import type { WorkflowStep } from '@ai-ops/plugin-workflows-common';
import type { XYPosition } from './model';

/** Size of a step node in the graph, for layout and before it is measured. */
export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 84;
const GAP_X = 40;
const GAP_Y = 64;

/**
 * The depth of each step: 0 for steps that need nothing, else one more than
 * the deepest step it needs. Unknown needs are ignored and a cycle is cut
 * where it closes, so every step gets a depth.
 */
export function stepDepths(
  steps: readonly WorkflowStep[],
): Map<string, number> {
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
      if (!byId.has(need)) continue;
      depth = Math.max(depth, depthOf(need) + 1);
    }
    visiting.delete(id);
    depths.set(id, depth);
    return depth;
  };
  for (const step of steps) depthOf(step.id);
  return depths;
}

/**
 * Where each step sits: its stored `position`, else a layered layout from
 * the top down by `needs` depth, each layer centred on the widest one.
 */
export function layoutSteps(
  steps: readonly WorkflowStep[],
): Map<string, XYPosition> {
  const depths = stepDepths(steps);
  const layers = new Map<number, string[]>();
  for (const step of steps) {
    const depth = depths.get(step.id) ?? 0;
    layers.set(depth, [...(layers.get(depth) ?? []), step.id]);
  }
  const widest = Math.max(0, ...[...layers.values()].map(l => l.length));
  const auto = new Map<string, XYPosition>();
  for (const [depth, ids] of layers) {
    const offset = ((widest - ids.length) * (NODE_WIDTH + GAP_X)) / 2;
    ids.forEach((id, index) =>
      auto.set(id, {
        x: offset + index * (NODE_WIDTH + GAP_X),
        y: depth * (NODE_HEIGHT + GAP_Y),
      }),
    );
  }
  const positions = new Map<string, XYPosition>();
  for (const step of steps) {
    const p = step.position;
    const valid = p && Number.isFinite(p.x) && Number.isFinite(p.y);
    positions.set(step.id, valid ? { x: p.x, y: p.y } : auto.get(step.id)!);
  }
  return positions;
}

/** A free spot for a new step: below every step, at the left edge. */
export function nextStepPosition(positions: Iterable<XYPosition>): XYPosition {
  const all = [...positions];
  if (all.length === 0) return { x: 0, y: 0 };
  return {
    x: Math.min(...all.map(p => p.x)),
    y: Math.max(...all.map(p => p.y)) + NODE_HEIGHT + GAP_Y,
  };
}

/**
 * A free spot for a step that runs after `afterId`: one row below it, moved
 * right past any step already there. Falls back to {@link nextStepPosition}
 * when `afterId` has no position.
 */
export function positionAfter(
  positions: Map<string, XYPosition>,
  afterId: string,
): XYPosition {
  const anchor = positions.get(afterId);
  if (!anchor) return nextStepPosition(positions.values());
  const taken = [...positions.values()];
  const overlaps = (p: XYPosition) =>
    taken.some(
      t =>
        Math.abs(t.x - p.x) < NODE_WIDTH && Math.abs(t.y - p.y) < NODE_HEIGHT,
    );
  const at = { x: anchor.x, y: anchor.y + NODE_HEIGHT + GAP_Y };
  while (overlaps(at)) at.x += NODE_WIDTH + GAP_X;
  return at;
}
