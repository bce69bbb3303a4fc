import {
  startOpenAiCompatibleServer,
  OpenAiCompatibleServer,
} from '../__testUtils__/openAiCompatibleServer';
import { closedPort } from '../__testUtils__/listen';
import {
  component,
  createTestInvoker,
  rejection,
} from '../__testUtils__/invoker';

const API_KEY = 'sk-local-test-key-0123456789';

describe('openai-chat', () => {
  let server: OpenAiCompatibleServer;
  const invoker = createTestInvoker({
    'openai-key': API_KEY,
    'wrong-key': 'sk-wrong',
  });

  beforeAll(async () => {
    server = await startOpenAiCompatibleServer({ apiKey: API_KEY });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.chatReply = ({ messages }) =>
      `Echo: ${messages[messages.length - 1].content}`;
  });

  const chat = (config: object, extra = {}) =>
    component(
      'openai-chat',
      { baseUrl: server.baseUrl, secretRef: 'openai-key', ...config },
      extra,
    );

  it('sends messages and returns content, usage, model and cost', async () => {
    const result = await invoker.invoke(
      chat(
        {
          model: 'gpt-4o-mini',
          temperature: 0.2,
          maxTokens: 50,
          systemPrompt: 'Be brief.',
        },
        {
          inputSchema: { type: 'object', required: ['messages'] },
          outputSchema: {
            type: 'object',
            required: ['content'],
            properties: { content: { type: 'string' } },
          },
        },
      ),
      { messages: [{ role: 'user', content: 'label this ticket' }] },
    );

    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'label this ticket' },
      ],
      temperature: 0.2,
      max_tokens: 50,
    });
    // 5 prompt words, 4 completion words; priced by the dated model's base name.
    expect(result).toEqual({
      output: { content: 'Echo: label this ticket', finishReason: 'stop' },
      usage: { inputTokens: 5, outputTokens: 4 },
      model: 'gpt-4o-mini-2024-07-18',
      costUsd: 0.00315,
      priced: true,
      latencyMs: expect.any(Number),
    });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('accepts a prompt and parses json_object answers', async () => {
    server.chatReply = () => '{"label":"bug","confidence":0.9}';
    const result = await invoker.invoke(
      chat({ model: 'gpt-4o-mini', responseFormat: 'json_object' }),
      { prompt: 'Classify: app crashes' },
    );
    expect(server.requests[0].body).toMatchObject({
      messages: [{ role: 'user', content: 'Classify: app crashes' }],
      response_format: { type: 'json_object' },
    });
    expect(result.output).toEqual({
      content: '{"label":"bug","confidence":0.9}',
      json: { label: 'bug', confidence: 0.9 },
      finishReason: 'stop',
    });
  });

  it('classifies a json_object answer that is not JSON as InvalidResponse', async () => {
    server.chatReply = () => 'Sure! Here is the label: bug';
    const error = await rejection(
      invoker.invoke(
        chat({ model: 'gpt-4o-mini', responseFormat: 'json_object' }),
        {
          prompt: 'x',
        },
      ),
    );
    expect(error).toMatchObject({ code: 'InvalidResponse', retryable: false });
  });

  it('talks to Azure OpenAI with an api-key header and api-version', async () => {
    const result = await invoker.invoke(
      component('openai-chat', {
        baseUrl: server.azureBaseUrl,
        model: 'gpt-4o',
        secretRef: 'openai-key',
        apiKeyHeader: 'api-key',
        queryParams: { 'api-version': '2024-10-21' },
      }),
      { prompt: 'hello' },
    );
    const [request] = server.requests;
    expect(request.path).toBe(
      '/openai/deployments/gpt-4o-deploy/chat/completions',
    );
    expect(request.query).toEqual({ 'api-version': '2024-10-21' });
    expect(request.headers['api-key']).toBe(API_KEY);
    expect(request.headers.authorization).toBeUndefined();
    expect(result.output).toMatchObject({ content: 'Echo: hello' });
    // gpt-4o has no price in the table.
    expect(result).toMatchObject({ costUsd: 0, priced: false });
  });

  it('classifies a 401 as non-retryable ProviderRejected without leaking the key', async () => {
    const error = await rejection(
      invoker.invoke(chat({ model: 'gpt-4o-mini', secretRef: 'wrong-key' }), {
        prompt: 'x',
      }),
    );
    expect(error).toMatchObject({
      code: 'ProviderRejected',
      status: 401,
      retryable: false,
    });
    expect(error.message).toContain('Incorrect API key provided');
    expect(error.message).not.toContain('sk-wrong');
    expect(error.message).not.toContain(API_KEY);
  });

  it('classifies a 400 with the provider message', async () => {
    const error = await rejection(
      invoker.invoke(chat({ model: 'gpt-4o-mini' }), { messages: [] }),
    );
    expect(error).toMatchObject({
      code: 'ProviderRejected',
      status: 400,
      retryable: false,
    });
    expect(error.message).toContain(
      "invalid_request_error: 'messages' must contain at least one message",
    );
  });

  it('classifies 429 and 500 as retryable', async () => {
    const limited = await rejection(
      invoker.invoke(chat({ model: 'rate-limited' }), { prompt: 'x' }),
    );
    expect(limited).toMatchObject({
      code: 'RateLimited',
      status: 429,
      retryable: true,
    });
    expect(limited.message).toContain('Rate limit reached for requests');

    const down = await rejection(
      invoker.invoke(chat({ model: 'overloaded' }), { prompt: 'x' }),
    );
    expect(down).toMatchObject({
      code: 'ProviderUnavailable',
      status: 500,
      retryable: true,
    });
  });

  it('times out by its own timeoutMs and by the invocation timeout', async () => {
    const own = await rejection(
      invoker.invoke(chat({ model: 'slow', timeoutMs: 100 }), { prompt: 'x' }),
    );
    expect(own).toMatchObject({ code: 'Timeout', retryable: true });
    expect(own.message).toContain('did not answer within 100 ms');

    const overall = await rejection(
      invoker.invoke(chat({ model: 'slow' }, { timeoutMs: 100 }), {
        prompt: 'x',
      }),
    );
    expect(overall).toMatchObject({ code: 'Timeout', retryable: true });
  });

  it('classifies a refused connection as retryable ConnectionError', async () => {
    const port = await closedPort();
    const error = await rejection(
      invoker.invoke(
        component('openai-chat', {
          baseUrl: `http://127.0.0.1:${port}/v1`,
          model: 'm',
        }),
        { prompt: 'x' },
      ),
    );
    expect(error).toMatchObject({ code: 'ConnectionError', retryable: true });
  });

  it('refuses input that is neither messages nor a prompt', async () => {
    const error = await rejection(
      invoker.invoke(chat({ model: 'gpt-4o-mini' }), { text: 'x' }),
    );
    expect(error).toMatchObject({
      code: 'InputSchemaMismatch',
      retryable: false,
    });
    expect(server.requests).toHaveLength(0);
  });

  it('needs the referenced secret', async () => {
    const error = await rejection(
      invoker.invoke(chat({ model: 'gpt-4o-mini', secretRef: 'missing' }), {
        prompt: 'x',
      }),
    );
    expect(error).toMatchObject({ code: 'SecretNotFound', retryable: false });
  });

  it('validates its config', () => {
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'openai-chat',
        config: {
          model: 'm',
          temperature: 3,
          responseFormat: 'yaml',
          tools: [],
        },
      }),
    ).toThrow(
      'runtime.config must NOT have additional property \'tools\'; runtime.config/temperature must be <= 2; runtime.config/responseFormat must be one of "text", "json_object"',
    );
    expect(() =>
      invoker.validateRuntimeConfig({ type: 'openai-chat', config: {} }),
    ).toThrow("runtime.config must have required property 'model'");
  });
});
