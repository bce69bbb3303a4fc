import { startJsonApiServer } from '../__testUtils__/jsonApiServer';
import { closedPort, LocalServer } from '../__testUtils__/listen';
import {
  component,
  createTestInvoker,
  rejection,
} from '../__testUtils__/invoker';

const TOKEN = 'kb-token-abcdef';

describe('http', () => {
  let server: LocalServer;
  const invoker = createTestInvoker({ 'kb-token': TOKEN });

  beforeAll(async () => {
    server = await startJsonApiServer({ token: TOKEN });
  });
  afterAll(() => server.close());

  const http = (config: object, extra = {}) =>
    component('http', config as any, extra);

  it('fills the URL template with URL-encoded input values', async () => {
    const result = await invoker.invoke(
      http(
        {
          method: 'GET',
          url: `${server.url}/search?q={{ query }}&page={{ paging.page }}`,
        },
        {
          inputSchema: { type: 'object', required: ['query'] },
          outputSchema: { type: 'object', required: ['hits'] },
        },
      ),
      { query: 'reset password & 2fa', paging: { page: 2 } },
    );
    expect(result).toEqual({
      output: { hits: [{ title: 'Result for reset password & 2fa' }] },
      usage: { inputTokens: 0, outputTokens: 0 },
      costUsd: 0,
      priced: true,
      latencyMs: expect.any(Number),
    });
  });

  it('renders headers with secrets and a JSON body keeping value types', async () => {
    const { output } = await invoker.invoke(
      http({
        method: 'POST',
        url: `${server.url}/echo/{{ id }}`,
        headers: {
          Authorization: 'Bearer {{ secret:kb-token }}',
          'X-Request-Id': 'req-{{ id }}',
        },
        body: {
          query: '{{ query }}',
          limit: '{{ limit }}',
          filters: ['{{ tags }}', 'lang={{ lang }}'],
          fixed: true,
        },
      }),
      { id: 'a/b', query: 'printer', limit: 5, tags: ['x', 'y'], lang: 'en' },
    );
    expect(output).toMatchObject({
      method: 'POST',
      path: '/echo/a%2Fb',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'x-request-id': 'req-a/b',
        'content-type': 'application/json',
        accept: 'application/json',
      },
    });
    expect(JSON.parse((output as any).body)).toEqual({
      query: 'printer',
      limit: 5,
      filters: [['x', 'y'], 'lang=en'],
      fixed: true,
    });
  });

  it('sends the input as the JSON body of a POST without a body template', async () => {
    const { output } = await invoker.invoke(
      http({ method: 'PUT', url: `${server.url}/echo` }),
      { a: 1 },
    );
    expect(output).toMatchObject({ method: 'PUT', body: '{"a":1}' });
  });

  it('sends a text body template as text', async () => {
    const { output } = await invoker.invoke(
      http({
        method: 'POST',
        url: `${server.url}/echo`,
        body: 'Hello {{ name }}!',
      }),
      { name: 'Ada' },
    );
    expect(output).toMatchObject({
      body: 'Hello Ada!',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  });

  it('reads JSON lines and an empty answer', async () => {
    const tickets = await invoker.invoke(
      http({ url: `${server.url}/tickets.jsonl` }),
      {},
    );
    expect(tickets.output).toEqual([
      { text: 'app crashes', label: 'bug' },
      { text: 'refund?', label: 'billing' },
    ]);
    const empty = await invoker.invoke(
      http({ method: 'DELETE', url: `${server.url}/empty` }),
      {},
    );
    expect(empty.output).toBeNull();
  });

  it('uses the secret to reach a protected endpoint and masks it in errors', async () => {
    await expect(
      invoker.invoke(
        http({
          url: `${server.url}/private`,
          headers: { Authorization: 'Bearer {{ secret:kb-token }}' },
        }),
        {},
      ),
    ).resolves.toMatchObject({ output: { secret: 'data' } });

    const error = await rejection(
      invoker.invoke(http({ url: `${server.url}/private` }), {}),
    );
    expect(error).toMatchObject({
      code: 'ProviderRejected',
      status: 401,
      retryable: false,
    });
    expect(error.message).toBe(
      `http: GET ${server.url}/private answered 401: missing or wrong token`,
    );
  });

  it('classifies statuses', async () => {
    const cases = [
      [400, 'ProviderRejected', false],
      [404, 'ProviderRejected', false],
      [429, 'RateLimited', true],
      [502, 'ProviderUnavailable', true],
      [503, 'ProviderUnavailable', true],
    ] as const;
    for (const [status, code, retryable] of cases) {
      const error = await rejection(
        invoker.invoke(http({ url: `${server.url}/status/${status}` }), {}),
      );
      expect(error).toMatchObject({ code, retryable, status });
      expect(error.message).toContain(`failed with ${status}`);
    }
  });

  it('classifies a non-JSON answer as InvalidResponse', async () => {
    const error = await rejection(
      invoker.invoke(http({ url: `${server.url}/text` }), {}),
    );
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: false });
    expect(error.message).toContain('hello, not json');
  });

  it('times out by timeoutMs, by a timeout duration and by the invocation', async () => {
    for (const config of [{ timeoutMs: 100 }, { timeout: '100ms' }]) {
      const started = Date.now();
      const error = await rejection(
        invoker.invoke(http({ url: `${server.url}/slow`, ...config }), {}),
      );
      expect(error).toMatchObject({ code: 'Timeout', retryable: true });
      expect(Date.now() - started).toBeLessThan(1500);
    }
    const error = await rejection(
      invoker.invoke(
        http({ url: `${server.url}/slow` }, { timeoutMs: 100 }),
        {},
      ),
    );
    expect(error).toMatchObject({ code: 'Timeout', retryable: true });
    expect(error.message).toBe('The invocation did not finish within 100 ms');
  });

  it('classifies a refused connection as retryable ConnectionError', async () => {
    const port = await closedPort();
    const error = await rejection(
      invoker.invoke(http({ url: `http://127.0.0.1:${port}/search` }), {}),
    );
    expect(error).toMatchObject({ code: 'ConnectionError', retryable: true });
  });

  it('refuses a body on a GET request', async () => {
    const error = await rejection(
      invoker.invoke(http({ url: `${server.url}/echo`, body: { a: 1 } }), {}),
    );
    expect(error).toMatchObject({ code: 'InvalidConfig', retryable: false });
  });

  it('refuses placeholders without a value and secrets outside headers', async () => {
    const missing = await rejection(
      invoker.invoke(http({ url: `${server.url}/search?q={{ query }}` }), {}),
    );
    expect(missing).toMatchObject({ code: 'InvalidConfig', retryable: false });
    expect(missing.message).toContain("'{{ query }}'");

    const secretInUrl = await rejection(
      invoker.invoke(
        http({ url: `${server.url}/search?key={{ secret:kb-token }}` }),
        {},
      ),
    );
    expect(secretInUrl.code).toBe('InvalidConfig');
    expect(secretInUrl.message).toContain('may only be used in headers');
  });

  it('validates its config', () => {
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'http',
        config: { method: 'FETCH', url: 'ftp://x', timeout: '5 seconds' },
      }),
    ).toThrow(
      'runtime.config/method must be one of "GET", "POST", "PUT", "PATCH", "DELETE"; runtime.config/url must match pattern "^https?://"; runtime.config/timeout must match pattern',
    );
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'http',
        config: {
          method: 'GET',
          url: 'https://kb.internal.example/search?q={{ query }}',
          timeout: '5s',
        },
      }),
    ).not.toThrow();
  });
});
