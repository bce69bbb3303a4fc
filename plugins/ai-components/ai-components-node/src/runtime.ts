import {
  createExtensionPoint,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { JsonObject, JsonValue } from '@backstage/types';

/**
 * Tokens a model call consumed, as the provider reported them.
 *
 * @public
 */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/**
 * One model call behind a runtime's result: the model the provider says it
 * used and the tokens of that call.
 *
 * @public
 */
export interface ModelCall {
  model?: string;
  usage: TokenUsage;
}

/**
 * What a runtime returns from one call.
 *
 * @public
 */
export interface RuntimeResult {
  output: JsonValue;
  /** Token usage when the runtime called a model. */
  usage?: TokenUsage;
  /** The model the provider says it used; the key into the price table. */
  model?: string;
  /**
   * The model calls behind `usage`, when the result is made of several (an
   * agent's turns and the model calls of its tools, which may use other
   * models). Given, each call is priced at its own model and the result's
   * tokens are their sum; without it, `usage` is priced at `model`. A
   * component's own `pricing` still prices the whole result.
   */
  calls?: ModelCall[];
}

/**
 * The runtime of a component, as stored in the component's version.
 *
 * @public
 */
export interface RuntimeSpec {
  type: string;
  config: JsonObject;
}

/**
 * Services a runtime may use during one invocation.
 *
 * @public
 */
export interface RuntimeContext {
  /**
   * Resolves a secret referenced by name in the runtime config (for example
   * `secretRef: openai-api-key`). Throws a non-retryable `RuntimeError` with
   * code `SecretNotFound` when there is none. Never log the value.
   */
  getSecret(name: string): Promise<string>;
  /** Aborted when the invocation times out or is cancelled. */
  signal: AbortSignal;
  logger: LoggerService;
  /**
   * Invokes another runtime with a config and an input, for runtimes built on
   * others (an LLM-as-judge evaluator calls `openai-chat`).
   */
  invokeRuntime(runtime: RuntimeSpec, input: JsonValue): Promise<RuntimeResult>;
}

/**
 * A kind of component runtime: how components of this runtime type are
 * called. Register one with {@link componentRuntimesExtensionPoint}.
 *
 * @public
 */
export interface ComponentRuntime {
  /** Unique id used in `spec.runtime.type`, e.g. `openai-chat`. */
  readonly type: string;
  readonly title: string;
  readonly description: string;
  /**
   * JSON Schema of `spec.runtime.config`. Components are refused (400) at
   * save time when their config does not match it.
   */
  readonly configSchema: JsonObject;
  /**
   * The runtimes a config runs through `context.invokeRuntime` (an agent's
   * tools, say), each with the JSON pointer of its spec in the config
   * (`/tools/0/runtime`). Given, they are checked with the component at
   * save time: installed, and their configs valid.
   */
  nestedRuntimes?(
    config: JsonObject,
  ): Array<{ path: string; runtime: RuntimeSpec }>;
  /**
   * The secrets a config references by name, each with the JSON pointer of
   * the reference in the config (`/secretRef`, `/headers/Authorization`).
   * Given, a component is refused at save time when it names a secret that
   * its owner's components may not use (another owner's).
   */
  secretRefs?(config: JsonObject): Array<{ path: string; name: string }>;
  /**
   * Calls the component once. The input has already been validated against
   * the component's `inputSchema`; the output is validated against its
   * `outputSchema` after return. Throw a `RuntimeError` to classify failures.
   */
  invoke(
    request: { config: JsonObject; input: JsonValue },
    context: RuntimeContext,
  ): Promise<RuntimeResult>;
}

/**
 * Lets backend modules add component runtimes to the ai-components plugin.
 *
 * @public
 */
export interface ComponentRuntimesExtensionPoint {
  addRuntime(...runtimes: ComponentRuntime[]): void;
}

/**
 * The extension point through which runtimes are added.
 *
 * @public
 */
export const componentRuntimesExtensionPoint =
  createExtensionPoint<ComponentRuntimesExtensionPoint>({
    id: 'ai-components.runtimes',
  });
