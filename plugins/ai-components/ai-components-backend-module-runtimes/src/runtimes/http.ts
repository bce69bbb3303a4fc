import {
  ComponentRuntime,
  RuntimeError,
  RuntimeResult,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { callJsonEndpoint } from '../lib/callJsonEndpoint';
import { isJsonObject, toText } from '../lib/json';
import {
  Placeholder,
  renderString,
  resolveInputPath,
  wholePlaceholder,
} from '../lib/template';
import { renderHeaders } from '../lib/headers';
import { readTimeoutMs, timeoutConfigProperties } from '../lib/timeout';
import { headerSecretRefs } from '../lib/secretRefs';

const TYPE = 'http';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Config schema of the `http` runtime.
 *
 * @public
 */
export const httpConfigSchema: JsonObject = {
  type: 'object',
  required: ['url'],
  additionalProperties: false,
  properties: {
    method: { enum: METHODS, description: 'HTTP method, default GET.' },
    url: {
      type: 'string',
      pattern: '^https?://',
      description:
        'URL template; {{ path }} placeholders are replaced by URL-encoded input values.',
    },
    headers: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description:
        'Header templates; {{ path }} inserts an input value, {{ secret:NAME }} a secret.',
    },
    body: {
      type: ['object', 'array', 'string'],
      description:
        'Body template: JSON (a string value that is exactly one placeholder keeps the input value and its type) or text. Default for POST, PUT and PATCH: the input as JSON.',
    },
    responseType: {
      enum: ['json', 'jsonl'],
      description:
        'How to read the answer; default json, or jsonl when the answer says application/x-ndjson.',
    },
    ...timeoutConfigProperties,
  },
};

function noSecretsHere(label: string, placeholder: Placeholder) {
  if (placeholder.kind === 'secret') {
    throw new RuntimeError(
      'InvalidConfig',
      `${TYPE}: {{ secret:${placeholder.name} }} may only be used in headers, not in the ${label}`,
    );
  }
  return placeholder.path;
}

function renderUrl(template: string, input: JsonValue): string {
  const url = renderString(template, placeholder =>
    encodeURIComponent(
      toText(resolveInputPath(TYPE, input, noSecretsHere('url', placeholder))),
    ),
  );
  try {
    return new URL(url).toString();
  } catch {
    throw new RuntimeError(
      'InvalidConfig',
      `${TYPE}: the url template does not give a valid URL`,
    );
  }
}

function renderText(template: string, input: JsonValue, where: string) {
  return renderString(template, placeholder =>
    toText(resolveInputPath(TYPE, input, noSecretsHere(where, placeholder))),
  );
}

/** Renders a JSON body template; a string that is one placeholder keeps the value's type. */
function renderJson(template: JsonValue, input: JsonValue): JsonValue {
  if (typeof template === 'string') {
    const whole = wholePlaceholder(template);
    return whole
      ? resolveInputPath(TYPE, input, noSecretsHere('body', whole))
      : renderText(template, input, 'body');
  }
  if (Array.isArray(template)) {
    return template.map(item => renderJson(item, input));
  }
  if (isJsonObject(template)) {
    return Object.fromEntries(
      Object.entries(template).map(([key, value]) => [
        key,
        renderJson(value as JsonValue, input),
      ]),
    );
  }
  return template;
}

/**
 * Creates the `http` runtime: one templated HTTP request whose JSON answer
 * is the output.
 *
 * @public
 */
export function createHttpRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'HTTP request',
    description:
      'Sends a templated HTTP request ({{ path }} placeholders from the input, {{ secret:NAME }} in headers) and returns the JSON answer.',
    configSchema: httpConfigSchema,
    secretRefs: headerSecretRefs,
    async invoke({ config, input }, context): Promise<RuntimeResult> {
      const method = (config.method as string | undefined) ?? 'GET';
      const url = renderUrl(config.url as string, input);
      const { headers, secrets } = await renderHeaders(
        TYPE,
        (config.headers as Record<string, string> | undefined) ?? {},
        input,
        context,
      );
      headers.accept ??= 'application/json';

      if (method === 'GET' && config.body !== undefined) {
        throw new RuntimeError(
          'InvalidConfig',
          `${TYPE}: a GET request cannot have a body; set method`,
        );
      }
      let body: string | undefined;
      if (typeof config.body === 'string') {
        body = renderText(config.body, input, 'body');
        headers['content-type'] ??= 'text/plain; charset=utf-8';
      } else if (config.body !== undefined) {
        body = JSON.stringify(renderJson(config.body, input));
        headers['content-type'] ??= 'application/json';
      } else if (METHODS_WITH_BODY.has(method)) {
        body = JSON.stringify(input);
        headers['content-type'] ??= 'application/json';
      }

      const output = await callJsonEndpoint({
        label: TYPE,
        method,
        url,
        headers,
        body,
        signal: context.signal,
        timeoutMs: readTimeoutMs(config),
        secrets,
        responseType: config.responseType as 'json' | 'jsonl' | undefined,
      });
      return { output };
    },
  };
}
