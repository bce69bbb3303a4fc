import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';
import { LRUCache } from 'lru-cache';
import {
  AiComponentsClient,
  InvokeAiComponentResponse,
} from '@ai-ops/plugin-ai-components-common';
import {
  ComponentInvoker,
  InvocableComponent,
  RuntimeError,
} from '@ai-ops/plugin-ai-components-node';
import type { ComponentInvocationClient } from './ComponentInvocationClient';
import { fetchWithToken, serviceToken } from './ComponentInvocationClient';
import { parseEntityKey } from './refs';

/** Revisions kept in memory; a revision never changes, so the least recently used is dropped first. */
const DEFAULT_CACHED_REVISIONS = 1_000;

/** One component revision, ready for the invoker. @public */
export interface ComponentRevision {
  revision: number;
  component: InvocableComponent;
}

/**
 * Reads the component revisions steps run. @public
 */
export interface ComponentRevisionSource {
  /**
   * The revision (the latest when absent). Throws the `ResponseError` of
   * the ai-components API (404 for an unknown component or revision).
   */
  get(componentRef: string, revision?: number): Promise<ComponentRevision>;
}

/**
 * A {@link ComponentRevisionSource} over `GET
 * /components/{ns}/{name}/versions/{revision}` of the ai-components API,
 * with a service token of the worker. A pinned revision is immutable, so it
 * is fetched once and kept (up to `maxEntries`, least recently used dropped
 * first); the latest revision (no pin) is read every time.
 *
 * @public
 */
export function createCachedComponentRevisionSource(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  fetch?: typeof fetch;
  maxEntries?: number;
}): ComponentRevisionSource {
  const { discovery, auth } = options;
  const maxEntries = options.maxEntries ?? DEFAULT_CACHED_REVISIONS;
  const cache = new LRUCache<string, Promise<ComponentRevision>>({
    max: maxEntries,
  });

  async function client() {
    return new AiComponentsClient({
      getBaseUrl: () => discovery.getBaseUrl('ai-components'),
      fetch: fetchWithToken(
        await serviceToken(auth, 'ai-components'),
        undefined,
        options.fetch,
      ),
    });
  }

  async function read(
    componentRef: string,
    revision?: number,
  ): Promise<ComponentRevision> {
    const { namespace, name } = parseEntityKey(componentRef, 'aicomponent');
    const components = await client();
    const found =
      revision === undefined
        ? await components.getComponent({ namespace, name }).then(c => ({
            revision: c.latestRevision,
            spec: c.spec,
          }))
        : await components.getVersion({ namespace, name }, revision);
    const { spec } = found;
    return {
      revision: found.revision,
      component: {
        runtime: {
          type: spec.runtime.type,
          config: (spec.runtime.config ??
            {}) as InvocableComponent['runtime']['config'],
        },
        inputSchema: spec.inputSchema as InvocableComponent['inputSchema'],
        outputSchema: spec.outputSchema as InvocableComponent['outputSchema'],
        ...(spec.pricing
          ? { pricing: spec.pricing as InvocableComponent['pricing'] }
          : {}),
      },
    };
  }

  return {
    get(componentRef, revision) {
      if (revision === undefined) return read(componentRef);
      const key = `${componentRef}@${revision}`;
      const cached = cache.get(key);
      if (cached) return cached;
      const loading = read(componentRef, revision);
      cache.set(key, loading);
      loading.catch(() => {
        if (cache.peek(key) === loading) cache.delete(key);
      });
      return loading;
    },
  };
}

/**
 * Thrown to the invoker by the worker's `getSecret`: secrets stay in the
 * ai-components plugin, so a component that needs one runs there.
 */
class SecretOutsideWorker extends Error {
  name = 'SecretOutsideWorker';
}

/**
 * The `getSecret` of the worker's {@link ComponentInvoker}: the worker holds
 * no secrets, so a component that asks for one is handed to the
 * ai-components API (see {@link createRuntimeInvocationClient}).
 *
 * @public
 */
export async function secretsStayInRegistry(name: string): Promise<string> {
  throw new SecretOutsideWorker(
    `Secret '${name}' is resolved by the ai-components plugin`,
  );
}

/**
 * The {@link ComponentInvocationClient} that runs components in the worker
 * process: the pinned revision from `components` (cached), the runtime from
 * `invoker` (the runtimes installed in the worker), with the activity's
 * abort signal. A component whose runtime asks for a secret (the built-in
 * and Anthropic runtimes ask before they call out) is run by `fallback`,
 * the ai-components API, where the secrets are; so is a component whose
 * runtime type is not installed in the worker.
 *
 * Failures answer as the API does: a runtime failure is a normal answer
 * with `error`; input that does not match the component's inputSchema is
 * `InvalidInput`, never retried.
 *
 * @public
 */
export function createRuntimeInvocationClient(options: {
  invoker: ComponentInvoker;
  components: ComponentRevisionSource;
  fallback: ComponentInvocationClient;
}): ComponentInvocationClient {
  const { invoker, components, fallback } = options;
  const installed = new Set(invoker.runtimeTypes().map(r => r.type));
  return {
    async invoke(invocation) {
      const { componentRef, input, signal } = invocation;
      const { revision, component } = await components.get(
        componentRef,
        invocation.revision,
      );
      if (!installed.has(component.runtime.type)) {
        return fallback.invoke({ ...invocation, revision });
      }
      const started = performance.now();
      try {
        const result = await invoker.invoke(component, input as JsonValue, {
          ...(signal ? { signal } : {}),
        });
        const response: InvokeAiComponentResponse = {
          revision,
          output: result.output,
          usage: {
            inputTokens: result.usage.inputTokens,
            outputTokens: result.usage.outputTokens,
          },
          costUsd: result.costUsd,
          priced: result.priced,
          latencyMs: result.latencyMs,
          ...(result.model !== undefined ? { model: result.model } : {}),
        };
        return response;
      } catch (error) {
        if (signal?.aborted) throw error;
        if (error instanceof SecretOutsideWorker) {
          return fallback.invoke({ ...invocation, revision });
        }
        if (!(error instanceof RuntimeError)) throw error;
        const invalidInput = error.code === 'InputSchemaMismatch';
        return {
          revision,
          error: {
            code: invalidInput ? 'InvalidInput' : error.code,
            message: invalidInput ? `input: ${error.message}` : error.message,
            retryable: error.retryable,
          },
          usage: { inputTokens: 0, outputTokens: 0 },
          costUsd: 0,
          latencyMs: performance.now() - started,
        };
      }
    },
  };
}
