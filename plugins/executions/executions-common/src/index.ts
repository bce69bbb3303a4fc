/**
 * Types and permissions of the executions capability.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './types';
