import { HashingEmbedder } from './HashingEmbedder';
import { cosineSimilarity } from './text';

describe('HashingEmbedder', () => {
  const embedder = new HashingEmbedder(256);

  it('is deterministic, of the configured length and unit length', async () => {
    const [a, b] = await embedder.embed([
      'Summarizes support tickets',
      'Summarizes support tickets',
    ]);
    expect(a).toEqual(b);
    expect(a).toHaveLength(256);
    expect(Math.hypot(...a)).toBeCloseTo(1, 10);
    expect(await embedder.dimensions()).toBe(256);
    expect(embedder.provider).toBe('builtin');
    expect(embedder.model).toBe('hashing-v1');
  });

  it('puts texts that share words, stems and synonyms closer than unrelated ones', () => {
    const query = embedder.embedOne('summarise a customer support ticket');
    const related = embedder.embedOne('Summarizes support tickets for agents');
    const unrelated = embedder.embedOne(
      'Generates SQL from analytics questions',
    );
    expect(cosineSimilarity(query, related)).toBeGreaterThan(
      cosineSimilarity(query, unrelated) + 0.2,
    );
    // A misspelling still shares character trigrams (a small pull only).
    const misspelt = cosineSimilarity(
      embedder.embedOne('transcription'),
      embedder.embedOne('transcripton'),
    );
    const other = cosineSimilarity(
      embedder.embedOne('transcription'),
      embedder.embedOne('invoice'),
    );
    expect(misspelt).toBeGreaterThan(other + 0.03);
  });

  it('gives an empty or stop-word-only text a zero vector', () => {
    expect(embedder.embedOne('the of and').every(v => v === 0)).toBe(true);
    expect(embedder.embedOne('').every(v => v === 0)).toBe(true);
  });

  it('refuses dimensions out of range', () => {
    expect(() => new HashingEmbedder(3)).toThrow(/dimensions/);
  });
});
