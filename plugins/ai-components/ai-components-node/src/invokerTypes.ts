import { LoggerService } from '@backstage/backend-plugin-api';
import { JsonObject, JsonValue } from '@backstage/types';
import { PriceTable, Pricing } from './pricing';
import { ComponentRuntime, RuntimeSpec, TokenUsage } from './runtime';

/**
 * The parts of a component the invoker needs to call it.
 *
 * @public
 */
export interface InvocableComponent {
  runtime: RuntimeSpec;
  /** JSON Schema the input must match before the runtime is called. */
  inputSchema: JsonObject;
  /** JSON Schema the runtime's output must match. */
  outputSchema: JsonObject;
  /** The component's own prices; they win over the price table. */
  pricing?: Pricing;
  /** Timeout of the whole call; defaults to the invoker's `defaultTimeoutMs`. */
  timeoutMs?: number;
  /**
   * The user or group ref that owns the component: the secrets it may use
   * are its owner's and the shared ones (`getSecret` decides).
   */
  owner?: string;
}

/**
 * The outcome of one successful invocation.
 *
 * @public
 */
export interface InvocationResult {
  output: JsonValue;
  /** Tokens used; zero for runtimes that do not call a model. */
  usage: TokenUsage;
  /** Cost in USD, rounded to 1e-8. */
  costUsd: number;
  /** False when tokens were used but no price was found for the model. */
  priced: boolean;
  /** Wall-clock time of the runtime call in milliseconds. */
  latencyMs: number;
  /** The model the provider reported, when the runtime called one. */
  model?: string;
}

/**
 * Options of one invocation.
 *
 * @public
 */
export interface InvokeOptions {
  /**
   * Cancels the invocation. The invocation then rejects with the signal's
   * `reason`.
   */
  signal?: AbortSignal;
}

/**
 * Calls components through the installed runtimes: validates input, config
 * and output, enforces the timeout, classifies failures as `RuntimeError`s
 * and computes the cost.
 *
 * @public
 */
export interface ComponentInvoker {
  /** The installed runtimes, sorted by type. */
  runtimeTypes(): ComponentRuntime[];
  /**
   * Throws an `InputError` naming `runtime.type` when no runtime of that
   * type is installed, or `runtime.config<path>` when the config does not
   * match the runtime's `configSchema`.
   */
  validateRuntimeConfig(runtime: RuntimeSpec): void;
  /**
   * The secrets a runtime spec references, nested runtimes included, each at
   * its place in the component (`runtime.config/secretRef`,
   * `runtime.config/tools/0/runtime.config/headers/Authorization`), as the
   * runtimes' `secretRefs` report them. Call after `validateRuntimeConfig`.
   */
  secretRefs(runtime: RuntimeSpec): Array<{ path: string; name: string }>;
  /**
   * Invokes a component once. Rejects with a `RuntimeError` whose `code`
   * and `retryable` classify the failure.
   */
  invoke(
    component: InvocableComponent,
    input: JsonValue,
    options?: InvokeOptions,
  ): Promise<InvocationResult>;
}

/**
 * Options of {@link createComponentInvoker}.
 *
 * @public
 */
export interface ComponentInvokerOptions {
  runtimes: Iterable<ComponentRuntime>;
  priceTable: PriceTable;
  /**
   * Resolves a secret by name for the component being invoked (its `owner`,
   * when it has one). Should throw a `RuntimeError` with code
   * `SecretNotFound` for an unknown name (a `NotFoundError` is converted to
   * one), and refuse a secret the component's owner may not use.
   */
  getSecret(
    name: string,
    component: Pick<InvocableComponent, 'owner'>,
  ): Promise<string>;
  logger: LoggerService;
  /** Timeout of an invocation whose component sets none. Default 60000. */
  defaultTimeoutMs?: number;
}
