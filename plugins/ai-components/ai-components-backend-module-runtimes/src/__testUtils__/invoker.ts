import {
  createComponentInvoker,
  InvocableComponent,
  RuntimeError,
  RuntimeSpec,
} from '@ai-ops/plugin-ai-components-node';
import { mockServices } from '@backstage/backend-test-utils';
import { JsonObject } from '@backstage/types';
import { createBuiltInRuntimes } from '../builtIn';

/** An invoker with the eight built-in runtimes and the given secrets. */
export function createTestInvoker(secrets: Record<string, string>) {
  return createComponentInvoker({
    runtimes: createBuiltInRuntimes(),
    priceTable: {
      'gpt-4o-mini': { inputPer1kTokens: 0.15, outputPer1kTokens: 0.6 },
      'text-embedding-3-small': { inputPer1kTokens: 0.02 },
      // Priced per call only, so that tests can tell which model a call was priced at.
      'per-call-small': { perCall: 0.01 },
      'per-call-large': { perCall: 0.5 },
    },
    getSecret: async name => {
      if (!Object.hasOwn(secrets, name)) {
        throw new RuntimeError('SecretNotFound', `No secret named '${name}'`);
      }
      return secrets[name];
    },
    logger: mockServices.rootLogger({ level: 'none' }),
  });
}

/** A component of a runtime that accepts any input and output. */
export function component(
  type: string,
  config: JsonObject,
  extra: Partial<InvocableComponent> = {},
): InvocableComponent {
  const runtime: RuntimeSpec = { type, config };
  return { runtime, inputSchema: {}, outputSchema: {}, ...extra };
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
