import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { RuntimeError } from '../errors';
import { createComponentInvoker } from '../invoker';
import { ComponentInvokerOptions } from '../invokerTypes';
import { ComponentRuntime, RuntimeContext } from '../runtime';

/**
 * Small runtimes for the invoker's tests. Each is a real implementation of
 * the runtime contract; `fetcher` does real network calls to loopback.
 */

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/** Returns its input, or `config.reply` when set. */
export const echo: ComponentRuntime = {
  type: 'echo',
  title: 'Echo',
  description: 'Returns the input',
  configSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { reply: {}, delayMs: { type: 'integer', minimum: 0 } },
  },
  async invoke({ config, input }, context) {
    if (typeof config.delayMs === 'number') {
      await sleep(config.delayMs, context.signal);
    }
    return { output: config.reply ?? input };
  },
};

/** Reports the token usage and model from its config. */
export const metered: ComponentRuntime = {
  type: 'metered',
  title: 'Metered',
  description: 'Reports usage',
  configSchema: {
    type: 'object',
    required: ['model'],
    properties: { model: { type: 'string' } },
  },
  async invoke({ config }) {
    return {
      output: { content: 'ok' },
      usage: { inputTokens: 2000, outputTokens: 500 },
      model: config.model as string,
    };
  },
};

/** Never settles and ignores the abort signal. */
export const stubborn: ComponentRuntime = {
  type: 'stubborn',
  title: 'Stubborn',
  description: 'Ignores cancellation',
  configSchema: { type: 'object' },
  invoke: () => new Promise(() => {}),
};

/** Calls another runtime through the context. */
export const composite: ComponentRuntime = {
  type: 'composite',
  title: 'Composite',
  description: 'Calls a nested runtime',
  configSchema: {
    type: 'object',
    required: ['nested'],
    properties: { nested: { type: 'object' } },
  },
  nestedRuntimes: config => [
    {
      path: '/nested',
      runtime: config.nested as { type: string; config: JsonObject },
    },
  ],
  async invoke({ config, input }, context) {
    const nested = await context.invokeRuntime(
      config.nested as { type: string; config: JsonObject },
      input,
    );
    return { ...nested, output: { nested: nested.output } };
  },
};

/** Fetches a URL from its config (real fetch). */
export const fetcher: ComponentRuntime = {
  type: 'fetcher',
  title: 'Fetcher',
  description: 'Fetches a URL',
  configSchema: { type: 'object', required: ['url'] },
  async invoke({ config }, context) {
    const res = await fetch(config.url as string, { signal: context.signal });
    return { output: await res.json() };
  },
};

/** Throws what its config says. */
export const failing: ComponentRuntime = {
  type: 'failing',
  title: 'Failing',
  description: 'Throws',
  configSchema: { type: 'object' },
  async invoke({ config }) {
    if (config.kind === 'classified') {
      throw new RuntimeError('RateLimited', 'slow down', { status: 429 });
    }
    throw new Error('a bug in the runtime');
  },
};

/** Returns the secret named in its config (test only: never do this). */
export const secretReader: ComponentRuntime = {
  type: 'secret-reader',
  title: 'Secret reader',
  description: 'Reads a secret',
  configSchema: { type: 'object', required: ['secretRef'] },
  async invoke({ config }, context: RuntimeContext) {
    return {
      output: {
        length: (await context.getSecret(config.secretRef as string)).length,
      },
    };
  },
};

/** A schema accepting any object. */
export const anything = { type: 'object' };

/** An invoker with all the test runtimes. */
export function makeInvoker(overrides: Partial<ComponentInvokerOptions> = {}) {
  return createComponentInvoker({
    runtimes: [
      echo,
      metered,
      stubborn,
      composite,
      fetcher,
      failing,
      secretReader,
    ],
    priceTable: {
      'gpt-4o-mini': { inputPer1kTokens: 0.00015, outputPer1kTokens: 0.0006 },
    },
    getSecret: async name => {
      if (name === 'api-key') return 'sk-test-123';
      throw new NotFoundError(`no secret ${name}`);
    },
    logger: mockServices.rootLogger({ level: 'none' }),
    ...overrides,
  });
}

/** The error a promise rejects with. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<RuntimeError> {
  try {
    await promise;
  } catch (error) {
    return error as RuntimeError;
  }
  throw new Error('expected the promise to reject');
}
