import { IndexHit, NeighbourRef } from './VectorIndex';

/** `nearDocument` hits as `nearRefs` answers them: ref, kind, similarity. */
export function toNeighbourRefs(hits: IndexHit[]): NeighbourRef[] {
  return hits.map(({ document, score }) => ({
    ref: document.ref,
    kind: document.kind,
    vectorSimilarity: score,
  }));
}
