/**
 * Common types and permissions of the recommendations capability.
 *
 * @packageDocumentation
 */

export * from './permissions';
