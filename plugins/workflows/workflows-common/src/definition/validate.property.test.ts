import fc from 'fast-check';
import { validateWorkflowDocument } from './validate';
import { findCycle, topologicalOrder } from './graph';
import { parseWorkflowYaml, stringifyWorkflowYaml } from './yaml';
import { diffWorkflowDocuments } from './diff';
import { WorkflowDocument } from './model';

/**
 * A random DAG: step i may only need steps before it, so the graph is
 * acyclic by construction. Expressions read only steps the step needs.
 */
const randomDag = fc
  .integer({ min: 1, max: 40 })
  .chain(size =>
    fc.tuple(
      fc.constant(size),
      fc.array(fc.array(fc.nat(), { maxLength: 4 }), {
        minLength: size,
        maxLength: size,
      }),
      fc.array(fc.boolean(), { minLength: size, maxLength: size }),
    ),
  )
  .map(([size, picks, conditional]) => {
    const steps = Array.from({ length: size }, (_, i) => {
      const needs = i === 0 ? [] : [...new Set(picks[i].map(p => `s${p % i}`))];
      return {
        id: `s${i}`,
        component: `aicomponent:default/c${i % 5}`,
        ...(needs.length ? { needs } : {}),
        ...(conditional[i] ? { if: '${{ $exists(input.flag) }}' } : {}),
        with: needs.length
          ? {
              value: `\${{ steps.${needs[0]}.output }}`,
              text: `from \${{ input.text }}`,
            }
          : { text: '${{ input.text }}' },
      };
    });
    return {
      apiVersion: 'ai-ops.dev/v1alpha1',
      kind: 'AIWorkflow',
      metadata: { name: 'random' },
      spec: { owner: 'group:default/team-a', lifecycle: 'experimental', steps },
    } as WorkflowDocument;
  });

describe('workflow model properties', () => {
  it('every random DAG validates', () => {
    fc.assert(
      fc.property(randomDag, doc => {
        const result = validateWorkflowDocument(doc);
        expect(result.issues).toEqual([]);
        expect(result.valid).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('an injected cycle is always found, and the message names every step on it', () => {
    fc.assert(
      fc.property(
        randomDag.filter(d => d.spec.steps.length >= 2),
        fc.nat(),
        fc.nat(),
        (doc, a, b) => {
          const n = doc.spec.steps.length;
          const from = a % n;
          let to = b % n;
          if (to === from) to = (from + 1) % n;
          const [early, late] = from < to ? [from, to] : [to, from];
          // Make the late step a dependency of the early one, and the early
          // one a dependency of the late one: a cycle through both.
          const steps = doc.spec.steps.map(s => ({
            ...s,
            needs: [...(s.needs ?? [])],
          }));
          if (!steps[late].needs.includes(steps[early].id))
            steps[late].needs.push(steps[early].id);
          steps[early].needs.push(steps[late].id);
          const result = validateWorkflowDocument({
            ...doc,
            spec: { ...doc.spec, steps },
          });
          const cycle = result.issues.find(i => i.code === 'cycle');
          expect(result.valid).toBe(false);
          expect(cycle).toBeDefined();
          const named = /cycle: (.*) \(/.exec(cycle!.message)![1].split(' -> ');
          expect(named[0]).toBe(named[named.length - 1]);
          expect(named).toContain(steps[early].id);
          // Each consecutive pair on the named cycle is a real edge (b needs a).
          for (let i = 0; i + 1 < named.length; i++) {
            const next = steps.find(s => s.id === named[i + 1])!;
            expect(next.needs).toContain(named[i]);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('findCycle agrees with a topological sort on random graphs', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 30 })
          .chain(n =>
            fc
              .array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 })
              .map(edges => ({ n, edges })),
          ),
        ({ n, edges }) => {
          const graph = new Map<string, string[]>();
          for (let i = 0; i < n; i++) graph.set(`n${i}`, []);
          for (const [x, y] of edges) graph.get(`n${x}`)!.push(`n${y}`);
          const cycle = findCycle(graph);
          const acyclic = topologicalOrder(graph).length === n;
          expect(cycle === undefined).toBe(acyclic);
          // Each consecutive pair on a found cycle is a real edge.
          const pairs = (cycle ?? [])
            .slice(1)
            .map((to, i) => [cycle![i], to] as const);
          for (const [from, to] of pairs) {
            expect(graph.get(from)).toContain(to);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('YAML export round-trips and a document diffs as identical with itself', () => {
    fc.assert(
      fc.property(randomDag, doc => {
        const text = stringifyWorkflowYaml(doc);
        const back = parseWorkflowYaml(text) as WorkflowDocument;
        expect(stringifyWorkflowYaml(back)).toBe(text);
        expect(diffWorkflowDocuments(doc, back).identical).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
