import { InputError } from '@backstage/errors';
import { RuntimeError } from './errors';
import {
  anything,
  echo,
  makeInvoker,
  rejection,
} from './__testUtils__/testRuntimes';

describe('createComponentInvoker', () => {
  const invoker = makeInvoker();

  it('invokes a runtime and reports output, zero usage and latency', async () => {
    const result = await invoker.invoke(
      {
        runtime: { type: 'echo', config: {} },
        inputSchema: anything,
        outputSchema: anything,
      },
      { text: 'hello' },
    );
    expect(result).toEqual({
      output: { text: 'hello' },
      usage: { inputTokens: 0, outputTokens: 0 },
      costUsd: 0,
      priced: true,
      latencyMs: expect.any(Number),
    });
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('measures the latency of the runtime call', async () => {
    const result = await invoker.invoke(
      {
        runtime: { type: 'echo', config: { delayMs: 50 } },
        inputSchema: {},
        outputSchema: {},
      },
      1,
    );
    expect(result.latencyMs).toBeGreaterThanOrEqual(45);
  });

  it('computes the cost from the price table or the component pricing', async () => {
    const component = {
      runtime: { type: 'metered', config: { model: 'gpt-4o-mini' } },
      inputSchema: {},
      outputSchema: {},
    };
    await expect(invoker.invoke(component, null)).resolves.toMatchObject({
      usage: { inputTokens: 2000, outputTokens: 500 },
      model: 'gpt-4o-mini',
      costUsd: 0.0006,
      priced: true,
    });
    await expect(
      invoker.invoke({ ...component, pricing: { perCall: 0.01 } }, null),
    ).resolves.toMatchObject({ costUsd: 0.01, priced: true });
    await expect(
      invoker.invoke(
        {
          ...component,
          runtime: { type: 'metered', config: { model: 'other' } },
        },
        null,
      ),
    ).resolves.toMatchObject({ costUsd: 0, priced: false, model: 'other' });
  });

  it('refuses input that does not match the inputSchema', async () => {
    const error = await rejection(
      invoker.invoke(
        {
          runtime: { type: 'echo', config: {} },
          inputSchema: {
            type: 'object',
            required: ['messages'],
            properties: {
              messages: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { role: { type: 'string' } },
                },
              },
            },
          },
          outputSchema: {},
        },
        { messages: [{ role: 1 }] },
      ),
    );
    expect(error).toBeInstanceOf(RuntimeError);
    expect(error.code).toBe('InputSchemaMismatch');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('/messages/0/role must be string');
  });

  it('refuses output that does not match the outputSchema', async () => {
    const error = await rejection(
      invoker.invoke(
        {
          runtime: { type: 'echo', config: { reply: { content: 3 } } },
          inputSchema: {},
          outputSchema: {
            type: 'object',
            properties: { content: { type: 'string' } },
          },
        },
        {},
      ),
    );
    expect(error.code).toBe('OutputSchemaMismatch');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('/content must be string');
  });

  it('lets runtimes invoke other runtimes, validating their config', async () => {
    await expect(
      invoker.invoke(
        {
          runtime: {
            type: 'composite',
            config: {
              nested: { type: 'metered', config: { model: 'gpt-4o-mini' } },
            },
          },
          inputSchema: {},
          outputSchema: { type: 'object', required: ['nested'] },
        },
        'x',
      ),
    ).resolves.toMatchObject({
      output: { nested: { content: 'ok' } },
      usage: { inputTokens: 2000, outputTokens: 500 },
      costUsd: 0.0006,
    });

    const invalid = await rejection(
      invoker.invoke(
        {
          runtime: {
            type: 'composite',
            config: { nested: { type: 'metered', config: {} } },
          },
          inputSchema: {},
          outputSchema: {},
        },
        'x',
      ),
    );
    expect(invalid.code).toBe('InvalidConfig');
    expect(invalid.message).toContain(
      "runtime.config must have required property 'model'",
    );
  });
});

describe('validateRuntimeConfig', () => {
  const invoker = makeInvoker();

  it('accepts a valid config', () => {
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'metered',
        config: { model: 'm' },
      }),
    ).not.toThrow();
  });

  it('names runtime.type for an unknown runtime', () => {
    expect(() =>
      invoker.validateRuntimeConfig({ type: 'nope', config: {} }),
    ).toThrow(
      new InputError(
        "runtime.type: no runtime of type 'nope' is installed (installed: composite, echo, failing, fetcher, metered, secret-reader, stubborn)",
      ),
    );
  });

  it('names the config path of each violation', () => {
    expect(() =>
      invoker.validateRuntimeConfig({
        type: 'echo',
        config: { delayMs: 'soon' },
      }),
    ).toThrow(new InputError('runtime.config/delayMs must be integer'));
    expect(() =>
      invoker.validateRuntimeConfig({ type: 'metered', config: {} }),
    ).toThrow("runtime.config must have required property 'model'");
  });

  it('checks the runtimes a config runs, at their place in it', () => {
    const nested = (inner: object) =>
      invoker.validateRuntimeConfig({
        type: 'composite',
        config: { nested: inner },
      });
    expect(() =>
      nested({ type: 'metered', config: { model: 'm' } }),
    ).not.toThrow();
    expect(() => nested({ type: 'nope', config: {} })).toThrow(
      /^runtime\.config\/nested\.type: no runtime of type 'nope' is installed/,
    );
    expect(() => nested({ type: 'echo', config: { delayMs: 'soon' } })).toThrow(
      new InputError('runtime.config/nested.config/delayMs must be integer'),
    );
    // Two levels down.
    expect(() =>
      nested({
        type: 'composite',
        config: { nested: { type: 'metered', config: {} } },
      }),
    ).toThrow(
      "runtime.config/nested.config/nested.config must have required property 'model'",
    );
  });
});

describe('runtime registration', () => {
  it('lists the runtimes sorted by type', () => {
    expect(
      makeInvoker()
        .runtimeTypes()
        .map(r => r.type),
    ).toEqual([
      'composite',
      'echo',
      'failing',
      'fetcher',
      'metered',
      'secret-reader',
      'stubborn',
    ]);
  });

  it('refuses duplicate types and invalid config schemas', () => {
    expect(() => makeInvoker({ runtimes: [echo, echo] })).toThrow(
      "Runtime type 'echo' is registered twice",
    );
    expect(() =>
      makeInvoker({
        runtimes: [{ ...echo, configSchema: { type: 'objekt' } }],
      }),
    ).toThrow(/configSchema of runtime 'echo' is not a valid JSON Schema/);
  });
});
