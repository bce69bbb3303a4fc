import {
  ComponentRuntime,
  RuntimeError,
  runtimeErrorCodeForStatus,
  RuntimeResult,
  untilAborted,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  SSEClientTransport,
  SseError,
} from '@modelcontextprotocol/sdk/client/sse.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { mask } from '../lib/callJsonEndpoint';
import { renderHeaders } from '../lib/headers';
import { excerpt, isJsonObject } from '../lib/json';
import { readTimeoutMs, timeoutConfigProperties } from '../lib/timeout';
import { headerSecretRefs } from '../lib/secretRefs';

const TYPE = 'mcp-tool';

/** Who the console says it is when it connects to an MCP server. */
const CLIENT_INFO = { name: 'ai-ops-console', version: '1.0.0' };

/** The transports the runtime speaks; `auto` picks one per invocation. */
const TRANSPORTS = ['auto', 'streamable-http', 'sse'] as const;
type TransportChoice = (typeof TRANSPORTS)[number];

/**
 * The statuses an HTTP+SSE-only server answers a Streamable HTTP initialize
 * POST with, which make `auto` try the SSE transport (MCP spec, backwards
 * compatibility). Auth (401, 403), 429 and 5xx are not among them.
 */
const SSE_FALLBACK_STATUSES: ReadonlySet<number> = new Set([400, 404, 405]);

/**
 * Config schema of the `mcp-tool` runtime.
 *
 * @public
 */
export const mcpToolConfigSchema: JsonObject = {
  type: 'object',
  required: ['url', 'tool'],
  additionalProperties: false,
  properties: {
    url: {
      type: 'string',
      pattern: '^https?://',
      description:
        "The MCP server's endpoint: its Streamable HTTP endpoint (e.g. https://mcp.example.com/mcp), or with the older HTTP+SSE transport its SSE endpoint (e.g. https://mcp.example.com/sse).",
    },
    tool: {
      type: 'string',
      minLength: 1,
      description: 'Name of the tool to call (as the server lists it).',
    },
    headers: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description:
        'Header templates sent with every request, e.g. Authorization: Bearer {{ secret:NAME }}.',
    },
    transport: {
      type: 'string',
      enum: [...TRANSPORTS],
      default: 'auto',
      description:
        "How to talk to the server: 'streamable-http' (the current MCP transport), 'sse' (the older HTTP+SSE transport of the 2024-11-05 spec: GET an event stream at url, POST messages to the endpoint it announces), or 'auto' (default): Streamable HTTP, then once the SSE transport at the same url when the server answers the initialize POST with 400, 404 or 405.",
    },
    ...timeoutConfigProperties,
  },
};

type ToolContent = Array<{
  type: string;
  text?: string;
  [key: string]: unknown;
}>;

/** The text parts of a tool result, joined. */
const textOf = (content: ToolContent) =>
  content
    .filter(part => part.type === 'text' && typeof part.text === 'string')
    .map(part => part.text)
    .join('\n');

/**
 * The output of a tool result: its `structuredContent` when it has one;
 * else its one text part when that is a JSON object; else `{ content }`.
 */
function outputOf(result: Record<string, unknown>): JsonValue {
  if (isJsonObject(result.structuredContent as JsonValue)) {
    return result.structuredContent as JsonObject;
  }
  const content = (
    Array.isArray(result.content) ? result.content : []
  ) as ToolContent;
  if (content.length === 1 && content[0].type === 'text') {
    try {
      const parsed = JSON.parse(content[0].text ?? '');
      if (isJsonObject(parsed)) return parsed;
    } catch {
      // Plain text: returned as content.
    }
  }
  return { content: content as unknown as JsonValue };
}

/** An HTTP error status the server answered a message POST of the SSE transport with. */
class SsePostError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'SsePostError';
  }
}

/**
 * `fetch` for the SSE transport. A message POST the server refuses throws
 * an error with its status: the SDK's own error has the status only in its
 * text. Everything else (the GET of the event stream, redirects) is as is.
 */
const sseFetch: FetchLike = async (url, init) => {
  const response = await fetch(url, init);
  if (init?.method === 'POST' && response.status >= 400) {
    const text = await response.text().catch(() => '');
    throw new SsePostError(
      response.status,
      `Error POSTing to endpoint (HTTP ${response.status}): ${
        excerpt(text) || response.statusText
      }`,
    );
  }
  return response;
};

/**
 * Creates the `mcp-tool` runtime: calls one tool of a Model Context Protocol
 * server with the official TypeScript SDK's client (initialize, then
 * `tools/call` with the input as the tool's arguments), over Streamable HTTP
 * or the older HTTP+SSE transport (config `transport`). With `auto` (the
 * default) it tries Streamable HTTP, and the SSE transport at the same URL
 * when the server answers the initialize POST with 400, 404 or 405, as the
 * MCP spec advises for backwards compatibility; any other failure is
 * reported as it is. Output: the tool's `structuredContent`, else its JSON
 * text, else `{ content }`. A tool result with `isError` fails the step
 * without retry; HTTP 429 and 5xx from the server are retryable.
 *
 * @public
 */
export function createMcpToolRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'MCP tool',
    description:
      'Calls one tool of an MCP server over Streamable HTTP or the older HTTP+SSE transport (auto: Streamable HTTP, falling back to SSE for servers that only speak it) with the input as its arguments; output: the structured result, else the JSON text, else { content }.',
    configSchema: mcpToolConfigSchema,
    secretRefs: headerSecretRefs,
    async invoke({ config, input }, context): Promise<RuntimeResult> {
      if (!isJsonObject(input)) {
        throw new RuntimeError(
          'InputSchemaMismatch',
          `${TYPE}: the input must be an object (the tool's arguments)`,
        );
      }
      const tool = config.tool as string;
      const { headers, secrets } = await renderHeaders(
        TYPE,
        (config.headers as Record<string, string> | undefined) ?? {},
        input,
        context,
      );
      const url = new URL(config.url as string);
      const where = `${url.origin}${url.pathname}`;
      const timeoutMs = readTimeoutMs(config);
      const timeout =
        timeoutMs !== undefined ? AbortSignal.timeout(timeoutMs) : undefined;
      const signal = timeout
        ? AbortSignal.any([context.signal, timeout])
        : context.signal;
      const options = {
        signal,
        ...(timeoutMs !== undefined ? { timeout: timeoutMs } : {}),
      };
      const transport = (config.transport ?? 'auto') as TransportChoice;
      const fail = (error: unknown, note = ''): never => {
        if (timeout?.aborted && !context.signal.aborted) {
          throw new RuntimeError(
            'Timeout',
            `${TYPE}: ${where} did not answer within ${timeoutMs} ms`,
          );
        }
        const message = (text: string) =>
          mask(`${TYPE}: ${where}: ${text}${note}`, secrets);
        if (error instanceof StreamableHTTPError && error.code !== undefined) {
          throw new RuntimeError(
            runtimeErrorCodeForStatus(error.code),
            message(error.message),
            { status: error.code },
          );
        }
        if (error instanceof SsePostError) {
          throw new RuntimeError(
            runtimeErrorCodeForStatus(error.status),
            message(error.message),
            { status: error.status },
          );
        }
        if (error instanceof SseError) {
          // The event stream's GET: `code` is the HTTP status when the
          // server answered.
          if (error.code === undefined) {
            throw new RuntimeError(
              'ConnectionError',
              message(`could not open the SSE stream: ${error.message}`),
              { cause: error },
            );
          }
          throw new RuntimeError(
            error.code >= 300
              ? runtimeErrorCodeForStatus(error.code)
              : 'InvalidResponse',
            message(error.message),
            { status: error.code },
          );
        }
        if (error instanceof McpError) {
          const code =
            error.code === ErrorCode.RequestTimeout
              ? 'Timeout'
              : 'ProviderRejected';
          throw new RuntimeError(code, message(error.message));
        }
        // Not reached, refused, reset: the invoker classifies these.
        throw error;
      };
      const clients: Client[] = [];
      const connect = async (kind: 'streamable-http' | 'sse') => {
        const client = new Client(CLIENT_INFO);
        clients.push(client);
        if (kind === 'sse') {
          // The transport sends requestInit's headers on the GET of the
          // event stream and on every POST.
          const sse = new SSEClientTransport(url, {
            requestInit: { headers },
            fetch: sseFetch,
          });
          await untilAborted(client.connect(sse, options), signal);
        } else {
          const streamable = new StreamableHTTPClientTransport(url, {
            requestInit: { headers },
          });
          await client.connect(streamable, options);
        }
        return client;
      };
      try {
        let client: Client;
        try {
          client = await connect(
            transport === 'sse' ? 'sse' : 'streamable-http',
          );
        } catch (error) {
          // Only an initialize POST refused with 400, 404 or 405 means a
          // server that may speak only the older HTTP+SSE transport.
          const status =
            error instanceof StreamableHTTPError ? error.code : undefined;
          const refusedInitialize =
            transport === 'auto' &&
            status !== undefined &&
            SSE_FALLBACK_STATUSES.has(status) &&
            clients[0].getServerCapabilities() === undefined;
          if (!refusedInitialize) {
            return fail(error);
          }
          client = await connect('sse').catch(sseError =>
            fail(
              sseError,
              ` (over SSE, after the Streamable HTTP initialize got HTTP ${status})`,
            ),
          );
        }
        const result = await client
          .callTool({ name: tool, arguments: input }, undefined, options)
          .catch(fail);
        const content = (
          Array.isArray(result.content) ? result.content : []
        ) as ToolContent;
        if (result.isError) {
          throw new RuntimeError(
            'ProviderRejected',
            mask(
              `${TYPE}: tool '${tool}' at ${where} failed: ${
                excerpt(textOf(content), 500) || 'no message'
              }`,
              secrets,
            ),
          );
        }
        return { output: outputOf(result) };
      } finally {
        await Promise.all(
          clients.map(client => client.close().catch(() => undefined)),
        );
      }
    },
  };
}
