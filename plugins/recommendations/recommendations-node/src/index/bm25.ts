import { STOP_WORDS, tokenize } from '../embeddings/text';

/**
 * Okapi BM25 (k1 1.2, b 0.75, the defaults Weaviate uses) over an in-memory
 * set of documents, with the same word tokenization and English stop words.
 */
export class Bm25 {
  private readonly postings = new Map<string, Map<string, number>>();
  private readonly lengths = new Map<string, number>();
  private totalLength = 0;

  constructor(private readonly k1 = 1.2, private readonly b = 0.75) {}

  set(id: string, text: string) {
    this.delete(id);
    const terms = terms_(text);
    this.lengths.set(id, terms.length);
    this.totalLength += terms.length;
    for (const term of terms) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(id, (posting.get(id) ?? 0) + 1);
    }
  }

  delete(id: string) {
    const length = this.lengths.get(id);
    if (length === undefined) return;
    this.totalLength -= length;
    this.lengths.delete(id);
    for (const [term, posting] of this.postings) {
      if (posting.delete(id) && posting.size === 0) this.postings.delete(term);
    }
  }

  /** Scores of every document that has at least one query term. */
  search(query: string, keep: (id: string) => boolean): Map<string, number> {
    const scores = new Map<string, number>();
    const n = this.lengths.size;
    if (n === 0) return scores;
    const avgLength = this.totalLength / n;
    for (const term of new Set(terms_(query))) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = Math.log(1 + (n - posting.size + 0.5) / (posting.size + 0.5));
      for (const [id, tf] of posting) {
        if (!keep(id)) continue;
        const length = this.lengths.get(id)!;
        const part =
          (idf * tf * (this.k1 + 1)) /
          (tf + this.k1 * (1 - this.b + (this.b * length) / avgLength));
        scores.set(id, (scores.get(id) ?? 0) + part);
      }
    }
    return scores;
  }
}

function terms_(text: string) {
  return tokenize(text).filter(term => !STOP_WORDS.has(term));
}

/**
 * Relative score fusion, as Weaviate's hybrid search does it: each result
 * list's scores min-max scaled to 0..1, then weighted by alpha (vector) and
 * 1 - alpha (keyword) and summed.
 */
export function relativeScoreFusion(
  vector: Map<string, number>,
  keyword: Map<string, number>,
  alpha: number,
): Map<string, { score: number; vector?: number; keyword?: number }> {
  const scale = (scores: Map<string, number>) => {
    const values = [...scores.values()];
    const min = Math.min(...values);
    const max = Math.max(...values);
    const scaled = new Map<string, number>();
    for (const [id, value] of scores) {
      scaled.set(id, max === min ? 1 : (value - min) / (max - min));
    }
    return scaled;
  };
  const v = vector.size ? scale(vector) : new Map<string, number>();
  const k = keyword.size ? scale(keyword) : new Map<string, number>();
  const fused = new Map<
    string,
    { score: number; vector?: number; keyword?: number }
  >();
  for (const id of new Set([...v.keys(), ...k.keys()])) {
    const vs = v.get(id);
    const ks = k.get(id);
    fused.set(id, {
      score: alpha * (vs ?? 0) + (1 - alpha) * (ks ?? 0),
      vector: vs,
      keyword: ks,
    });
  }
  return fused;
}
