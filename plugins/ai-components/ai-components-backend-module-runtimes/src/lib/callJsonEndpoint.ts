import {
  RuntimeError,
  runtimeErrorCodeForStatus,
} from '@ai-ops/plugin-ai-components-node';
import { JsonValue } from '@backstage/types';
import { excerpt, isJsonObject } from './json';

/** One HTTP request whose answer is JSON. */
export interface JsonRequest {
  /** Prefix of error messages, usually the runtime type. */
  label: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The invocation's signal; aborting it aborts the request. */
  signal: AbortSignal;
  /** Timeout of this request, on top of the invocation's own. */
  timeoutMs?: number;
  /** Secret values sent with the request, masked in every error message. */
  secrets: string[];
  /** How to read a 2xx body: one JSON document (default) or JSON lines. */
  responseType?: 'json' | 'jsonl';
}

const JSONL_CONTENT_TYPES =
  /application\/(x-ndjson|jsonl|jsonlines|x-jsonlines)/i;

/** `text` with every secret value replaced by `***`. */
export function mask(text: string, secrets: string[]): string {
  return secrets
    .filter(secret => secret.length > 0)
    .reduce((masked, secret) => masked.split(secret).join('***'), text);
}

/**
 * The provider's own words from an error body: `{error:{type,message}}`
 * (OpenAI, Anthropic), `{error: string}`, `{message}` or `{detail}`; the raw
 * text otherwise.
 */
export function providerErrorMessage(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return excerpt(text);
  }
  if (isJsonObject(body)) {
    const { error } = body;
    if (isJsonObject(error) && typeof error.message === 'string') {
      return typeof error.type === 'string'
        ? `${error.type}: ${error.message}`
        : error.message;
    }
    for (const candidate of [error, body.message, body.detail]) {
      if (typeof candidate === 'string') {
        return candidate;
      }
    }
  }
  return excerpt(text);
}

function parseBody(
  text: string,
  responseType: 'json' | 'jsonl',
): JsonValue | undefined {
  try {
    if (responseType === 'jsonl') {
      return text
        .split('\n')
        .filter(line => line.trim() !== '')
        .map(line => JSON.parse(line));
    }
    return text.trim() === '' ? null : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends the request and returns the parsed 2xx body (an empty body is
 * `null`). Non-2xx answers become a `RuntimeError` classified by status
 * with the provider's message; a body that is not JSON is `InvalidResponse`;
 * the request's own timeout is `Timeout`. Network failures are left to the
 * invoker, which classifies them as `ConnectionError`.
 */
export async function callJsonEndpoint(
  request: JsonRequest,
): Promise<JsonValue> {
  const { label, timeoutMs, secrets } = request;
  const timeout =
    timeoutMs !== undefined ? AbortSignal.timeout(timeoutMs) : undefined;
  const signal = timeout
    ? AbortSignal.any([request.signal, timeout])
    : request.signal;
  const target = new URL(request.url);
  const where = `${request.method} ${target.origin}${target.pathname}`;

  let response: Response;
  let text: string;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (timeout?.aborted && !request.signal.aborted) {
      throw new RuntimeError(
        'Timeout',
        `${label}: ${where} did not answer within ${timeoutMs} ms`,
      );
    }
    throw error;
  }

  if (!response.ok) {
    throw new RuntimeError(
      runtimeErrorCodeForStatus(response.status),
      mask(
        `${label}: ${where} answered ${response.status}: ${
          providerErrorMessage(text) || response.statusText
        }`,
        secrets,
      ),
      { status: response.status },
    );
  }

  const responseType =
    request.responseType ??
    (JSONL_CONTENT_TYPES.test(response.headers.get('content-type') ?? '')
      ? 'jsonl'
      : 'json');
  const body = parseBody(text, responseType);
  if (body === undefined) {
    throw new RuntimeError(
      'InvalidResponse',
      mask(
        `${label}: ${where} answered with a body that is not ${
          responseType === 'jsonl' ? 'JSON lines' : 'JSON'
        }: ${excerpt(text, 200)}`,
        secrets,
      ),
      { status: response.status },
    );
  }
  return body;
}
