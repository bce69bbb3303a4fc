import { cosineSimilarity } from '../embeddings/text';
import { Bm25, relativeScoreFusion } from './bm25';
import {
  IndexDocument,
  IndexedKind,
  IndexFilter,
  IndexHit,
  NeighbourRef,
  VectorIndex,
} from './VectorIndex';
import { toNeighbourRefs } from './neighbours';

/**
 * Exact k-nearest-neighbour search (cosine, every document scored) and an
 * in-memory BM25 for hybrid search. It serves the zero-setup start and is
 * the ground truth that Weaviate's approximate (HNSW) index is measured
 * against.
 *
 * @public
 */
export class InMemoryVectorIndex implements VectorIndex {
  readonly backend = 'memory' as const;
  private readonly documents = new Map<string, IndexDocument>();
  private readonly bm25Index = new Bm25();

  constructor(readonly collection = 'memory') {}

  async ensure() {}

  async upsert(documents: IndexDocument[]) {
    for (const document of documents) {
      this.documents.set(document.ref, document);
      this.bm25Index.set(document.ref, document.text);
    }
  }

  async remove(refs: string[]) {
    for (const ref of refs) {
      this.documents.delete(ref);
      this.bm25Index.delete(ref);
    }
  }

  async fingerprints() {
    return new Map(
      [...this.documents.values()].map(d => [d.ref, d.contentHash] as const),
    );
  }

  async get(ref: string) {
    return this.documents.get(ref);
  }

  async count() {
    const counts: Record<IndexedKind, number> = { component: 0, workflow: 0 };
    for (const document of this.documents.values()) counts[document.kind]++;
    return counts;
  }

  async nearVector(
    vector: number[],
    options: { limit: number; filter?: IndexFilter },
  ): Promise<IndexHit[]> {
    return this.nearVectorSync(vector, options);
  }

  /** The exact k-NN, synchronously (benchmarks use it as ground truth). */
  nearVectorSync(
    vector: number[],
    options: { limit: number; filter?: IndexFilter },
  ): IndexHit[] {
    const keep = matcher(options.filter);
    const hits: IndexHit[] = [];
    for (const document of this.documents.values()) {
      if (!keep(document)) continue;
      const similarity = cosineSimilarity(vector, document.vector);
      hits.push({ document, score: similarity, vectorSimilarity: similarity });
    }
    return hits
      .sort(
        (a, b) =>
          b.score - a.score || a.document.ref.localeCompare(b.document.ref),
      )
      .slice(0, options.limit);
  }

  async nearDocument(
    ref: string,
    options: { limit: number; filter?: IndexFilter },
  ): Promise<IndexHit[]> {
    const document = this.documents.get(ref);
    if (!document) return [];
    return this.nearVectorSync(document.vector, {
      limit: options.limit,
      filter: {
        ...options.filter,
        excludeRefs: [...(options.filter?.excludeRefs ?? []), ref],
      },
    });
  }

  async nearRefs(
    ref: string,
    options: { limit: number; filter?: IndexFilter },
  ): Promise<NeighbourRef[]> {
    return toNeighbourRefs(await this.nearDocument(ref, options));
  }

  async bm25(
    query: string,
    options: { limit: number; filter?: IndexFilter },
  ): Promise<IndexHit[]> {
    const keep = matcher(options.filter);
    return [
      ...this.bm25Index
        .search(query, ref => {
          const document = this.documents.get(ref);
          return document !== undefined && keep(document);
        })
        .entries(),
    ]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, options.limit)
      .map(([ref, score]) => ({
        document: this.documents.get(ref)!,
        score,
        keywordScore: score,
      }));
  }

  async hybrid(
    query: string,
    vector: number[],
    options: { limit: number; alpha: number; filter?: IndexFilter },
  ): Promise<IndexHit[]> {
    const keep = matcher(options.filter);
    // Like Weaviate, fuse the top candidates of each search.
    const candidates = Math.max(options.limit, 100);
    const vectorHits = this.nearVectorSync(vector, {
      limit: candidates,
      filter: options.filter,
    });
    const keywordScores = [
      ...this.bm25Index
        .search(query, ref => {
          const document = this.documents.get(ref);
          return document !== undefined && keep(document);
        })
        .entries(),
    ]
      .sort((a, b) => b[1] - a[1])
      .slice(0, candidates);
    const fused = relativeScoreFusion(
      new Map(vectorHits.map(h => [h.document.ref, h.score])),
      new Map(keywordScores),
      options.alpha,
    );
    return [...fused.entries()]
      .map(([ref, part]) => {
        const document = this.documents.get(ref)!;
        return {
          document,
          score: part.score,
          vectorSimilarity: cosineSimilarity(vector, document.vector),
          keywordScore: part.keyword ?? 0,
        };
      })
      .sort(
        (a, b) =>
          b.score - a.score || a.document.ref.localeCompare(b.document.ref),
      )
      .slice(0, options.limit);
  }

  async close() {}
}

function matcher(filter: IndexFilter = {}) {
  const exclude = new Set(filter.excludeRefs ?? []);
  return (document: IndexDocument) =>
    (!filter.kind || document.kind === filter.kind) &&
    (!filter.types ||
      (document.type !== undefined && filter.types.includes(document.type))) &&
    !exclude.has(document.ref);
}
