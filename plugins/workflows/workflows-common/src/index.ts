/**
 * Common types, the AIWorkflow catalog kind and permissions of the
 * workflows capability.
 *
 * @packageDocumentation
 */

export * from './kind';
export * from './permissions';
