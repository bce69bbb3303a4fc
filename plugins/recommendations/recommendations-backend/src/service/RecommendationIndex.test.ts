import { mockServices } from '@backstage/backend-test-utils';
import {
  HashingEmbedder,
  InMemoryVectorIndex,
} from '@ai-ops/plugin-recommendations-node';
import { FixtureSources } from '../__testUtils__/FixtureSources';
import { labelledComponents } from '../__fixtures__/labelled';
import { RecommendationIndex } from './RecommendationIndex';

describe('RecommendationIndex sync', () => {
  async function setup() {
    const sources = new FixtureSources({
      components: labelledComponents.slice(0, 20),
    });
    const writeIndex = new InMemoryVectorIndex();
    const fingerprints = jest.spyOn(writeIndex, 'fingerprints');
    const upsert = jest.spyOn(writeIndex, 'upsert');
    const index = new RecommendationIndex({
      sources,
      embedder: new HashingEmbedder(),
      writeIndex,
      logger: mockServices.logger.mock(),
    });
    return { sources, writeIndex, fingerprints, upsert, index };
  }

  it('does no index reads or writes on a quiet sync, and follows edits and deletions', async () => {
    const { sources, writeIndex, fingerprints, upsert, index } = await setup();
    expect(await index.sync()).toMatchObject({ components: 20, embedded: 20 });
    expect(fingerprints).toHaveBeenCalledTimes(1);
    const reads = sources.componentReads;

    // Nothing changed upstream: no listing, no detail reads, no fingerprint
    // paging, and no comparing of documents against the index.
    const list = jest.spyOn(sources, 'listComponents');
    const compare = jest.spyOn(index as any, 'writeDocuments');
    expect(await index.sync()).toMatchObject({ embedded: 0, removed: 0 });
    expect(compare).not.toHaveBeenCalled();
    expect(list).not.toHaveBeenCalled();
    expect(sources.componentsVersionReads).toBe(2);
    expect(sources.componentReads).toBe(reads);
    expect(fingerprints).toHaveBeenCalledTimes(1);
    expect(upsert).toHaveBeenCalledTimes(1);

    // An edit re-embeds that one component; a deletion removes one.
    const [edited, deleted] = [...sources.components.values()];
    sources.components.set(edited.ref, {
      ...edited,
      description: 'Transcribes podcasts into searchable show notes',
      stamp: `${edited.stamp}+1`,
    });
    sources.components.delete(deleted.ref);
    expect(await index.sync()).toMatchObject({
      components: 19,
      embedded: 1,
      removed: 1,
    });
    expect(list).toHaveBeenCalledTimes(1);
    expect(compare).toHaveBeenCalledTimes(1);
    expect(sources.componentReads).toBe(reads + 1);
    const held = await writeIndex.fingerprints();
    expect(held.has(deleted.ref)).toBe(false);
    expect(held.size).toBe(19);
    expect(index.components.get(edited.ref)?.description).toContain('podcasts');
  });

  it('reads the index back after a failed sync', async () => {
    const { sources, fingerprints, index } = await setup();
    await index.sync();
    const list = jest
      .spyOn(sources, 'listWorkflows')
      .mockRejectedValueOnce(new Error('workflows unreachable'));
    const listComponents = jest.spyOn(sources, 'listComponents');
    await expect(index.sync()).rejects.toThrow('unreachable');
    expect(index.lastSyncError).toContain('unreachable');
    list.mockRestore();
    expect(await index.sync()).toMatchObject({ embedded: 0 });
    expect(fingerprints).toHaveBeenCalledTimes(2);
    // The sync after a failure lists every component again.
    expect(listComponents).toHaveBeenCalledTimes(1);
  });
});
