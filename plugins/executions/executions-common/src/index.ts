/**
 * Common types and permissions of the executions capability.
 *
 * @packageDocumentation
 */

export * from './permissions';
