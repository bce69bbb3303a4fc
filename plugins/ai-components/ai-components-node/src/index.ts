/**
 * Extension points and the invocation contract of AI component runtimes.
 * Third-party runtime modules depend on this package only.
 *
 * @packageDocumentation
 */

export * from './runtime';
export * from './errors';
export {
  assertValidJsonSchema,
  validateAgainstSchema,
  type SchemaValidationResult,
} from './schemaValidation';
export {
  computeCostUsd,
  readPriceTable,
  sumUsage,
  type PriceTable,
  type Pricing,
} from './pricing';
export { createComponentInvoker } from './invoker';
export { untilAborted } from './untilAborted';
export type {
  ComponentInvoker,
  ComponentInvokerOptions,
  InvocableComponent,
  InvocationResult,
  InvokeOptions,
} from './invokerTypes';
