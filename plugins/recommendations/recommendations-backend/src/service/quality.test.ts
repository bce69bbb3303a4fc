import { mockServices } from '@backstage/backend-test-utils';
import {
  HashingEmbedder,
  InMemoryVectorIndex,
} from '@ai-ops/plugin-recommendations-node';
import {
  expectedNeighbours,
  labelledComponents,
  labelledWorkflows,
} from '../__fixtures__/labelled';
import { FixtureSources, runsOf } from '../__testUtils__/FixtureSources';
import { similarComponents } from './ranking';
import { RecommendationIndex } from './RecommendationIndex';

/**
 * precision@5: of the first five results, the share that are expected
 * neighbours (out of at most five, for groups smaller than six).
 */
function precisionAt5(ref: string, ranked: string[]) {
  const expected = expectedNeighbours.get(ref)!;
  const hits = ranked.slice(0, 5).filter(r => expected.has(r)).length;
  return hits / Math.min(5, expected.size);
}

/** The baseline: other components by tag overlap (Jaccard), ties by name. */
function tagOverlapRanking(ref: string): string[] {
  const source = labelledComponents.find(c => c.ref === ref)!;
  const jaccard = (a: string[], b: string[]) => {
    const shared = a.filter(t => b.includes(t)).length;
    return shared / new Set([...a, ...b]).size;
  };
  return labelledComponents
    .filter(c => c.ref !== ref)
    .map(c => ({ ref: c.ref, score: jaccard(source.tags, c.tags) }))
    .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref))
    .map(c => c.ref);
}

describe('ranking quality on the labelled fixture', () => {
  it('has enough labelled data', () => {
    expect(labelledComponents.length).toBeGreaterThanOrEqual(60);
    expect(new Set(labelledComponents.map(c => c.type))).toEqual(
      new Set(['model', 'prompt', 'tool', 'agent', 'dataset', 'evaluator']),
    );
    expect(labelledWorkflows.length).toBeGreaterThanOrEqual(20);
    const refs = new Set(labelledComponents.map(c => c.ref));
    for (const w of labelledWorkflows) {
      for (const s of w.steps) expect(refs).toContain(s.component);
    }
  });

  it("the console's similar-components ranking beats tag overlap at precision@5", async () => {
    const evaluators = new Set(
      labelledComponents.filter(c => c.type === 'evaluator').map(c => c.ref),
    );
    const index = new RecommendationIndex({
      sources: new FixtureSources({
        components: labelledComponents,
        workflows: labelledWorkflows,
        runs: runsOf(labelledWorkflows, {
          perWorkflow: 3,
          cost: ref => (ref.length % 7) * 0.001,
          latencyMs: ref => 100 + (ref.length % 11) * 40,
          score: ref => 0.5 + (ref.length % 5) / 10,
          evaluators,
        }),
      }),
      embedder: new HashingEmbedder(),
      writeIndex: new InMemoryVectorIndex(),
      logger: mockServices.logger.mock(),
    });
    await index.sync();

    let consoleTotal = 0;
    let baselineTotal = 0;
    let vectorOnlyTotal = 0;
    for (const c of labelledComponents) {
      const neighbours = await index.index.nearDocument(c.ref, {
        limit: 5,
        filter: { kind: 'component' },
      });
      vectorOnlyTotal += precisionAt5(
        c.ref,
        neighbours.map(h => h.document.ref),
      );
      const ranked = await similarComponents(index, c.ref, {});
      consoleTotal += precisionAt5(
        c.ref,
        ranked.map(r => r.ref),
      );
      baselineTotal += precisionAt5(c.ref, tagOverlapRanking(c.ref));
    }
    const consoleP5 = consoleTotal / labelledComponents.length;
    const baselineP5 = baselineTotal / labelledComponents.length;
    const vectorOnlyP5 = vectorOnlyTotal / labelledComponents.length;
    // Printed so that a run shows the margin, not only pass or fail.
    process.stdout.write(
      `precision@5: console ${consoleP5.toFixed(
        3,
      )}, embedding alone ${vectorOnlyP5.toFixed(
        3,
      )}, tag-overlap baseline ${baselineP5.toFixed(3)} over ${
        labelledComponents.length
      } components\n`,
    );
    expect(consoleP5).toBeGreaterThan(baselineP5);
    expect(consoleP5).toBeGreaterThanOrEqual(0.85);
  });
});
