import {
  RuntimeContext,
  RuntimeError,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject } from '@backstage/types';
import { callJsonEndpoint } from './callJsonEndpoint';
import { isJsonObject } from './json';
import { readTimeoutMs, timeoutConfigProperties } from './timeout';

/** The public OpenAI API. */
export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/**
 * Config schema properties shared by the OpenAI-compatible runtimes: where
 * the endpoint is and how to authenticate.
 */
export const openAiConnectionProperties = {
  baseUrl: {
    type: 'string',
    pattern: '^https?://',
    description: `Base URL of the OpenAI-compatible API (default ${DEFAULT_OPENAI_BASE_URL}); e.g. http://localhost:11434/v1 for Ollama.`,
  },
  model: {
    type: 'string',
    minLength: 1,
    description: 'Model name (the deployment name on Azure OpenAI).',
  },
  secretRef: {
    type: 'string',
    minLength: 1,
    description: 'Name of the secret that holds the API key.',
  },
  apiKeyHeader: {
    type: 'string',
    pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
    description:
      'Send the key in this header as is (e.g. api-key for Azure) instead of Authorization: Bearer.',
  },
  queryParams: {
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Query parameters added to every request (e.g. api-version).',
  },
  ...timeoutConfigProperties,
} as const;

/**
 * POSTs a JSON body to `<baseUrl><path>` with the configured credentials and
 * returns the JSON object the provider answered.
 */
export async function postOpenAiCompatible(options: {
  label: string;
  config: JsonObject;
  path: string;
  body: JsonObject;
  context: RuntimeContext;
}): Promise<JsonObject> {
  const { label, config, path, body, context } = options;
  const baseUrl = (
    (config.baseUrl as string | undefined) ?? DEFAULT_OPENAI_BASE_URL
  ).replace(/\/+$/, '');
  const url = new URL(`${baseUrl}${path}`);
  for (const [name, value] of Object.entries(
    (config.queryParams as Record<string, string> | undefined) ?? {},
  )) {
    url.searchParams.set(name, value);
  }

  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const secrets: string[] = [];
  if (typeof config.secretRef === 'string') {
    const key = await context.getSecret(config.secretRef);
    secrets.push(key);
    if (typeof config.apiKeyHeader === 'string') {
      headers[config.apiKeyHeader.toLowerCase()] = key;
    } else {
      headers.authorization = `Bearer ${key}`;
    }
  }

  const answer = await callJsonEndpoint({
    label,
    method: 'POST',
    url: url.toString(),
    headers,
    body: JSON.stringify(body),
    signal: context.signal,
    timeoutMs: readTimeoutMs(config),
    secrets,
  });
  if (!isJsonObject(answer)) {
    throw new RuntimeError(
      'InvalidResponse',
      `${label}: the provider answered with JSON that is not an object`,
    );
  }
  return answer;
}

/** Reads a token count from an OpenAI `usage` object; 0 when absent. */
export function tokenCount(usage: unknown, field: string): number {
  const value = isJsonObject(usage) ? usage[field] : undefined;
  return typeof value === 'number' && value >= 0 ? value : 0;
}
