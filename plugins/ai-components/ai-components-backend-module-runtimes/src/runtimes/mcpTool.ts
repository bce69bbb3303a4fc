import {
  ComponentRuntime,
  RuntimeError,
  runtimeErrorCodeForStatus,
  RuntimeResult,
} from '@ai-ops/plugin-ai-components-node';
import { JsonObject, JsonValue } from '@backstage/types';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
} from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { mask } from '../lib/callJsonEndpoint';
import { renderHeaders } from '../lib/headers';
import { excerpt, isJsonObject } from '../lib/json';
import { readTimeoutMs, timeoutConfigProperties } from '../lib/timeout';
import { headerSecretRefs } from '../lib/secretRefs';

const TYPE = 'mcp-tool';

/** Who the console says it is when it connects to an MCP server. */
const CLIENT_INFO = { name: 'ai-ops-console', version: '1.0.0' };

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
        "The MCP server's Streamable HTTP endpoint, e.g. https://mcp.example.com/mcp.",
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

/**
 * Creates the `mcp-tool` runtime: calls one tool of a Model Context Protocol
 * server over Streamable HTTP (the official TypeScript SDK's client:
 * initialize, then `tools/call` with the input as the tool's arguments).
 * Output: the tool's `structuredContent`, else its JSON text, else
 * `{ content }`. A tool result with `isError` fails the step without retry;
 * HTTP 429 and 5xx from the server are retryable.
 *
 * @public
 */
export function createMcpToolRuntime(): ComponentRuntime {
  return {
    type: TYPE,
    title: 'MCP tool',
    description:
      'Calls one tool of an MCP server over Streamable HTTP with the input as its arguments; output: the structured result, else the JSON text, else { content }.',
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
      const client = new Client(CLIENT_INFO);
      const transport = new StreamableHTTPClientTransport(url, {
        requestInit: { headers },
      });
      const fail = (error: unknown): never => {
        if (timeout?.aborted && !context.signal.aborted) {
          throw new RuntimeError(
            'Timeout',
            `${TYPE}: ${where} did not answer within ${timeoutMs} ms`,
          );
        }
        const message = (text: string) =>
          mask(`${TYPE}: ${where}: ${text}`, secrets);
        if (error instanceof StreamableHTTPError && error.code !== undefined) {
          throw new RuntimeError(
            runtimeErrorCodeForStatus(error.code),
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
      try {
        await client.connect(transport, options).catch(fail);
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
        await client.close().catch(() => undefined);
      }
    },
  };
}
