import { InputError, NotFoundError } from '@backstage/errors';
import {
  IndexDocument,
  NeighbourRef,
} from '@ai-ops/plugin-recommendations-node';
import { schemaPropertyNames } from './documents';
import { RecommendationIndex } from './RecommendationIndex';
import { ComponentMetrics } from './signals';
import { ComponentRecord, stepsOf } from './sources';

/** @internal */
export type Reason = {
  kind:
    | 'similarity'
    | 'keyword'
    | 'same-type'
    | 'shared-tags'
    | 'schema-fit'
    | 'co-usage'
    | 'quality'
    | 'cost'
    | 'latency';
  text: string;
  value?: number;
};

/** A ranked result before permission filtering. @internal */
export interface Ranked {
  kind: 'component' | 'workflow';
  ref: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  type?: string;
  owner?: string;
  tags: string[];
  runtimeType?: string;
  score: number;
  reasons: Reason[];
  metrics?: ComponentMetrics;
}

/** How many ranked candidates a query produces before permission filtering. */
const CANDIDATES = 40;

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const label = (c: { title?: string; name: string }) => c.title ?? c.name;

function fromRecord(
  c: ComponentRecord | IndexDocument,
  metrics?: ComponentMetrics,
): Omit<Ranked, 'score' | 'reasons'> {
  return {
    kind: 'component',
    ref: c.ref,
    namespace: c.namespace,
    name: c.name,
    title: c.title,
    description: c.description,
    type: c.type,
    owner: c.owner,
    tags: c.tags,
    runtimeType: c.runtimeType,
    metrics,
  };
}

/**
 * Cost, latency and quality of `candidate` compared with `source`, as
 * reasons and a small ranking adjustment. "At the same evaluation score"
 * means within 0.05 of it (or better); without scores on both sides, cost
 * and latency are compared alone and the reason says so.
 */
export function compareMetrics(
  source: ComponentMetrics | undefined,
  candidate: ComponentMetrics | undefined,
): { reasons: Reason[]; adjustment: number } {
  const reasons: Reason[] = [];
  let adjustment = 0;
  if (!candidate) return { reasons, adjustment };
  const bothScored =
    source?.evaluationScore !== undefined &&
    candidate.evaluationScore !== undefined;
  const sameQuality =
    bothScored && candidate.evaluationScore! >= source!.evaluationScore! - 0.05;
  let qualifier = '';
  if (bothScored) {
    if (!sameQuality) qualifier = ' at a lower evaluation score';
    else if (candidate.evaluationScore! > source!.evaluationScore! + 0.05) {
      qualifier = ' at a higher evaluation score';
    } else qualifier = ' at the same evaluation score';
  }
  if (bothScored) {
    adjustment += 0.1 * (candidate.evaluationScore! - source!.evaluationScore!);
  }
  if (candidate.evaluationScore !== undefined) {
    reasons.push({
      kind: 'quality',
      text: `evaluation score ${round(candidate.evaluationScore)} over ${
        candidate.evaluations
      } evaluations${
        bothScored ? ` (this one: ${round(source!.evaluationScore!)})` : ''
      }`,
      value: round(candidate.evaluationScore),
    });
  }
  const sc = source?.avgCostUsd;
  const cc = candidate.avgCostUsd;
  if (sc !== undefined && cc !== undefined && sc > 0 && cc < sc) {
    const saving = (sc - cc) / sc;
    if (saving >= 0.05) {
      reasons.push({
        kind: 'cost',
        text: `${Math.round(saving * 100)}% cheaper${qualifier}`,
        value: round(saving),
      });
      if (!bothScored || sameQuality) adjustment += 0.03 * saving;
    }
  }
  const sl = source?.p50LatencyMs;
  const cl = candidate.p50LatencyMs;
  if (sl !== undefined && cl !== undefined && sl > 0 && cl < sl) {
    const gain = (sl - cl) / sl;
    if (gain >= 0.05) {
      reasons.push({
        kind: 'latency',
        text: `${Math.round(gain * 100)}% faster (median ${Math.round(
          cl,
        )} ms vs ${Math.round(sl)} ms)${qualifier}`,
        value: round(gain),
      });
      if (!bothScored || sameQuality) adjustment += 0.02 * gain;
    }
  }
  return { reasons, adjustment };
}

/**
 * Components similar to one: nearest neighbours of its vector, re-ranked by
 * type, shared tags, being used in the same place in workflows (shared
 * predecessors and successors) and measured quality, cost and latency.
 *
 * @internal
 */
export async function similarComponents(
  index: RecommendationIndex,
  ref: string,
  options: { sameType?: boolean; cheaper?: boolean; faster?: boolean },
): Promise<Ranked[]> {
  const source = index.components.get(ref);
  if (!source) throw new NotFoundError(`No component ${ref} is indexed`);
  const { signals } = index;
  // Unfiltered unless sameType: workflows among the neighbours are dropped
  // here, which keeps Weaviate on its HNSW graph.
  // The candidates' refs only: what is ranked comes from the index's own
  // records (a candidate it does not hold yet waits for the next sync).
  const neighbours = await index.index.nearRefs(ref, {
    limit: CANDIDATES,
    filter: options.sameType
      ? { kind: 'component', types: [source.type] }
      : undefined,
  });
  const candidates = new Map<string, NeighbourRef | undefined>(
    neighbours.filter(n => n.kind === 'component').map(n => [n.ref, n]),
  );
  const substitutes = signals.substitutesOf(ref);
  for (const [other] of substitutes) {
    if (!candidates.has(other)) candidates.set(other, undefined);
  }

  const sourceMetrics = signals.metricsOf(ref);
  // Tags weighted by rarity: sharing "production" says little, sharing
  // "embeddings" says much.
  const tagFrequency = index.tagFrequency;
  const total = Math.max(index.components.size, 1);
  const idf = (t: string) => Math.log(1 + total / (tagFrequency.get(t) ?? 1));
  const tagOverlap = (a: string[], b: string[]) => {
    const union = new Set([...a, ...b]);
    let shared = 0;
    let all = 0;
    for (const t of union) {
      all += idf(t);
      if (a.includes(t) && b.includes(t)) shared += idf(t);
    }
    return all ? shared / all : 0;
  };
  const results: Ranked[] = [];
  for (const [candidateRef, hit] of candidates) {
    const candidate = index.components.get(candidateRef);
    if (!candidate || candidate.ref === ref) continue;
    if (options.sameType && candidate.type !== source.type) continue;
    const metrics = signals.metricsOf(candidateRef);
    if (
      options.cheaper &&
      !(
        metrics?.avgCostUsd !== undefined &&
        sourceMetrics?.avgCostUsd !== undefined &&
        metrics.avgCostUsd < sourceMetrics.avgCostUsd
      )
    ) {
      continue;
    }
    if (
      options.faster &&
      !(
        metrics?.p50LatencyMs !== undefined &&
        sourceMetrics?.p50LatencyMs !== undefined &&
        metrics.p50LatencyMs < sourceMetrics.p50LatencyMs
      )
    ) {
      continue;
    }
    const reasons: Reason[] = [];
    const similarity = hit?.vectorSimilarity ?? 0;
    let score = similarity;
    if (hit?.vectorSimilarity !== undefined) {
      reasons.push({
        kind: 'similarity',
        text: `description similarity ${round(similarity)}`,
        value: round(similarity),
      });
    }
    if (candidate.type === source.type) {
      score += 0.1;
      reasons.push({ kind: 'same-type', text: `also a ${source.type}` });
    }
    const sharedTags = candidate.tags.filter(t => source.tags.includes(t));
    if (sharedTags.length) {
      score += 0.15 * tagOverlap(source.tags, candidate.tags);
      reasons.push({
        kind: 'shared-tags',
        text: `shares tags ${sharedTags.join(', ')}`,
        value: sharedTags.length,
      });
    }
    // Used in the same place counts for components of the same type only: a
    // tool and a prompt may both follow a model without being alternatives.
    const context =
      candidate.type === source.type
        ? signals.contextOverlap(ref, candidateRef)
        : 0;
    if (context > 0) {
      score += 0.2 * context;
      const shared = substitutes.get(candidateRef) ?? 0;
      reasons.push({
        kind: 'co-usage',
        text: `used in the same place in workflows (${shared} shared neighbour${
          shared === 1 ? '' : 's'
        })`,
        value: shared,
      });
    }
    // Cost, latency and quality re-rank comparable components; scaled by
    // similarity, they cannot lift an unrelated one to the top.
    const compared = compareMetrics(sourceMetrics, metrics);
    score += compared.adjustment * Math.max(similarity, 0);
    reasons.push(...compared.reasons);
    results.push({
      ...fromRecord(candidate, metrics),
      score: round(score, 4),
      reasons,
    });
  }
  return results
    .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref))
    .slice(0, CANDIDATES);
}

/**
 * Components to add after a step: those that followed its component in
 * succeeded runs and in workflow definitions, and those whose input schema
 * fits its output schema; quality breaks ties.
 *
 * @internal
 */
export function nextSteps(
  index: RecommendationIndex,
  document: unknown,
  stepId?: string,
): { stepId?: string; items: Ranked[] } {
  const steps = stepsOf(document);
  let anchor = stepId ? steps.find(s => s.id === stepId) : undefined;
  if (stepId && !anchor) {
    throw new InputError(
      `stepId: there is no step '${stepId}' in document.spec.steps`,
    );
  }
  if (!anchor) {
    // The last step: one that no other step needs (the newest such).
    const needed = new Set(steps.flatMap(s => s.needs));
    anchor = [...steps].reverse().find(s => s.component && !needed.has(s.id));
  }
  if (!anchor?.component) return { stepId: anchor?.id, items: [] };
  const from = anchor.component;
  const source = index.components.get(from);
  const fromLabel = source ? label(source) : from;
  const { signals } = index;

  const alreadyAfter = new Set(
    steps
      .filter(s => s.needs.includes(anchor!.id) && s.component)
      .map(s => s.component!),
  );
  const runs = signals.runFollows.get(from) ?? new Map<string, number>();
  const workflows =
    signals.workflowFollows.get(from) ?? new Map<string, number>();
  const outputs = schemaPropertyNames(source?.outputSchema);

  const candidates = new Set([...runs.keys(), ...workflows.keys()]);
  if (outputs.length) {
    for (const c of index.components.values()) {
      if (schemaPropertyNames(c.inputSchema).some(p => outputs.includes(p))) {
        candidates.add(c.ref);
      }
    }
  }

  const results: Ranked[] = [];
  for (const ref of candidates) {
    if (ref === from || alreadyAfter.has(ref)) continue;
    const candidate = index.components.get(ref);
    if (!candidate) continue;
    const reasons: Reason[] = [];
    let score = 0;
    const runCount = runs.get(ref) ?? 0;
    if (runCount) {
      score += Math.log1p(runCount);
      reasons.push({
        kind: 'co-usage',
        text: `follows ${fromLabel} in ${runCount} successful run${
          runCount === 1 ? '' : 's'
        }`,
        value: runCount,
      });
    }
    const workflowCount = workflows.get(ref) ?? 0;
    if (workflowCount) {
      score += 0.6 * Math.log1p(workflowCount);
      reasons.push({
        kind: 'co-usage',
        text: `follows ${fromLabel} in ${workflowCount} workflow${
          workflowCount === 1 ? '' : 's'
        }`,
        value: workflowCount,
      });
    }
    const inputs = schemaPropertyNames(candidate.inputSchema);
    const fitting = inputs.filter(p => outputs.includes(p));
    if (fitting.length) {
      const fit = fitting.length / inputs.length;
      score += 0.5 * fit;
      reasons.push({
        kind: 'schema-fit',
        text: `its input takes ${fromLabel}'s output (${fitting.join(', ')})`,
        value: round(fit),
      });
    }
    const metrics = signals.metricsOf(ref);
    if (metrics?.evaluationScore !== undefined) {
      score += 0.2 * metrics.evaluationScore;
      reasons.push({
        kind: 'quality',
        text: `evaluation score ${round(metrics.evaluationScore)} over ${
          metrics.evaluations
        } evaluations`,
        value: round(metrics.evaluationScore),
      });
    }
    results.push({
      ...fromRecord(candidate, metrics),
      score: round(score, 4),
      reasons,
    });
  }
  return {
    stepId: anchor.id,
    items: results
      .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref))
      .slice(0, CANDIDATES),
  };
}

/**
 * Hybrid search: BM25 over the indexed text fused with vector similarity
 * (alpha 0.5), with a small boost for measured quality.
 *
 * @internal
 */
export async function search(
  index: RecommendationIndex,
  query: string,
  options: { kind?: 'component' | 'workflow'; types?: string[] },
): Promise<Ranked[]> {
  const filter = {
    kind: options.types?.length ? ('component' as const) : options.kind,
    types: options.types?.length ? options.types : undefined,
  };
  const hits = index.queryVectorsMatch
    ? await index.index.hybrid(
        query,
        (
          await index.embedder.embed([query])
        )[0],
        { limit: CANDIDATES, alpha: 0.5, filter },
      )
    : await index.index.bm25(query, { limit: CANDIDATES, filter });
  const terms = new Set(
    query
      .toLocaleLowerCase('en-US')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(t => t.length > 1),
  );
  return hits
    .map(hit => {
      const d = hit.document;
      const words = new Set(
        d.text.toLocaleLowerCase('en-US').split(/[^\p{L}\p{N}]+/u),
      );
      const matched = [...terms].filter(t => words.has(t));
      const reasons: Reason[] = [];
      if (matched.length) {
        reasons.push({
          kind: 'keyword',
          text: `matches ${matched.map(t => `'${t}'`).join(', ')}`,
          value: matched.length,
        });
      }
      if (hit.vectorSimilarity !== undefined && index.queryVectorsMatch) {
        reasons.push({
          kind: 'similarity',
          text: `semantic similarity ${round(hit.vectorSimilarity)}`,
          value: round(hit.vectorSimilarity),
        });
      }
      let score = hit.score;
      const metrics =
        d.kind === 'component' ? index.signals.metricsOf(d.ref) : undefined;
      if (metrics?.evaluationScore !== undefined) {
        score += 0.05 * metrics.evaluationScore;
        reasons.push({
          kind: 'quality',
          text: `evaluation score ${round(metrics.evaluationScore)} over ${
            metrics.evaluations
          } evaluations`,
          value: round(metrics.evaluationScore),
        });
      }
      const record =
        d.kind === 'component' ? index.components.get(d.ref) : undefined;
      const workflow =
        d.kind === 'workflow' ? index.workflows.get(d.ref) : undefined;
      return {
        kind: d.kind,
        ref: d.ref,
        namespace: d.namespace,
        name: d.name,
        title: record?.title ?? workflow?.title ?? d.title,
        description:
          record?.description ?? workflow?.description ?? d.description,
        type: d.type,
        owner: d.owner,
        tags: d.tags,
        runtimeType: d.runtimeType,
        score: round(score, 4),
        reasons,
        metrics,
      };
    })
    .sort((a, b) => b.score - a.score || a.ref.localeCompare(b.ref));
}
