/**
 * Embedding providers and vector indexes of the recommendations capability.
 *
 * @packageDocumentation
 */
export * from './embeddings/EmbeddingProvider';
export { HashingEmbedder } from './embeddings/HashingEmbedder';
export {
  OpenAiCompatibleEmbedder,
  type OpenAiCompatibleEmbedderOptions,
} from './embeddings/OpenAiCompatibleEmbedder';
export { cosineSimilarity } from './embeddings/text';
export * from './index/VectorIndex';
export { InMemoryVectorIndex } from './index/InMemoryVectorIndex';
export {
  WeaviateVectorIndex,
  WeaviateCollections,
  connectWeaviate,
  type WeaviateConnectionOptions,
} from './index/WeaviateVectorIndex';
export * from './config';
