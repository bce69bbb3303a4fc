import { EmbeddingProvider } from './EmbeddingProvider';
import { fnv1a, normalize, stem, STOP_WORDS, tokenize } from './text';

/** Words of the AI-components domain that mean the same for search. */
const SYNONYMS: Record<string, string> = {
  llm: 'model',
  chat: 'chat',
  gpt: 'model',
  summarise: 'summarize',
  summary: 'summarize',
  summarization: 'summarize',
  summarisation: 'summarize',
  classify: 'classify',
  classifier: 'classify',
  classification: 'classify',
  categorize: 'classify',
  categorise: 'classify',
  label: 'classify',
  translate: 'translate',
  translation: 'translate',
  translator: 'translate',
  embed: 'embedding',
  embeddings: 'embedding',
  vector: 'embedding',
  retrieve: 'search',
  retrieval: 'search',
  lookup: 'search',
  grade: 'evaluate',
  judge: 'evaluate',
  score: 'evaluate',
  scorer: 'evaluate',
  evaluation: 'evaluate',
  evaluator: 'evaluate',
  eval: 'evaluate',
  extract: 'extract',
  extraction: 'extract',
  parse: 'extract',
  parser: 'extract',
};

const canonical = (word: string) => {
  const stemmed = stem(word);
  return SYNONYMS[word] ?? SYNONYMS[stemmed] ?? stemmed;
};

/**
 * The built-in offline embedder (`builtin` / `hashing-v1`): a deterministic
 * bag-of-features vector with no model and no downloads.
 *
 * Features are word unigrams (stemmed, with a small AI-domain synonym table),
 * word bigrams and character trigrams of each word. Each feature's count is
 * damped (1 + ln tf), weighted by kind (unigram 1, bigram 0.5, trigram 0.25
 * shared across a word's trigrams) and by an IDF-like length prior (short
 * and stop words count less), then hashed into `dimensions` buckets with a
 * hashed sign (so collisions cancel rather than add up), and the vector is
 * L2-normalised, so cosine similarity is a dot product.
 *
 * Quality trade-off: it matches shared words and word forms (the trigrams
 * add a small pull towards misspellings) but knows no meaning beyond its
 * synonym table:
 * "cheap" and "inexpensive" are unrelated to it. An OpenAI-compatible
 * embeddings model captures meaning; configure one for that.
 *
 * @public
 */
export class HashingEmbedder implements EmbeddingProvider {
  readonly provider = 'builtin';
  readonly model = 'hashing-v1';

  constructor(private readonly dims = 384) {
    if (!Number.isInteger(dims) || dims < 16 || dims > 4096) {
      throw new Error(
        `recommendations.embeddings.dimensions must be an integer from 16 to 4096, got ${dims}`,
      );
    }
  }

  async dimensions(): Promise<number> {
    return this.dims;
  }

  async embed(texts: string[]): Promise<number[][]> {
    return texts.map(text => this.embedOne(text));
  }

  /** Synchronous form, for benchmarks and tests that embed many texts. */
  embedOne(text: string): number[] {
    const features = new Map<string, number>();
    const add = (feature: string, weight: number) =>
      features.set(feature, (features.get(feature) ?? 0) + weight);

    const words = tokenize(text)
      .filter(word => !STOP_WORDS.has(word))
      .map(canonical);
    for (let i = 0; i < words.length; i++) {
      const word = words[i];
      // An IDF-like prior without a corpus: very short tokens are usually
      // abbreviations or noise and say less about the component.
      const prior = word.length <= 2 ? 0.4 : 1;
      add(`w:${word}`, prior);
      if (i + 1 < words.length) add(`b:${word} ${words[i + 1]}`, 0.5);
      const padded = `<${word}>`;
      const grams = Math.max(1, padded.length - 2);
      for (let j = 0; j + 3 <= padded.length; j++) {
        add(`c:${padded.slice(j, j + 3)}`, (0.25 * prior) / Math.sqrt(grams));
      }
    }

    const vector = new Array<number>(this.dims).fill(0);
    for (const [feature, weight] of features) {
      const hash = fnv1a(feature);
      const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
      // 1 + ln(tf) on the accumulated weight damps repeated words.
      vector[hash % this.dims] +=
        sign * (weight >= 1 ? 1 + Math.log(weight) : weight);
    }
    return normalize(vector);
  }
}
