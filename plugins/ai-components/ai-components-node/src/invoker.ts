import { InputError, isError } from '@backstage/errors';
import { JsonObject, JsonValue } from '@backstage/types';
import { RuntimeError } from './errors';
import {
  ComponentInvoker,
  ComponentInvokerOptions,
  InvocableComponent,
  InvocationResult,
  InvokeOptions,
} from './invokerTypes';
import { computeCostUsd, sumUsage } from './pricing';
import { untilAborted } from './untilAborted';
import {
  ComponentRuntime,
  RuntimeContext,
  RuntimeResult,
  RuntimeSpec,
} from './runtime';
import {
  assertValidJsonSchema,
  findSchemaViolations,
} from './schemaValidation';

const DEFAULT_TIMEOUT_MS = 60_000;

/** undici's messages for a request that failed below HTTP. */
const NETWORK_FAILURES = new Set(['fetch failed', 'terminated']);

function indexRuntimes(
  runtimes: Iterable<ComponentRuntime>,
): Map<string, ComponentRuntime> {
  const byType = new Map<string, ComponentRuntime>();
  for (const runtime of runtimes) {
    if (byType.has(runtime.type)) {
      throw new Error(`Runtime type '${runtime.type}' is registered twice`);
    }
    assertValidJsonSchema(
      runtime.configSchema,
      `configSchema of runtime '${runtime.type}'`,
    );
    byType.set(runtime.type, runtime);
  }
  return byType;
}

/** A `TypeError` from `fetch` means the provider could not be reached. */
function asConnectionError(error: unknown): RuntimeError | undefined {
  if (
    !isError(error) ||
    error.name !== 'TypeError' ||
    !NETWORK_FAILURES.has(error.message)
  ) {
    return undefined;
  }
  const cause = error.cause as { message?: string; code?: string } | undefined;
  const detail = cause?.message || cause?.code || error.message;
  return new RuntimeError(
    'ConnectionError',
    `Could not reach the provider: ${detail}`,
    { cause: error },
  );
}

function schemaViolations(
  schema: JsonObject,
  value: JsonValue,
  which: 'inputSchema' | 'outputSchema',
): string[] {
  try {
    return findSchemaViolations(schema, value).map(
      v => `${v.instancePath || '(root)'} ${v.message}`,
    );
  } catch (error) {
    throw new RuntimeError(
      'InvalidConfig',
      `The component's ${which} is not a valid JSON Schema: ${
        isError(error) ? error.message : String(error)
      }`,
    );
  }
}

/**
 * Creates the invoker that calls components through the installed runtimes.
 * Throws when two runtimes share a type or a runtime's `configSchema` is
 * not a valid JSON Schema.
 *
 * @public
 */
export function createComponentInvoker(
  options: ComponentInvokerOptions,
): ComponentInvoker {
  const runtimes = indexRuntimes(options.runtimes);
  const defaultTimeoutMs = options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function getSecret(
    name: string,
    component: Pick<InvocableComponent, 'owner'>,
  ): Promise<string> {
    try {
      return await options.getSecret(name, component);
    } catch (error) {
      if (isError(error) && error.name === 'NotFoundError') {
        throw new RuntimeError(
          'SecretNotFound',
          `Secret '${name}' does not exist`,
          { cause: error },
        );
      }
      throw error;
    }
  }

  function configViolations(runtime: ComponentRuntime, config: JsonObject) {
    return findSchemaViolations(runtime.configSchema, config).map(
      v => `runtime.config${v.instancePath} ${v.message}`,
    );
  }

  /** Looks up the runtime and checks the config against its schema. */
  function prepare(spec: RuntimeSpec) {
    const runtime = runtimes.get(spec.type);
    if (!runtime) {
      throw new RuntimeError(
        'UnknownRuntime',
        `No runtime of type '${spec.type}' is installed`,
      );
    }
    const config = spec.config ?? {};
    const violations = configViolations(runtime, config);
    if (violations.length > 0) {
      throw new RuntimeError(
        'InvalidConfig',
        `Invalid config for runtime '${spec.type}': ${violations.join('; ')}`,
      );
    }
    return { runtime, config };
  }

  async function execute(
    spec: RuntimeSpec,
    input: JsonValue,
    signal: AbortSignal,
    component: Pick<InvocableComponent, 'owner'>,
  ): Promise<RuntimeResult> {
    const { runtime, config } = prepare(spec);
    const context: RuntimeContext = {
      // Nested runtimes (an agent's tools) use the component's secrets too.
      getSecret: name => getSecret(name, component),
      signal,
      logger: options.logger.child({ runtime: runtime.type }),
      invokeRuntime: (nested, nestedInput) =>
        execute(nested, nestedInput, signal, component),
    };
    try {
      return await untilAborted(
        runtime.invoke({ config, input }, context),
        signal,
      );
    } catch (error) {
      if (signal.aborted) {
        throw signal.reason;
      }
      if (error instanceof RuntimeError) {
        throw error;
      }
      throw asConnectionError(error) ?? error;
    }
  }

  return {
    runtimeTypes() {
      return [...runtimes.values()].sort((a, b) =>
        a.type.localeCompare(b.type),
      );
    },

    validateRuntimeConfig(spec: RuntimeSpec) {
      // The runtime, then the runtimes its config names (an agent's tools),
      // each reported at its place in the component's runtime.
      const check = (nested: RuntimeSpec, at: string) => {
        const runtime = runtimes.get(nested.type);
        if (!runtime) {
          const installed = [...runtimes.keys()].sort().join(', ') || 'none';
          throw new InputError(
            `${at}.type: no runtime of type '${nested.type}' is installed (installed: ${installed})`,
          );
        }
        const config = nested.config ?? {};
        const violations = configViolations(runtime, config).map(v =>
          v.replace(/^runtime\.config/, `${at}.config`),
        );
        if (violations.length > 0) {
          throw new InputError(violations.join('; '));
        }
        for (const inner of runtime.nestedRuntimes?.(config) ?? []) {
          check(inner.runtime, `${at}.config${inner.path}`);
        }
      };
      check(spec, 'runtime');
    },

    secretRefs(spec: RuntimeSpec) {
      const found: Array<{ path: string; name: string }> = [];
      const walk = (nested: RuntimeSpec, at: string) => {
        const runtime = runtimes.get(nested.type);
        if (!runtime) return;
        const config = nested.config ?? {};
        for (const ref of runtime.secretRefs?.(config) ?? []) {
          found.push({ path: `${at}.config${ref.path}`, name: ref.name });
        }
        for (const inner of runtime.nestedRuntimes?.(config) ?? []) {
          walk(inner.runtime, `${at}.config${inner.path}`);
        }
      };
      walk(spec, 'runtime');
      return found;
    },

    async invoke(
      component: InvocableComponent,
      input: JsonValue,
      invokeOptions?: InvokeOptions,
    ): Promise<InvocationResult> {
      const type = component.runtime.type;
      prepare(component.runtime);
      const inputErrors = schemaViolations(
        component.inputSchema,
        input,
        'inputSchema',
      );
      if (inputErrors.length > 0) {
        throw new RuntimeError(
          'InputSchemaMismatch',
          `The input does not match the component's inputSchema: ${inputErrors.join(
            '; ',
          )}`,
        );
      }

      const timeoutMs = component.timeoutMs ?? defaultTimeoutMs;
      const controller = new AbortController();
      const timer = setTimeout(() => {
        controller.abort(
          new RuntimeError(
            'Timeout',
            `The invocation did not finish within ${timeoutMs} ms`,
          ),
        );
      }, timeoutMs);
      const caller = invokeOptions?.signal;
      const onCancel = () => controller.abort(caller?.reason);
      if (caller?.aborted) {
        onCancel();
      } else {
        caller?.addEventListener('abort', onCancel, { once: true });
      }

      const started = performance.now();
      let result: RuntimeResult;
      try {
        result = await execute(component.runtime, input, controller.signal, {
          owner: component.owner,
        });
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener('abort', onCancel);
      }
      const latencyMs = performance.now() - started;

      if (result.output === undefined) {
        throw new RuntimeError(
          'InvalidResponse',
          `Runtime '${type}' returned no output`,
        );
      }
      const outputErrors = schemaViolations(
        component.outputSchema,
        result.output,
        'outputSchema',
      );
      if (outputErrors.length > 0) {
        throw new RuntimeError(
          'OutputSchemaMismatch',
          `The output does not match the component's outputSchema: ${outputErrors.join(
            '; ',
          )}`,
        );
      }

      const { costUsd, priced } = computeCostUsd({
        usage: result.usage,
        model: result.model,
        calls: result.calls,
        componentPricing: component.pricing,
        priceTable: options.priceTable,
      });
      const usage = result.calls?.length
        ? sumUsage(result.calls)
        : result.usage ?? { inputTokens: 0, outputTokens: 0 };
      options.logger.debug(`Invoked a component of runtime '${type}'`, {
        runtime: type,
        latencyMs: Math.round(latencyMs),
        model: result.model,
        inputTokens: usage.inputTokens,
        outputTokens: usage.outputTokens,
      });
      return {
        output: result.output,
        usage,
        costUsd,
        priced,
        latencyMs,
        ...(result.model !== undefined ? { model: result.model } : {}),
      };
    },
  };
}
