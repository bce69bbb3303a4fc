import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { z } from 'zod';
import {
  serveStreamableHttp,
  startMcpServer,
} from '../__testUtils__/mcpServer';
import { closedPort, listen, LocalServer } from '../__testUtils__/listen';
import {
  component,
  createTestInvoker,
  rejection,
} from '../__testUtils__/invoker';

const TOKEN = 'mcp-token-0123456789';

/** A request a test server saw. */
interface SeenRequest {
  method: string;
  path: string;
  authorization?: string;
}

/** `METHOD /path` of each request. */
const routes = (requests: SeenRequest[]) =>
  requests.map(r => `${r.method} ${r.path}`);

/** An MCP server with one tool, `search` ({ query }): a structured hit. */
function searchServer(calls: unknown[]) {
  const server = new McpServer({ name: 'kb-sse-test', version: '1.0.0' });
  server.registerTool(
    'search',
    {
      inputSchema: { query: z.string() },
      outputSchema: { hits: z.array(z.object({ title: z.string() })) },
    },
    async args => {
      calls.push(args);
      const hits = [{ title: `${args.query} #1` }];
      return {
        content: [{ type: 'text', text: JSON.stringify({ hits }) }],
        structuredContent: { hits },
      };
    },
  );
  return server;
}

/**
 * An MCP server built with the SDK that speaks the older HTTP+SSE transport
 * (2024-11-05): GET /sse opens the event stream, which announces
 * /messages?sessionId=…, where the client POSTs its messages. Every request
 * needs `Authorization: Bearer <token>`. Like an old server, it answers a
 * POST to /sse with `postStatus` (default 405).
 * - `messagesStatus`: answer every POST to /messages with this status.
 * - `streamable`: also speak Streamable HTTP at /sse, as a server that keeps
 *   the old transport at its new endpoint: POSTs, and GETs that carry
 *   `mcp-protocol-version` (the Streamable HTTP client's stream after
 *   initialize; the old transport's GET comes before initialize).
 */
async function startSseMcpServer(options: {
  token: string;
  postStatus?: number;
  messagesStatus?: number;
  streamable?: boolean;
}) {
  const requests: SeenRequest[] = [];
  const calls: unknown[] = [];
  const sessions = new Map<string, SSEServerTransport>();
  let sseStreams = 0;
  const local = await listen(async (req, res) => {
    const { pathname, searchParams } = new URL(req.url ?? '/', 'http://x');
    requests.push({
      method: req.method ?? '',
      path: pathname,
      authorization: req.headers.authorization,
    });
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid token' }));
      return;
    }
    if (
      pathname === '/sse' &&
      options.streamable &&
      (req.method !== 'GET' || req.headers['mcp-protocol-version'])
    ) {
      await serveStreamableHttp(searchServer(calls), req, res);
      return;
    }
    if (pathname === '/sse' && req.method === 'GET') {
      sseStreams += 1;
      const server = searchServer(calls);
      const transport = new SSEServerTransport('/messages', res);
      sessions.set(transport.sessionId, transport);
      res.on('close', () => {
        sessions.delete(transport.sessionId);
        server.close();
      });
      await server.connect(transport);
      return;
    }
    if (pathname === '/messages' && req.method === 'POST') {
      const session = sessions.get(searchParams.get('sessionId') ?? '');
      if (options.messagesStatus || !session) {
        res.writeHead(options.messagesStatus ?? 404, {
          'content-type': 'text/plain',
        });
        res.end('no such session');
        return;
      }
      await session.handlePostMessage(req, res);
      return;
    }
    res.writeHead(pathname === '/sse' ? options.postStatus ?? 405 : 404, {
      'content-type': 'text/plain',
      ...(pathname === '/sse' ? { allow: 'GET' } : {}),
    });
    res.end('not found');
  });
  return Object.assign(local, {
    requests,
    calls,
    /** How many event streams of the old transport were opened. */
    sseStreams: () => sseStreams,
  });
}

describe('mcp-tool', () => {
  let server: Awaited<ReturnType<typeof startMcpServer>>;
  const invoker = createTestInvoker({ 'kb-mcp-token': TOKEN });

  beforeAll(async () => {
    server = await startMcpServer({ token: TOKEN });
  });
  afterAll(() => server.close());
  beforeEach(() => server.calls.splice(0));

  const mcp = (tool: string, extra: object = {}) =>
    component('mcp-tool', {
      url: `${server.url}/mcp`,
      tool,
      headers: { Authorization: 'Bearer {{ secret:kb-mcp-token }}' },
      ...extra,
    });

  it('calls the tool with the input as its arguments and returns its structured result', async () => {
    const result = await invoker.invoke(
      {
        ...mcp('search'),
        inputSchema: { type: 'object', required: ['query'] },
        outputSchema: { type: 'object', required: ['hits'] },
      },
      { query: 'reset password', limit: 3 },
    );
    expect(result.output).toEqual({
      hits: [
        { title: 'reset password #1' },
        { title: 'reset password #2' },
        { title: 'reset password #3' },
      ],
    });
    expect(server.calls).toEqual([
      { name: 'search', arguments: { query: 'reset password', limit: 3 } },
    ]);
  });

  it('reads JSON text as the output, and keeps plain text as content', async () => {
    expect((await invoker.invoke(mcp('json-text'), { n: 21 })).output).toEqual({
      double: 42,
    });
    expect((await invoker.invoke(mcp('echo'), { text: 'hi' })).output).toEqual({
      content: [{ type: 'text', text: 'hi' }],
    });
  });

  it('fails without retry when the tool reports an error or the server refuses the arguments', async () => {
    const broken = await rejection(invoker.invoke(mcp('broken'), {}));
    expect(broken).toMatchObject({
      code: 'ProviderRejected',
      retryable: false,
    });
    expect(broken.message).toContain(
      "mcp-tool: tool 'broken' at http://127.0.0.1",
    );
    expect(broken.message).toContain('the index is rebuilding');

    const missing = await rejection(invoker.invoke(mcp('search'), {}));
    expect(missing).toMatchObject({ retryable: false });
    expect(missing.message).toMatch(/query/);
    expect(server.calls).toEqual([{ name: 'broken', arguments: {} }]);
  });

  it('classifies a refused token and a server error by their HTTP status, without the secret', async () => {
    const wrong = createTestInvoker({ 'kb-mcp-token': 'not-the-token' });
    const refused = await rejection(
      wrong.invoke(mcp('search'), { query: 'x' }),
    );
    expect(refused).toMatchObject({
      code: 'ProviderRejected',
      status: 401,
      retryable: false,
    });
    expect(refused.message).not.toContain('not-the-token');

    let failing: LocalServer | undefined;
    try {
      failing = await listen((_req, res) => {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('overloaded');
      });
      const unavailable = await rejection(
        invoker.invoke(
          component('mcp-tool', { url: `${failing.url}/mcp`, tool: 'search' }),
          { query: 'x' },
        ),
      );
      expect(unavailable).toMatchObject({
        code: 'ProviderUnavailable',
        status: 503,
        retryable: true,
      });
    } finally {
      await failing?.close();
    }
  });

  it('times out a slow tool, and reports a server that cannot be reached', async () => {
    const slow = await rejection(
      invoker.invoke(mcp('slow', { timeout: '200ms' }), { ms: 2000 }),
    );
    expect(slow).toMatchObject({ code: 'Timeout', retryable: true });

    const port = await closedPort();
    const unreachable = await rejection(
      invoker.invoke(
        component('mcp-tool', {
          url: `http://127.0.0.1:${port}/mcp`,
          tool: 'x',
        }),
        {},
      ),
    );
    expect(unreachable).toMatchObject({
      code: 'ConnectionError',
      retryable: true,
    });
  });

  it('refuses a config without the tool name, naming the field', async () => {
    const error = await rejection(
      invoker.invoke(component('mcp-tool', { url: `${server.url}/mcp` }), {}),
    );
    expect(error).toMatchObject({ code: 'InvalidConfig' });
    expect(error.message).toMatch(/tool/);
  });

  describe('transports', () => {
    const started: LocalServer[] = [];
    const start = async <T extends LocalServer>(local: Promise<T>) => {
      const running = await local;
      started.push(running);
      return running;
    };
    afterEach(async () => {
      await Promise.all(started.splice(0).map(s => s.close()));
    });

    const at = (url: string, extra: object = {}) =>
      component('mcp-tool', {
        url,
        tool: 'search',
        headers: { Authorization: 'Bearer {{ secret:kb-mcp-token }}' },
        ...extra,
      });

    it("calls a tool over the older SSE transport, sending the headers on the stream's GET and on every POST", async () => {
      const sse = await start(startSseMcpServer({ token: TOKEN }));
      const result = await invoker.invoke(
        at(`${sse.url}/sse`, { transport: 'sse' }),
        { query: 'vpn' },
      );
      expect(result.output).toEqual({ hits: [{ title: 'vpn #1' }] });
      expect(sse.calls).toEqual([{ query: 'vpn' }]);
      expect(sse.sseStreams()).toBe(1);

      const [get, ...posts] = sse.requests;
      expect(get).toEqual({
        method: 'GET',
        path: '/sse',
        authorization: `Bearer ${TOKEN}`,
      });
      expect(posts.length).toBeGreaterThanOrEqual(3);
      for (const post of posts) {
        expect(post).toEqual({
          method: 'POST',
          path: '/messages',
          authorization: `Bearer ${TOKEN}`,
        });
      }
    });

    it.each([405, 404])(
      'auto falls back to SSE when the server answers the initialize POST with %i',
      async postStatus => {
        const sse = await start(
          startSseMcpServer({ token: TOKEN, postStatus }),
        );
        const result = await invoker.invoke(at(`${sse.url}/sse`), {
          query: 'dns',
        });
        expect(result.output).toEqual({ hits: [{ title: 'dns #1' }] });
        expect(sse.calls).toEqual([{ query: 'dns' }]);
        const seen = routes(sse.requests);
        expect(seen.slice(0, 2)).toEqual(['POST /sse', 'GET /sse']);
        expect(new Set(seen.slice(2))).toEqual(new Set(['POST /messages']));
        expect(
          sse.requests.every(r => r.authorization === `Bearer ${TOKEN}`),
        ).toBe(true);
      },
    );

    it('does not fall back with streamable-http', async () => {
      const sse = await start(startSseMcpServer({ token: TOKEN }));
      const error = await rejection(
        invoker.invoke(at(`${sse.url}/sse`, { transport: 'streamable-http' }), {
          query: 'x',
        }),
      );
      expect(error).toMatchObject({
        code: 'ProviderRejected',
        status: 405,
        retryable: false,
      });
      expect(routes(sse.requests)).toEqual(['POST /sse']);
    });

    it('auto keeps to Streamable HTTP when the server speaks it', async () => {
      const result = await invoker.invoke(
        mcp('search', { transport: 'auto' }),
        { query: 'printer', limit: 1 },
      );
      expect(result.output).toEqual({ hits: [{ title: 'printer #1' }] });
      expect(server.calls).toEqual([
        { name: 'search', arguments: { query: 'printer', limit: 1 } },
      ]);

      // A server with both transports at one URL: auto opens no SSE stream,
      // while transport sse does.
      const both = await start(
        startSseMcpServer({ token: TOKEN, streamable: true }),
      );
      expect(
        (await invoker.invoke(at(`${both.url}/sse`), { query: 'a' })).output,
      ).toEqual({ hits: [{ title: 'a #1' }] });
      expect(both.sseStreams()).toBe(0);
      expect(routes(both.requests)).not.toContain('POST /messages');
      expect(
        (
          await invoker.invoke(at(`${both.url}/sse`, { transport: 'sse' }), {
            query: 'b',
          })
        ).output,
      ).toEqual({ hits: [{ title: 'b #1' }] });
      expect(both.sseStreams()).toBe(1);
      expect(both.calls).toEqual([{ query: 'a' }, { query: 'b' }]);
    });

    it('auto does not retry over SSE after a server error or a refused token', async () => {
      const requests: SeenRequest[] = [];
      const failing = await start(
        listen((req, res) => {
          requests.push({ method: req.method ?? '', path: req.url ?? '' });
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('boom');
        }),
      );
      const broken = await rejection(
        invoker.invoke(at(`${failing.url}/sse`), { query: 'x' }),
      );
      expect(broken).toMatchObject({
        code: 'ProviderUnavailable',
        status: 500,
        retryable: true,
      });
      expect(routes(requests)).toEqual(['POST /sse']);

      const sse = await start(
        startSseMcpServer({ token: TOKEN, streamable: true }),
      );
      const wrong = createTestInvoker({ 'kb-mcp-token': 'not-the-token' });
      const refused = await rejection(
        wrong.invoke(at(`${sse.url}/sse`), { query: 'x' }),
      );
      expect(refused).toMatchObject({
        code: 'ProviderRejected',
        status: 401,
        retryable: false,
      });
      expect(refused.message).not.toContain('not-the-token');
      expect(routes(sse.requests)).toEqual(['POST /sse']);
    });

    it('classifies a refused SSE stream as Streamable HTTP does, without the secret', async () => {
      const sse = await start(startSseMcpServer({ token: TOKEN }));
      const wrong = createTestInvoker({ 'kb-mcp-token': 'not-the-token' });
      const overSse = await rejection(
        wrong.invoke(at(`${sse.url}/sse`, { transport: 'sse' }), {
          query: 'x',
        }),
      );
      const overStreamable = await rejection(
        wrong.invoke(at(`${sse.url}/sse`, { transport: 'streamable-http' }), {
          query: 'x',
        }),
      );
      expect(overStreamable).toMatchObject({
        code: 'ProviderRejected',
        status: 401,
      });
      expect(overSse).toMatchObject({
        code: overStreamable.code,
        status: 401,
        retryable: false,
      });
      expect(overSse.message).toContain(`mcp-tool: ${sse.url}/sse:`);
      expect(overSse.message).not.toContain('not-the-token');
      expect(routes(sse.requests)).toEqual(['GET /sse', 'POST /sse']);
    });

    it('classifies a refused SSE message POST by its status', async () => {
      const sse = await start(
        startSseMcpServer({ token: TOKEN, messagesStatus: 503 }),
      );
      const error = await rejection(
        invoker.invoke(at(`${sse.url}/sse`, { transport: 'sse' }), {
          query: 'x',
        }),
      );
      expect(error).toMatchObject({
        code: 'ProviderUnavailable',
        status: 503,
        retryable: true,
      });
      expect(error.message).not.toContain(TOKEN);
    });

    it('times out an SSE stream that announces no endpoint, and reports an SSE server that cannot be reached', async () => {
      const silent = await start(
        listen((_req, res) => {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.flushHeaders();
        }),
      );
      const slow = await rejection(
        invoker.invoke(
          at(`${silent.url}/sse`, { transport: 'sse', timeout: '200ms' }),
          { query: 'x' },
        ),
      );
      expect(slow).toMatchObject({ code: 'Timeout', retryable: true });

      const port = await closedPort();
      const unreachable = await rejection(
        invoker.invoke(
          at(`http://127.0.0.1:${port}/sse`, { transport: 'sse' }),
          { query: 'x' },
        ),
      );
      expect(unreachable).toMatchObject({
        code: 'ConnectionError',
        retryable: true,
      });
      expect(unreachable.message).not.toContain(TOKEN);
    });

    it('refuses an unknown transport, naming the field', async () => {
      const error = await rejection(
        invoker.invoke(at(`${server.url}/mcp`, { transport: 'websocket' }), {
          query: 'x',
        }),
      );
      expect(error).toMatchObject({ code: 'InvalidConfig' });
      expect(error.message).toMatch(/transport/);
      expect(server.calls).toEqual([]);
    });
  });
});
