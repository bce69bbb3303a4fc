import { startMcpServer } from '../__testUtils__/mcpServer';
import { closedPort, listen, LocalServer } from '../__testUtils__/listen';
import {
  component,
  createTestInvoker,
  rejection,
} from '../__testUtils__/invoker';

const TOKEN = 'mcp-token-0123456789';

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
});
