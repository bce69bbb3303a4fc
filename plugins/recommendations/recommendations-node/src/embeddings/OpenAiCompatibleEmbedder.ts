import { ResponseError } from '@backstage/errors';
import { EmbeddingProvider } from './EmbeddingProvider';

/** @public */
export interface OpenAiCompatibleEmbedderOptions {
  /** e.g. `https://api.openai.com/v1` or `http://localhost:11434/v1` (Ollama). */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer <apiKey>` when set. */
  apiKey?: string;
  /** Asked of models that support shortening (`dimensions` in the request). */
  dimensions?: number;
  /** Texts per request; default 64. */
  batchSize?: number;
  fetch?: typeof fetch;
}

/**
 * Embeddings from any OpenAI-compatible `POST {baseUrl}/embeddings` endpoint
 * (OpenAI, Azure OpenAI behind a compatible gateway, vLLM, Ollama, LM Studio).
 *
 * @public
 */
export class OpenAiCompatibleEmbedder implements EmbeddingProvider {
  readonly provider = 'openai';
  readonly model: string;
  private knownDimensions?: number;

  constructor(private readonly options: OpenAiCompatibleEmbedderOptions) {
    this.model = options.model;
    this.knownDimensions = options.dimensions;
  }

  async dimensions(): Promise<number> {
    if (this.knownDimensions === undefined) {
      await this.embed(['dimension probe']);
    }
    return this.knownDimensions!;
  }

  async embed(texts: string[]): Promise<number[][]> {
    const batchSize = this.options.batchSize ?? 64;
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += batchSize) {
      vectors.push(...(await this.request(texts.slice(i, i + batchSize))));
    }
    return vectors;
  }

  private async request(input: string[]): Promise<number[][]> {
    const { baseUrl, apiKey, dimensions } = this.options;
    const response = await (this.options.fetch ?? fetch)(
      `${baseUrl.replace(/\/+$/, '')}/embeddings`,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(apiKey ? { Authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: this.model,
          input,
          encoding_format: 'float',
          ...(dimensions ? { dimensions } : {}),
        }),
      },
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as {
      data?: Array<{ index?: number; embedding?: number[] }>;
    };
    const data = body.data ?? [];
    if (data.length !== input.length) {
      throw new Error(
        `The embeddings endpoint returned ${data.length} vectors for ${input.length} texts`,
      );
    }
    const vectors = [...data]
      .sort((a, b) => (a.index ?? 0) - (b.index ?? 0))
      .map(item => item.embedding ?? []);
    for (const vector of vectors) {
      if (this.knownDimensions === undefined) {
        this.knownDimensions = vector.length;
      }
      if (vector.length === 0 || vector.length !== this.knownDimensions) {
        throw new Error(
          `The embeddings endpoint returned a vector of length ${vector.length}, expected ${this.knownDimensions}`,
        );
      }
    }
    return vectors;
  }
}
