import {
  createComponentInvoker,
  InvocableComponent,
  RuntimeError,
} from '@ai-ops/plugin-ai-components-node';
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { createAnthropicMessagesRuntime } from './anthropicMessagesRuntime';
import {
  AnthropicServer,
  startAnthropicServer,
} from './__testUtils__/anthropicServer';

const API_KEY = 'sk-ant-local-test-key';

async function rejection(promise: Promise<unknown>): Promise<RuntimeError> {
  try {
    await promise;
  } catch (error) {
    return error as RuntimeError;
  }
  throw new Error('expected the promise to reject');
}

describe('anthropic-messages', () => {
  let server: AnthropicServer;
  const invoker = createComponentInvoker({
    runtimes: [createAnthropicMessagesRuntime()],
    priceTable: {
      'claude-3-5-haiku': { inputPer1kTokens: 0.8, outputPer1kTokens: 4 },
    },
    getSecret: async name => {
      if (name === 'anthropic-key') return API_KEY;
      if (name === 'wrong-key') return 'sk-ant-wrong';
      throw new RuntimeError('SecretNotFound', `No secret named '${name}'`);
    },
    logger: mockServices.rootLogger({ level: 'none' }),
  });

  beforeAll(async () => {
    server = await startAnthropicServer({ apiKey: API_KEY });
  });
  afterAll(() => server.close());

  const claude = (
    config: JsonObject,
    extra: Partial<InvocableComponent> = {},
  ) => ({
    runtime: {
      type: 'anthropic-messages',
      config: {
        baseUrl: server.baseUrl,
        secretRef: 'anthropic-key',
        ...config,
      },
    },
    inputSchema: {},
    outputSchema: {},
    ...extra,
  });

  it('sends a Messages API request and returns text, usage, model and cost', async () => {
    const result = await invoker.invoke(
      claude(
        {
          model: 'claude-3-5-haiku',
          system: 'You label tickets.',
          maxTokens: 64,
        },
        {
          outputSchema: {
            type: 'object',
            required: ['content'],
            properties: { content: { type: 'string' } },
          },
        },
      ),
      {
        messages: [
          { role: 'system', content: 'Answer with one word.' },
          { role: 'user', content: 'The app crashes' },
        ],
      },
    );
    const request = server.requests[server.requests.length - 1];
    expect(request.path).toBe('/v1/messages');
    expect(request.headers['x-api-key']).toBe(API_KEY);
    expect(request.headers['anthropic-version']).toBe('2023-06-01');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.body).toEqual({
      model: 'claude-3-5-haiku',
      max_tokens: 64,
      system: 'You label tickets.\n\nAnswer with one word.',
      messages: [{ role: 'user', content: 'The app crashes' }],
    });
    // 10 input words (system included), 5 output words; the dated model is priced by its base name.
    expect(result).toEqual({
      output: { content: 'You said: The app crashes', stopReason: 'end_turn' },
      usage: { inputTokens: 10, outputTokens: 5 },
      model: 'claude-3-5-haiku-20241022',
      costUsd: 0.028,
      priced: true,
      latencyMs: expect.any(Number),
    });
  });

  it('accepts a prompt and defaults max_tokens', async () => {
    await invoker.invoke(claude({ model: 'claude-3-5-haiku' }), {
      prompt: 'hi',
    });
    expect(server.requests[server.requests.length - 1].body).toEqual({
      model: 'claude-3-5-haiku',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'hi' }],
    });
  });

  it('classifies provider errors by status with the provider message', async () => {
    const auth = await rejection(
      invoker.invoke(
        claude({ model: 'claude-3-5-haiku', secretRef: 'wrong-key' }),
        {
          prompt: 'x',
        },
      ),
    );
    expect(auth).toMatchObject({
      code: 'ProviderRejected',
      status: 401,
      retryable: false,
    });
    expect(auth.message).toBe(
      'anthropic-messages: answered 401: authentication_error: invalid x-api-key',
    );

    const limited = await rejection(
      invoker.invoke(claude({ model: 'rate-limited' }), { prompt: 'x' }),
    );
    expect(limited).toMatchObject({
      code: 'RateLimited',
      status: 429,
      retryable: true,
    });
    expect(limited.message).toContain('rate_limit_error');

    const overloaded = await rejection(
      invoker.invoke(claude({ model: 'overloaded' }), { prompt: 'x' }),
    );
    expect(overloaded).toMatchObject({
      code: 'ProviderUnavailable',
      status: 529,
      retryable: true,
    });
  });

  it('times out by its timeoutMs', async () => {
    const error = await rejection(
      invoker.invoke(claude({ model: 'slow', timeoutMs: 100 }), {
        prompt: 'x',
      }),
    );
    expect(error).toMatchObject({ code: 'Timeout', retryable: true });
  });

  it('refuses messages with other roles', async () => {
    const error = await rejection(
      invoker.invoke(claude({ model: 'claude-3-5-haiku' }), {
        messages: [{ role: 'tool', content: 'x' }],
      }),
    );
    expect(error).toMatchObject({
      code: 'InputSchemaMismatch',
      retryable: false,
    });
  });

  it('validates its config', () => {
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'anthropic-messages',
        config: { model: 'claude', temperature: 1.5 },
      }),
    ).toThrow('runtime.config/temperature must be <= 1');
  });
});
