import { randomBytes } from 'node:crypto';
import { WeaviateClient } from 'weaviate-client';
import { HashingEmbedder } from '../embeddings/HashingEmbedder';
import { InMemoryVectorIndex } from './InMemoryVectorIndex';
import { IndexDocument } from './VectorIndex';
import {
  connectWeaviate,
  WeaviateCollections,
  WeaviateVectorIndex,
} from './WeaviateVectorIndex';

// The real Weaviate that scripts/services/weaviate.sh starts (scripts/test.sh
// starts it before the tests and exports these).
const httpUrl = process.env.WEAVIATE_TEST_HTTP_URL ?? 'http://127.0.0.1:8079';
const grpcUrl = process.env.WEAVIATE_TEST_GRPC_URL ?? '127.0.0.1:50051';

const WORDS = (
  'summarize translate classify extract embed search answer review score ' +
  'email ticket invoice contract code log image audio sql json support ' +
  'sales legal finance english german spanish customer product incident'
).split(' ');

function syntheticDocuments(count: number, seed: number): IndexDocument[] {
  const embedder = new HashingEmbedder(128);
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: count }, (_, i) => {
    const words = Array.from(
      { length: 6 },
      () => WORDS[Math.floor(random() * WORDS.length)],
    );
    const text = `component ${i} ${words.join(' ')}`;
    const type = ['model', 'prompt', 'tool'][i % 3];
    return {
      ref: `aicomponent:default/c-${i}`,
      kind: 'component',
      namespace: 'default',
      name: `c-${i}`,
      description: words.join(' '),
      type,
      tags: words.slice(0, 2),
      text,
      contentHash: `h${i}`,
      vector: embedder.embedOne(text),
    };
  });
}

jest.setTimeout(180_000);

describe('WeaviateVectorIndex (real Weaviate)', () => {
  let client: WeaviateClient;
  const prefix = `AiOpsTest${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    try {
      client = await connectWeaviate({ httpUrl, grpcUrl });
    } catch (error) {
      throw new Error(
        `No Weaviate at ${httpUrl} / ${grpcUrl}; start one with 'scripts/services/weaviate.sh start' (${error})`,
      );
    }
  });

  afterAll(async () => {
    if (!client) return;
    for (const alias of (await client.alias.listAll()) ?? []) {
      if (alias.alias.startsWith(prefix))
        await client.alias.delete(alias.alias);
    }
    for (const collection of await client.collections.listAll()) {
      if (collection.name.startsWith(prefix)) {
        await client.collections.delete(collection.name);
      }
    }
    await client.close();
  });

  it('finds what the exact index finds (recall@10 >= 0.95), filters and removes', async () => {
    const name = WeaviateVectorIndex.collectionName(prefix, {
      provider: 'builtin',
      model: 'hashing-v1',
      dimensions: 128,
    });
    expect(name).toBe(`${prefix}_builtin_hashing_v1_128`);
    const weaviate = new WeaviateVectorIndex(client, name);
    const exact = new InMemoryVectorIndex();
    const documents = syntheticDocuments(1000, 7);
    await weaviate.ensure();
    await weaviate.ensure();
    await weaviate.upsert(documents);
    // Writing the same documents again replaces them (idempotent).
    await weaviate.upsert(documents.slice(0, 100));
    await exact.upsert(documents);
    expect(await weaviate.count()).toEqual({ component: 1000, workflow: 0 });

    const embedder = new HashingEmbedder(128);
    let found = 0;
    const queries = syntheticDocuments(50, 99).map(d => d.text);
    for (const query of queries) {
      const vector = embedder.embedOne(query);
      const expected = (await exact.nearVector(vector, { limit: 10 })).map(
        h => h.document.ref,
      );
      const actual = new Set(
        (await weaviate.nearVector(vector, { limit: 10 })).map(
          h => h.document.ref,
        ),
      );
      found += expected.filter(ref => actual.has(ref)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);

    const first = await weaviate.get(documents[0].ref);
    expect(first?.description).toBe(documents[0].description);
    expect(first?.vector).toHaveLength(128);
    const hits = await weaviate.nearVector(documents[0].vector, {
      limit: 5,
      filter: { types: ['model'], excludeRefs: [documents[0].ref] },
    });
    expect(hits).toHaveLength(5);
    expect(hits.every(h => h.document.type === 'model')).toBe(true);
    expect(hits.map(h => h.document.ref)).not.toContain(documents[0].ref);
    expect(hits[0].vectorSimilarity).toBeGreaterThan(0);

    // Neighbours of a stored document: the same refs with or without the
    // rest of each document.
    const near = await weaviate.nearDocument(documents[0].ref, { limit: 5 });
    const refsOnly = await weaviate.nearRefs(documents[0].ref, { limit: 5 });
    expect(near).toHaveLength(5);
    expect(near.map(h => h.document.ref)).not.toContain(documents[0].ref);
    expect(refsOnly.map(h => h.ref)).toEqual(near.map(h => h.document.ref));
    expect(near[0].document.description).toBeTruthy();
    expect(refsOnly[0]).toEqual({
      ref: near[0].document.ref,
      kind: 'component',
      vectorSimilarity: near[0].vectorSimilarity,
    });

    const fingerprints = await weaviate.fingerprints();
    expect(fingerprints.size).toBe(1000);
    expect(fingerprints.get(documents[3].ref)).toBe('h3');

    await weaviate.remove([documents[0].ref, documents[1].ref]);
    expect(await weaviate.get(documents[0].ref)).toBeUndefined();
    expect((await weaviate.count()).component).toBe(998);
  });

  it('hybrid search ranks keyword and vector matches like the in-memory index', async () => {
    const name = WeaviateVectorIndex.collectionName(prefix, {
      provider: 'builtin',
      model: 'hybrid',
      dimensions: 128,
    });
    const weaviate = new WeaviateVectorIndex(client, name);
    const exact = new InMemoryVectorIndex();
    const documents = syntheticDocuments(300, 3);
    await weaviate.ensure();
    await weaviate.upsert(documents);
    await exact.upsert(documents);
    const embedder = new HashingEmbedder(128);
    const query = 'invoice finance extract';
    const vector = embedder.embedOne(query);
    const fromWeaviate = await weaviate.hybrid(query, vector, {
      limit: 10,
      alpha: 0.5,
    });
    const fromMemory = await exact.hybrid(query, vector, {
      limit: 10,
      alpha: 0.5,
    });
    expect(fromWeaviate).toHaveLength(10);
    const memoryTop = new Set(fromMemory.map(h => h.document.ref));
    const overlap = fromWeaviate.filter(h => memoryTop.has(h.document.ref));
    expect(overlap.length).toBeGreaterThanOrEqual(7);
    expect(fromWeaviate[0].keywordScore).toBeGreaterThan(0);
    expect(fromWeaviate[0].document.text).toMatch(/invoice|finance|extract/);
  });

  it('moves the alias to a new collection only when told, and drops the old one', async () => {
    const collections = new WeaviateCollections(client, `${prefix}Alias`);
    expect(await collections.active()).toBeUndefined();
    const a = new WeaviateVectorIndex(client, `${prefix}_a_a_16`);
    const b = new WeaviateVectorIndex(client, `${prefix}_b_b_16`);
    await a.ensure();
    await collections.switchTo(a.collection);
    expect(await collections.active()).toBe(a.collection);
    await b.ensure();
    expect(await collections.active()).toBe(a.collection);
    expect(await collections.switchTo(b.collection)).toEqual({
      previous: a.collection,
    });
    expect(await collections.active()).toBe(b.collection);
    expect(await client.collections.exists(a.collection)).toBe(false);
  });
});
