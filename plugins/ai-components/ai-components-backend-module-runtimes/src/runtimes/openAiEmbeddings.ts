import {
  ComponentRuntime,
  RuntimeError,
  RuntimeResult,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject } from '@backstage/types';
import { isJsonObject } from '../lib/json';
import {
  openAiConnectionProperties,
  postOpenAiCompatible,
  tokenCount,
} from '../lib/openAiCompatible';
import { secretRefField } from '../lib/secretRefs';

const TYPE = 'openai-embeddings';

/**
 * Config schema of the `openai-embeddings` runtime.
 *
 * @public
 */
export const openAiEmbeddingsConfigSchema: JsonObject = {
  type: 'object',
  required: ['model'],
  additionalProperties: false,
  properties: {
    ...openAiConnectionProperties,
    dimensions: {
      type: 'integer',
      minimum: 1,
      description: 'Length of the vectors, for models that support shortening.',
    },
  },
};

function readEmbeddings(answer: JsonObject, expected: number): number[][] {
  const data = Array.isArray(answer.data) ? answer.data : [];
  const vectors: number[][] = [];
  for (const item of data) {
    const embedding = isJsonObject(item) ? item.embedding : undefined;
    const index = isJsonObject(item) ? item.index : undefined;
    if (
      typeof index !== 'number' ||
      !Array.isArray(embedding) ||
      !embedding.every(n => typeof n === 'number')
    ) {
      throw new RuntimeError(
        'InvalidResponse',
        `${TYPE}: every data item must have an index and a numeric embedding`,
      );
    }
    vectors[index] = embedding as number[];
  }
  const complete =
    data.length === expected &&
    Array.from({ length: expected }, (_, i) => vectors[i]).every(Boolean);
  if (!complete) {
    throw new RuntimeError(
      'InvalidResponse',
      `${TYPE}: expected ${expected} embeddings, got ${data.length}`,
    );
  }
  return vectors;
}

/**
 * Creates the `openai-embeddings` runtime: POST `<baseUrl>/embeddings` of an
 * OpenAI-compatible API. Input `{ input: string | string[] }`; output
 * `{ embeddings: number[][] }` in input order.
 *
 * @public
 */
export function createOpenAiEmbeddingsRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'OpenAI-compatible embeddings',
    description:
      'Calls POST <baseUrl>/embeddings of any OpenAI-compatible API. Input { input: string | string[] }; output { embeddings: number[][] }.',
    configSchema: openAiEmbeddingsConfigSchema,
    secretRefs: config => secretRefField(config),
    async invoke({ config, input }, context): Promise<RuntimeResult> {
      const texts = isJsonObject(input) ? input.input : undefined;
      const isTextList =
        Array.isArray(texts) && texts.every(t => typeof t === 'string');
      if (typeof texts !== 'string' && !isTextList) {
        throw new RuntimeError(
          'InputSchemaMismatch',
          `${TYPE}: the input must be { input: string | string[] }`,
        );
      }
      const body: JsonObject = {
        model: config.model as string,
        input: texts,
        encoding_format: 'float',
      };
      if (typeof config.dimensions === 'number') {
        body.dimensions = config.dimensions;
      }
      const answer = await postOpenAiCompatible({
        label: TYPE,
        config,
        path: '/embeddings',
        body,
        context,
      });
      const expected =
        typeof texts === 'string' ? 1 : (texts as string[]).length;
      return {
        output: { embeddings: readEmbeddings(answer, expected) },
        usage: isJsonObject(answer.usage)
          ? {
              inputTokens: tokenCount(answer.usage, 'prompt_tokens'),
              outputTokens: 0,
            }
          : undefined,
        model:
          typeof answer.model === 'string'
            ? answer.model
            : (body.model as string),
      };
    },
  };
}
