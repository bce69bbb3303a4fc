/**
 * Graph helpers over step ids. Edges point in run order: `a -> b` means `a`
 * finishes before `b` starts (b needs a, or a jumps to b).
 */

/** @public */
export type StepGraph = Map<string, string[]>;

/**
 * Finds one cycle, as the ids along it with the first repeated at the end
 * (`['a', 'b', 'a']`), or undefined when the graph is acyclic. Iterative, so
 * deep graphs cannot overflow the stack.
 *
 * @public
 */
export function findCycle(graph: StepGraph): string[] | undefined {
  const state = new Map<string, 1 | 2>(); // 1: on the stack, 2: done
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    const stack: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    state.set(start, 1);
    path.push(start);
    while (stack.length) {
      const frame = stack[stack.length - 1];
      const successors = graph.get(frame.id) ?? [];
      if (frame.next < successors.length) {
        const to = successors[frame.next++];
        const seen = state.get(to);
        if (seen === 1) {
          return [...path.slice(path.indexOf(to)), to];
        }
        if (seen === undefined && graph.has(to)) {
          state.set(to, 1);
          path.push(to);
          stack.push({ id: to, next: 0 });
        }
      } else {
        state.set(frame.id, 2);
        path.pop();
        stack.pop();
      }
    }
  }
  return undefined;
}

/** Ids in an order where every step comes after the steps it needs (Kahn). @public */
export function topologicalOrder(graph: StepGraph): string[] {
  const indegree = new Map<string, number>();
  for (const id of graph.keys()) indegree.set(id, indegree.get(id) ?? 0);
  for (const targets of graph.values()) {
    for (const t of targets) {
      if (graph.has(t)) indegree.set(t, (indegree.get(t) ?? 0) + 1);
    }
  }
  const ready = [...indegree].filter(([, d]) => d === 0).map(([id]) => id);
  const order: string[] = [];
  while (ready.length) {
    const id = ready.shift()!;
    order.push(id);
    for (const t of graph.get(id) ?? []) {
      if (!graph.has(t)) continue;
      const d = indegree.get(t)! - 1;
      indegree.set(t, d);
      if (d === 0) ready.push(t);
    }
  }
  return order;
}

/**
 * For each step, every step it transitively needs. Expects an acyclic
 * `needs` relation.
 *
 * @public
 */
export function ancestorsOf(
  needs: Map<string, string[]>,
): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  const forward: StepGraph = new Map([...needs.keys()].map(id => [id, []]));
  for (const [id, deps] of needs) {
    for (const d of deps) forward.get(d)?.push(id);
  }
  for (const id of topologicalOrder(forward)) {
    const set = new Set<string>();
    for (const d of needs.get(id) ?? []) {
      if (!needs.has(d)) continue;
      set.add(d);
      for (const a of result.get(d) ?? []) set.add(a);
    }
    result.set(id, set);
  }
  return result;
}
