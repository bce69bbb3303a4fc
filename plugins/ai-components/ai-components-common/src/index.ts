/**
 * Common types, the AIComponent catalog kind and permissions of the
 * ai-components capability.
 *
 * @packageDocumentation
 */

export * from './kind';
export * from './permissions';
export * from './client';
export {
  aiComponentsApiSchemas,
  aiComponentsApiSpec,
} from './generated/schemas';
