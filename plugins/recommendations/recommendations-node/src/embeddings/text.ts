/**
 * English words too common to say anything about a component. They carry
 * no weight in the built-in embedder and are skipped by the keyword index.
 */
export const STOP_WORDS = new Set(
  (
    'a an and are as at be by can for from has have in into is it its of on or ' +
    'that the their them then there these this to was were will with without ' +
    'which who what when where while you your our we us i me my not no any all ' +
    'each per via using use used uses one two also than more most less only ' +
    'over under up out off so such very just about after before both same other'
  ).split(' '),
);

/**
 * Lower-cases and splits on anything that is not a letter or digit, the way
 * Weaviate's `word` tokenization does, so that the in-memory keyword index
 * and Weaviate's BM25 see the same terms.
 */
export function tokenize(text: string): string[] {
  return text
    .toLocaleLowerCase('en-US')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(token => token.length > 0);
}

/**
 * A light English stemmer (plural and common verb endings), enough for
 * "summarizes", "summarized" and "summarizing" to meet; not Porter.
 */
export function stem(word: string): string {
  if (word.length <= 4 || /\d/.test(word)) return word;
  const rules: Array<[RegExp, string]> = [
    [/ies$/, 'y'],
    [/(ss)es$/, '$1'],
    [/(x|ch|sh)es$/, '$1'],
    [/([^s])s$/, '$1'],
    [/ication$/, 'ic'],
    [/ation$/, 'ate'],
    [/izer$/, 'ize'],
    [/iser$/, 'ize'],
    [/ise$/, 'ize'],
    [/ised$/, 'ize'],
    [/ising$/, 'ize'],
    [/(.{3,})ing$/, '$1'],
    [/(.{3,})ed$/, '$1'],
    [/(.{3,})er$/, '$1'],
    [/(.{3,})ly$/, '$1'],
  ];
  for (const [pattern, replacement] of rules) {
    if (pattern.test(word)) return word.replace(pattern, replacement);
  }
  return word;
}

/** 32-bit FNV-1a: fast, deterministic and spread well enough for hashing features. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Scales a vector to length 1 in place (a zero vector stays zero). */
export function normalize(vector: number[]): number[] {
  let sum = 0;
  for (const value of vector) sum += value * value;
  const norm = Math.sqrt(sum);
  if (norm > 0) {
    for (let i = 0; i < vector.length; i++) vector[i] /= norm;
  }
  return vector;
}

/**
 * Cosine similarity of two vectors of the same length.
 *
 * @public
 */
export function cosineSimilarity(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  if (normA === 0 || normB === 0) return 0;
  return dot / Math.sqrt(normA * normB);
}
