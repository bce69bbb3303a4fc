import { Config } from '@backstage/config';
import { EmbeddingProvider } from './embeddings/EmbeddingProvider';
import { HashingEmbedder } from './embeddings/HashingEmbedder';
import { OpenAiCompatibleEmbedder } from './embeddings/OpenAiCompatibleEmbedder';
import { WeaviateConnectionOptions } from './index/WeaviateVectorIndex';

/**
 * The embedder `recommendations.embeddings` configures: the built-in offline
 * embedder unless `provider: openai`.
 *
 * @public
 */
export function embeddingProviderFromConfig(config: Config): EmbeddingProvider {
  const embeddings = config.getOptionalConfig('recommendations.embeddings');
  const provider = embeddings?.getOptionalString('provider') ?? 'builtin';
  if (provider === 'builtin') {
    return new HashingEmbedder(
      embeddings?.getOptionalNumber('dimensions') ?? 384,
    );
  }
  if (provider === 'openai') {
    const openai = embeddings!.getConfig('openai');
    return new OpenAiCompatibleEmbedder({
      baseUrl: openai.getString('baseUrl'),
      model: openai.getString('model'),
      apiKey: openai.getOptionalString('apiKey'),
      dimensions: openai.getOptionalNumber('dimensions'),
    });
  }
  throw new Error(
    `recommendations.embeddings.provider must be 'builtin' or 'openai', got '${provider}'`,
  );
}

/**
 * Where Weaviate is, when `recommendations.weaviate` is configured; without
 * it the exact in-memory index serves.
 *
 * @public
 */
export function weaviateFromConfig(
  config: Config,
): (WeaviateConnectionOptions & { collectionPrefix: string }) | undefined {
  const weaviate = config.getOptionalConfig('recommendations.weaviate');
  // A section whose URLs come from unset environment variables is empty.
  if (
    !weaviate?.has('httpUrl') &&
    !weaviate?.has('grpcUrl') &&
    !weaviate?.has('apiKey')
  ) {
    return undefined;
  }
  return {
    httpUrl: weaviate.getString('httpUrl'),
    grpcUrl: weaviate.getString('grpcUrl'),
    apiKey: weaviate.getOptionalString('apiKey'),
    collectionPrefix:
      weaviate.getOptionalString('collectionPrefix') ?? 'AiOpsRecommendations',
  };
}
