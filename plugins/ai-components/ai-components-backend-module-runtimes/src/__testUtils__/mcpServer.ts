import type { IncomingMessage, ServerResponse } from 'node:http';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';
import { listen, LocalServer } from './listen';

/** What the test MCP server saw. */
export interface McpServerLog {
  /** The tool calls, in order: name and arguments. */
  calls: Array<{ name: string; arguments: unknown }>;
}

/**
 * A Model Context Protocol server built with the official SDK (Streamable
 * HTTP, stateless), for the `mcp-tool` runtime's tests. Every request needs
 * `Authorization: Bearer <token>`; tools:
 * - `search` ({ query, limit? }): structured hits;
 * - `echo` ({ text }): the text back, as plain text;
 * - `json-text` (any): its arguments as JSON text, without structured content;
 * - `broken` (any): a tool result with `isError`;
 * - `slow` ({ ms }): answers after `ms`.
 */
export async function startMcpServer(options: {
  token: string;
}): Promise<LocalServer & McpServerLog> {
  const calls: McpServerLog['calls'] = [];
  const serverFor = () => {
    const server = new McpServer({ name: 'kb-test', version: '1.0.0' });
    server.registerTool(
      'search',
      {
        description: 'Searches the knowledge base',
        inputSchema: { query: z.string(), limit: z.number().optional() },
        outputSchema: {
          hits: z.array(z.object({ title: z.string() })),
        },
      },
      async args => {
        calls.push({ name: 'search', arguments: args });
        const hits = Array.from({ length: args.limit ?? 2 }, (_v, i) => ({
          title: `${args.query} #${i + 1}`,
        }));
        return {
          content: [{ type: 'text', text: JSON.stringify({ hits }) }],
          structuredContent: { hits },
        };
      },
    );
    server.registerTool(
      'echo',
      { inputSchema: { text: z.string() } },
      async args => {
        calls.push({ name: 'echo', arguments: args });
        return { content: [{ type: 'text', text: args.text }] };
      },
    );
    server.registerTool(
      'json-text',
      { inputSchema: { n: z.number() } },
      async args => {
        calls.push({ name: 'json-text', arguments: args });
        return {
          content: [
            { type: 'text', text: JSON.stringify({ double: args.n * 2 }) },
          ],
        };
      },
    );
    server.registerTool('broken', {}, async () => {
      calls.push({ name: 'broken', arguments: {} });
      return {
        isError: true,
        content: [{ type: 'text', text: 'the index is rebuilding' }],
      };
    });
    server.registerTool(
      'slow',
      { inputSchema: { ms: z.number() } },
      async (args, extra) => {
        calls.push({ name: 'slow', arguments: args });
        // Ends early when the request is gone, and never holds the test
        // process open.
        await new Promise<void>(resolve => {
          const timer = setTimeout(resolve, args.ms);
          timer.unref();
          extra.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        return { content: [{ type: 'text', text: 'done' }] };
      },
    );
    return server;
  };

  const local = await listen(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid token' }));
      return;
    }
    await serveStreamableHttp(serverFor(), req, res);
  });
  return Object.assign(local, { calls });
}

/**
 * Answers one Streamable HTTP request with `server`, statelessly: a server
 * and a transport per request, as the SDK advises.
 */
export async function serveStreamableHttp(
  server: McpServer,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const transport = new StreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
  });
  res.on('close', () => {
    transport.close();
    server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res);
}
