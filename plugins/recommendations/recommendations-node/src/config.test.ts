import { ConfigReader } from '@backstage/config';
import { embeddingProviderFromConfig, weaviateFromConfig } from './config';
import { HashingEmbedder } from './embeddings/HashingEmbedder';
import { OpenAiCompatibleEmbedder } from './embeddings/OpenAiCompatibleEmbedder';

describe('config', () => {
  it('defaults to the built-in embedder and no Weaviate', async () => {
    const config = new ConfigReader({});
    const embedder = embeddingProviderFromConfig(config);
    expect(embedder).toBeInstanceOf(HashingEmbedder);
    expect(await embedder.dimensions()).toBe(384);
    expect(weaviateFromConfig(config)).toBeUndefined();
  });

  it('reads an OpenAI-compatible provider and a Weaviate', () => {
    const config = new ConfigReader({
      recommendations: {
        embeddings: {
          provider: 'openai',
          openai: { baseUrl: 'http://127.0.0.1:1/v1', model: 'm', apiKey: 'k' },
        },
        weaviate: {
          httpUrl: 'http://127.0.0.1:8079',
          grpcUrl: '127.0.0.1:50051',
        },
      },
    });
    const embedder = embeddingProviderFromConfig(config);
    expect(embedder).toBeInstanceOf(OpenAiCompatibleEmbedder);
    expect(embedder.model).toBe('m');
    expect(weaviateFromConfig(config)).toEqual({
      httpUrl: 'http://127.0.0.1:8079',
      grpcUrl: '127.0.0.1:50051',
      apiKey: undefined,
      collectionPrefix: 'AiOpsRecommendations',
    });
  });

  it('treats a Weaviate section without URLs as absent, and names a missing one', () => {
    expect(
      weaviateFromConfig(
        new ConfigReader({ recommendations: { weaviate: {} } }),
      ),
    ).toBeUndefined();
    expect(() =>
      weaviateFromConfig(
        new ConfigReader({
          recommendations: { weaviate: { httpUrl: 'http://127.0.0.1:8079' } },
        }),
      ),
    ).toThrow(/grpcUrl/);
  });

  it('names a wrong provider', () => {
    expect(() =>
      embeddingProviderFromConfig(
        new ConfigReader({
          recommendations: { embeddings: { provider: 'x' } },
        }),
      ),
    ).toThrow(/recommendations.embeddings.provider/);
  });
});
