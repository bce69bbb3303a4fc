import {
  startOpenAiCompatibleServer,
  OpenAiCompatibleServer,
} from '../__testUtils__/openAiCompatibleServer';
import {
  component,
  createTestInvoker,
  rejection,
} from '../__testUtils__/invoker';

const API_KEY = 'sk-embeddings-key';

describe('openai-embeddings', () => {
  let server: OpenAiCompatibleServer;
  const invoker = createTestInvoker({ key: API_KEY });

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({ apiKey: API_KEY });
  });
  afterAll(() => server.close());

  const embeddings = (config: object = {}) =>
    component('openai-embeddings', {
      baseUrl: server.baseUrl,
      model: 'text-embedding-3-small',
      secretRef: 'key',
      ...config,
    });

  it('embeds a list of texts in input order, with usage and cost', async () => {
    const result = await invoker.invoke(embeddings({ dimensions: 3 }), {
      input: ['first text here', 'second'],
    });
    const request = server.requests[server.requests.length - 1];
    expect(request.path).toBe('/v1/embeddings');
    expect(request.body).toEqual({
      model: 'text-embedding-3-small',
      input: ['first text here', 'second'],
      encoding_format: 'float',
      dimensions: 3,
    });
    expect(result).toEqual({
      output: {
        embeddings: [
          [15, 3, 0],
          [6, 1, 1],
        ],
      },
      usage: { inputTokens: 4, outputTokens: 0 },
      model: 'text-embedding-3-small',
      costUsd: 0.00008,
      priced: true,
      latencyMs: expect.any(Number),
    });
  });

  it('embeds a single string', async () => {
    const result = await invoker.invoke(embeddings(), { input: 'hello world' });
    expect(result.output).toEqual({ embeddings: [[11, 2, 0]] });
  });

  it('refuses other input and classifies provider errors', async () => {
    expect(
      await rejection(invoker.invoke(embeddings(), { input: [1, 2] })),
    ).toMatchObject({ code: 'InputSchemaMismatch' });
    expect(
      await rejection(
        invoker.invoke(embeddings({ model: 'rate-limited' }), { input: 'x' }),
      ),
    ).toMatchObject({ code: 'RateLimited', retryable: true });
  });
});
