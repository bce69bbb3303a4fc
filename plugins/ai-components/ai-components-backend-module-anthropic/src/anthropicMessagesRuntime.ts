import {
  ComponentRuntime,
  RuntimeError,
  RuntimeResult,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { DEFAULT_ANTHROPIC_BASE_URL, postMessages } from './anthropicClient';

const TYPE = 'anthropic-messages';
const DEFAULT_MAX_TOKENS = 1024;

/**
 * Config schema of the `anthropic-messages` runtime.
 *
 * @public
 */
export const anthropicMessagesConfigSchema: JsonObject = {
  type: 'object',
  required: ['model'],
  additionalProperties: false,
  properties: {
    baseUrl: {
      type: 'string',
      pattern: '^https?://',
      description: `Base URL of the API (default ${DEFAULT_ANTHROPIC_BASE_URL}).`,
    },
    model: {
      type: 'string',
      minLength: 1,
      description: 'e.g. claude-sonnet-4-5',
    },
    secretRef: {
      type: 'string',
      minLength: 1,
      description:
        'Name of the secret holding the API key (sent as x-api-key).',
    },
    maxTokens: {
      type: 'integer',
      minimum: 1,
      description: `max_tokens of the request (default ${DEFAULT_MAX_TOKENS}).`,
    },
    temperature: { type: 'number', minimum: 0, maximum: 1 },
    system: { type: 'string', description: 'System prompt.' },
    timeoutMs: { type: 'integer', minimum: 1 },
  },
};

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Maps `{ messages }` or `{ prompt }` to Anthropic's shape: system messages
 * (as `prompt-template` produces them) move to the top-level `system`.
 */
function toRequestMessages(input: JsonValue): {
  system: string[];
  messages: JsonObject[];
} {
  if (isObject(input) && typeof input.prompt === 'string') {
    return { system: [], messages: [{ role: 'user', content: input.prompt }] };
  }
  if (!isObject(input) || !Array.isArray(input.messages)) {
    throw new RuntimeError(
      'InputSchemaMismatch',
      `${TYPE}: the input must be { messages: [{ role, content }] } or { prompt: string }`,
    );
  }
  const system: string[] = [];
  const messages: JsonObject[] = [];
  input.messages.forEach((message, index) => {
    const role = isObject(message) ? message.role : undefined;
    if (!isObject(message) || typeof role !== 'string') {
      throw new RuntimeError(
        'InputSchemaMismatch',
        `${TYPE}: input /messages/${index} must be an object with a role`,
      );
    }
    if (role === 'system' && typeof message.content === 'string') {
      system.push(message.content);
    } else if (role === 'user' || role === 'assistant') {
      messages.push({ role, content: message.content });
    } else {
      throw new RuntimeError(
        'InputSchemaMismatch',
        `${TYPE}: input /messages/${index} has role '${role}'; expected user, assistant or system with text content`,
      );
    }
  });
  return { system, messages };
}

function readAnswer(answer: JsonObject): RuntimeResult {
  if (!Array.isArray(answer.content)) {
    throw new RuntimeError(
      'InvalidResponse',
      `${TYPE}: the answer has no content`,
    );
  }
  const text = answer.content
    .filter(block => isObject(block) && block.type === 'text')
    .map(block => String((block as JsonObject).text))
    .join('');
  const usage = isObject(answer.usage) ? answer.usage : {};
  const count = (value: JsonValue | undefined) =>
    typeof value === 'number' ? value : 0;
  return {
    output: {
      content: text,
      stopReason:
        typeof answer.stop_reason === 'string' ? answer.stop_reason : null,
    },
    usage: {
      inputTokens: count(usage.input_tokens),
      outputTokens: count(usage.output_tokens),
    },
    model: typeof answer.model === 'string' ? answer.model : undefined,
  };
}

/**
 * Creates the `anthropic-messages` runtime: one call of the Anthropic
 * Messages API. Input `{ messages }` or `{ prompt }`; output
 * `{ content, stopReason }`.
 *
 * @public
 */
export function createAnthropicMessagesRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'Anthropic Messages',
    description:
      'Calls POST <baseUrl>/v1/messages of the Anthropic API. Input { messages: [{ role, content }] } or { prompt }; output { content, stopReason }.',
    configSchema: anthropicMessagesConfigSchema,
    secretRefs: config =>
      typeof config.secretRef === 'string'
        ? [{ path: '/secretRef', name: config.secretRef }]
        : [],
    async invoke({ config, input }, context): Promise<RuntimeResult> {
      const { system, messages } = toRequestMessages(input);
      if (typeof config.system === 'string') {
        system.unshift(config.system);
      }
      const body: JsonObject = {
        model: config.model as string,
        max_tokens:
          (config.maxTokens as number | undefined) ?? DEFAULT_MAX_TOKENS,
        messages,
      };
      if (system.length > 0) {
        body.system = system.join('\n\n');
      }
      if (typeof config.temperature === 'number') {
        body.temperature = config.temperature;
      }
      const apiKey =
        typeof config.secretRef === 'string'
          ? await context.getSecret(config.secretRef)
          : undefined;
      const answer = await postMessages({
        baseUrl:
          (config.baseUrl as string | undefined) ?? DEFAULT_ANTHROPIC_BASE_URL,
        apiKey,
        body,
        timeoutMs: config.timeoutMs as number | undefined,
        context,
      });
      const result = readAnswer(answer);
      return { ...result, model: result.model ?? (body.model as string) };
    },
  };
}
