/**
 * Turns texts into vectors. Every vector of one provider has the same length,
 * and the same text always gives the same vector (for a given provider, model
 * and dimension), so that indexes can be rebuilt and compared.
 *
 * @public
 */
export interface EmbeddingProvider {
  /** `builtin` or `openai` (any OpenAI-compatible endpoint). */
  readonly provider: string;
  readonly model: string;
  /** Vector length; for a remote model known after the first call. */
  dimensions(): Promise<number>;
  embed(texts: string[]): Promise<number[][]>;
}

/**
 * The identity of an embedding space: vectors from two providers with
 * different identities must never be compared, so each gets its own
 * collection.
 *
 * @public
 */
export interface EmbeddingSpace {
  provider: string;
  model: string;
  dimensions: number;
}

/** @public */
export async function embeddingSpaceOf(
  embedder: EmbeddingProvider,
): Promise<EmbeddingSpace> {
  return {
    provider: embedder.provider,
    model: embedder.model,
    dimensions: await embedder.dimensions(),
  };
}
