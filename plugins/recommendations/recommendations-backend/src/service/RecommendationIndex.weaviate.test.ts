import { randomBytes } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import {
  connectWeaviate,
  HashingEmbedder,
  WeaviateCollections,
  WeaviateVectorIndex,
} from '@ai-ops/plugin-recommendations-node';
import { WeaviateClient } from 'weaviate-client';
import {
  labelledComponents,
  labelledWorkflows,
} from '../__fixtures__/labelled';
import { FixtureSources } from '../__testUtils__/FixtureSources';
import { similarComponents, search } from './ranking';
import { RecommendationIndex } from './RecommendationIndex';

// The real Weaviate that scripts/services/weaviate.sh starts.
const httpUrl = process.env.WEAVIATE_TEST_HTTP_URL ?? 'http://127.0.0.1:8079';
const grpcUrl = process.env.WEAVIATE_TEST_GRPC_URL ?? '127.0.0.1:50051';

jest.setTimeout(120_000);

describe('RecommendationIndex on Weaviate', () => {
  let client: WeaviateClient;
  const prefix = `AiOpsSwitch${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    client = await connectWeaviate({ httpUrl, grpcUrl });
  });

  afterAll(async () => {
    const aliases = (await client.alias.listAll()) ?? [];
    for (const a of aliases) {
      if (a.alias === prefix) await client.alias.delete(a.alias);
    }
    for (const c of await client.collections.listAll()) {
      if (c.name.startsWith(prefix)) await client.collections.delete(c.name);
    }
    await client.close();
  });

  /** As the plugin wires it: the alias's collection serves until the new one is built. */
  async function open(embedder: HashingEmbedder) {
    const collections = new WeaviateCollections(client, prefix);
    const target = WeaviateVectorIndex.collectionName(prefix, {
      provider: embedder.provider,
      model: embedder.model,
      dimensions: await embedder.dimensions(),
    });
    const active = await collections.active();
    return new RecommendationIndex({
      sources: new FixtureSources({
        components: labelledComponents,
        workflows: labelledWorkflows,
      }),
      embedder,
      writeIndex: new WeaviateVectorIndex(client, target),
      readIndex:
        active && active !== target
          ? new WeaviateVectorIndex(client, active)
          : undefined,
      onBuilt: () => collections.switchTo(target).then(),
      logger: mockServices.logger.mock(),
    });
  }

  it('builds, serves, and on an embedder change re-embeds into a new collection before switching', async () => {
    const first = await open(new HashingEmbedder(128));
    const built = await first.sync();
    expect(built).toMatchObject({
      collection: `${prefix}_builtin_hashing_v1_128`,
      components: labelledComponents.length,
      workflows: labelledWorkflows.length,
      embedded: labelledComponents.length + labelledWorkflows.length,
    });
    const collections = new WeaviateCollections(client, prefix);
    expect(await collections.active()).toBe(`${prefix}_builtin_hashing_v1_128`);
    expect(await first.sync()).toMatchObject({ embedded: 0, removed: 0 });

    const similar = await similarComponents(
      first,
      'aicomponent:default/whisper-large-v3',
      { sameType: true },
    );
    expect(similar.slice(0, 3).map(r => r.ref)).toEqual(
      expect.arrayContaining(['aicomponent:default/deepgram-nova-transcribe']),
    );
    const found = await search(first, 'text to SQL benchmark', {});
    expect(found[0].reasons[0].text).toMatch(/^matches /);
    expect(found.slice(0, 5).map(r => r.ref)).toEqual(
      expect.arrayContaining(['aicomponent:default/spider-sql-benchmark']),
    );

    // Another embedder: a new collection, filled while the old one serves.
    const second = await open(new HashingEmbedder(256));
    expect(second.index.collection).toBe(`${prefix}_builtin_hashing_v1_128`);
    expect(second.queryVectorsMatch).toBe(false);
    // Before its first sync it knows no records, but the old collection
    // still answers keyword search.
    const during = await search(second, 'transcribe calls', {});
    expect(during.length).toBeGreaterThan(0);
    expect(
      during.every(r => r.reasons.every(x => x.kind !== 'similarity')),
    ).toBe(true);
    const rebuilt = await second.sync();
    expect(rebuilt).toMatchObject({
      collection: `${prefix}_builtin_hashing_v1_256`,
      embedded: labelledComponents.length + labelledWorkflows.length,
    });
    expect(second.index.collection).toBe(`${prefix}_builtin_hashing_v1_256`);
    expect(await collections.active()).toBe(`${prefix}_builtin_hashing_v1_256`);
    expect(
      await client.collections.exists(`${prefix}_builtin_hashing_v1_128`),
    ).toBe(false);
    expect(await second.count()).toEqual({
      component: labelledComponents.length,
      workflow: labelledWorkflows.length,
    });
  });
});
