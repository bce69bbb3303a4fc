import { HashingEmbedder } from '../embeddings/HashingEmbedder';
import { InMemoryVectorIndex } from './InMemoryVectorIndex';
import { IndexDocument } from './VectorIndex';

const embedder = new HashingEmbedder(128);

const doc = (
  name: string,
  text: string,
  extra: Partial<IndexDocument> = {},
): IndexDocument => ({
  ref: `aicomponent:default/${name}`,
  kind: 'component',
  namespace: 'default',
  name,
  tags: [],
  type: 'tool',
  text,
  contentHash: text,
  vector: embedder.embedOne(text),
  ...extra,
});

describe('InMemoryVectorIndex', () => {
  const documents = [
    doc('sql', 'writes SQL queries from questions', { type: 'prompt' }),
    doc('sql-2', 'SQL query generator for analytics', { type: 'prompt' }),
    doc('search', 'searches the web for pages'),
    doc('invoice', 'extracts totals from invoices'),
    doc('flow', 'a workflow that answers analytics questions with SQL', {
      kind: 'workflow',
      type: undefined,
    }),
  ];

  it('finds exact nearest neighbours with filters', async () => {
    const index = new InMemoryVectorIndex();
    await index.upsert(documents);
    const hits = await index.nearVector(embedder.embedOne('SQL queries'), {
      limit: 2,
      filter: { kind: 'component' },
    });
    expect(hits.map(h => h.document.name).sort()).toEqual(['sql', 'sql-2']);
    expect(hits[0].vectorSimilarity).toBeGreaterThan(hits[1].vectorSimilarity!);
    const near = await index.nearDocument(documents[0].ref, {
      limit: 1,
      filter: { types: ['prompt'] },
    });
    expect(near.map(h => h.document.name)).toEqual(['sql-2']);
    expect(
      await index.nearRefs(documents[0].ref, {
        limit: 1,
        filter: { types: ['prompt'] },
      }),
    ).toEqual([
      {
        ref: near[0].document.ref,
        kind: near[0].document.kind,
        vectorSimilarity: near[0].vectorSimilarity,
      },
    ]);
    expect(await index.count()).toEqual({ component: 4, workflow: 1 });
  });

  it('scores keywords with BM25 and fuses them with vectors', async () => {
    const index = new InMemoryVectorIndex();
    await index.upsert(documents);
    const keyword = await index.bm25('invoices', { limit: 3 });
    expect(keyword.map(h => h.document.name)).toEqual(['invoice']);
    const hybrid = await index.hybrid(
      'analytics SQL',
      embedder.embedOne('analytics SQL'),
      { limit: 3, alpha: 0.5 },
    );
    expect(hybrid[0].document.name).toMatch(/sql|flow/);
    expect(hybrid[0].keywordScore).toBeGreaterThan(0);
    expect(hybrid[0].score).toBeLessThanOrEqual(1);
    const vectorOnly = await index.hybrid(
      'zzz',
      embedder.embedOne('web pages'),
      {
        limit: 1,
        alpha: 1,
      },
    );
    expect(vectorOnly[0].document.name).toBe('search');
  });

  it('replaces on upsert, removes, and reports fingerprints', async () => {
    const index = new InMemoryVectorIndex();
    await index.upsert(documents);
    await index.upsert([doc('invoice', 'counts words', { contentHash: 'v2' })]);
    expect((await index.fingerprints()).get(documents[3].ref)).toBe('v2');
    expect(await index.bm25('invoices', { limit: 3 })).toEqual([]);
    await index.remove([documents[3].ref]);
    expect(await index.get(documents[3].ref)).toBeUndefined();
    expect((await index.fingerprints()).size).toBe(4);
  });
});
