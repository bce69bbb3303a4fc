import {
  RuntimeContext,
  RuntimeError,
  runtimeErrorCodeForStatus,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject } from '@backstage/types';

/** The public Anthropic API. */
export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
/** The Messages API version this runtime speaks. */
export const ANTHROPIC_VERSION = '2023-06-01';

const LABEL = 'anthropic-messages';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `error.type: error.message` from `{type:'error', error:{type,message}}`. */
function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text);
    if (isObject(body) && isObject(body.error)) {
      return `${body.error.type}: ${body.error.message}`;
    }
  } catch {
    // Not JSON: a proxy's HTML page, for example; quote its start below.
  }
  return text.trim().slice(0, 300);
}

/**
 * POSTs a request body to `<baseUrl>/v1/messages` and returns the response
 * body. Classifies failures: non-2xx by status (429 `RateLimited`, 5xx and
 * 529 `ProviderUnavailable`, other 4xx `ProviderRejected`), the config's own
 * timeout as `Timeout`, a body that is not a JSON object as
 * `InvalidResponse`. A network failure rejects with fetch's `TypeError`,
 * which the invoker classifies as `ConnectionError`. The API key never
 * appears in a message.
 */
export async function postMessages(options: {
  baseUrl: string;
  apiKey?: string;
  body: JsonObject;
  timeoutMs?: number;
  context: RuntimeContext;
}): Promise<JsonObject> {
  const { apiKey, timeoutMs, context } = options;
  const url = `${options.baseUrl.replace(/\/+$/, '')}/v1/messages`;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
  };
  if (apiKey !== undefined) {
    headers['x-api-key'] = apiKey;
  }
  const timeout = timeoutMs ? AbortSignal.timeout(timeoutMs) : undefined;
  const signal = timeout
    ? AbortSignal.any([context.signal, timeout])
    : context.signal;

  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(options.body),
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (timeout?.aborted && !context.signal.aborted) {
      throw new RuntimeError(
        'Timeout',
        `${LABEL}: no answer within ${timeoutMs} ms`,
      );
    }
    throw error;
  }

  const mask = (message: string) =>
    apiKey ? message.split(apiKey).join('***') : message;
  if (!response.ok) {
    throw new RuntimeError(
      runtimeErrorCodeForStatus(response.status),
      mask(`${LABEL}: answered ${response.status}: ${errorMessage(text)}`),
      { status: response.status },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!isObject(body)) {
    throw new RuntimeError(
      'InvalidResponse',
      mask(`${LABEL}: the answer is not a JSON object: ${text.slice(0, 200)}`),
      { status: response.status },
    );
  }
  return body;
}
