import {
  ComponentRuntime,
  RuntimeError,
  RuntimeResult,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { isJsonObject } from '../lib/json';
import {
  openAiConnectionProperties,
  postOpenAiCompatible,
  tokenCount,
} from '../lib/openAiCompatible';
import { secretRefField } from '../lib/secretRefs';

const TYPE = 'openai-chat';

/**
 * Config schema of the `openai-chat` runtime.
 *
 * @public
 */
export const openAiChatConfigSchema: JsonObject = {
  type: 'object',
  required: ['model'],
  additionalProperties: false,
  properties: {
    ...openAiConnectionProperties,
    temperature: { type: 'number', minimum: 0, maximum: 2 },
    maxTokens: {
      type: 'integer',
      minimum: 1,
      description: 'Upper bound of generated tokens (max_tokens).',
    },
    responseFormat: {
      enum: ['text', 'json_object'],
      description: 'json_object asks for JSON and parses it into output.json.',
    },
    systemPrompt: {
      type: 'string',
      description: 'A system message put before the input messages.',
    },
  },
};

/** The chat messages of an input `{ messages }` or `{ prompt }`, after the system prompt. */
export function toMessages(
  input: JsonValue,
  systemPrompt: unknown,
  label = TYPE,
): JsonObject[] {
  let messages: JsonObject[];
  if (isJsonObject(input) && Array.isArray(input.messages)) {
    messages = input.messages.map((message, index) => {
      if (!isJsonObject(message) || typeof message.role !== 'string') {
        throw new RuntimeError(
          'InputSchemaMismatch',
          `${label}: input /messages/${index} must be an object with a string role`,
        );
      }
      return message;
    });
  } else if (isJsonObject(input) && typeof input.prompt === 'string') {
    messages = [{ role: 'user', content: input.prompt }];
  } else {
    throw new RuntimeError(
      'InputSchemaMismatch',
      `${label}: the input must be { messages: [{ role, content }] } or { prompt: string }`,
    );
  }
  return typeof systemPrompt === 'string'
    ? [{ role: 'system', content: systemPrompt }, ...messages]
    : messages;
}

function readAnswer(answer: JsonObject): {
  content: string;
  finishReason: string | null;
} {
  const choice = Array.isArray(answer.choices) ? answer.choices[0] : undefined;
  const message = isJsonObject(choice) ? choice.message : undefined;
  const content = isJsonObject(message) ? message.content : undefined;
  if (
    !isJsonObject(choice) ||
    (typeof content !== 'string' && content !== null)
  ) {
    throw new RuntimeError(
      'InvalidResponse',
      `${TYPE}: the response has no choices[0].message.content`,
    );
  }
  return {
    content: content ?? '',
    finishReason:
      typeof choice.finish_reason === 'string' ? choice.finish_reason : null,
  };
}

/**
 * Creates the `openai-chat` runtime: one call of an OpenAI-compatible chat
 * completions endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, LM Studio).
 * Input `{ messages }` or `{ prompt }`; output `{ content, finishReason,
 * json? }`.
 *
 * @public
 */
export function createOpenAiChatRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'OpenAI-compatible chat',
    description:
      'Calls POST <baseUrl>/chat/completions of any OpenAI-compatible API. Input { messages: [{ role, content }] } or { prompt }; output { content, finishReason, json? }.',
    configSchema: openAiChatConfigSchema,
    secretRefs: config => secretRefField(config),
    async invoke({ config, input }, context): Promise<RuntimeResult> {
      const body: JsonObject = {
        model: config.model as string,
        messages: toMessages(input, config.systemPrompt),
      };
      if (typeof config.temperature === 'number') {
        body.temperature = config.temperature;
      }
      if (typeof config.maxTokens === 'number') {
        body.max_tokens = config.maxTokens;
      }
      const wantsJson = config.responseFormat === 'json_object';
      if (wantsJson) {
        body.response_format = { type: 'json_object' };
      }

      const answer = await postOpenAiCompatible({
        label: TYPE,
        config,
        path: '/chat/completions',
        body,
        context,
      });
      const { content, finishReason } = readAnswer(answer);
      const output: JsonObject = { content, finishReason };
      if (wantsJson) {
        try {
          output.json = JSON.parse(content);
        } catch {
          throw new RuntimeError(
            'InvalidResponse',
            `${TYPE}: responseFormat is json_object but the model answered with text that is not JSON`,
          );
        }
      }
      return {
        output,
        usage: isJsonObject(answer.usage)
          ? {
              inputTokens: tokenCount(answer.usage, 'prompt_tokens'),
              outputTokens: tokenCount(answer.usage, 'completion_tokens'),
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
