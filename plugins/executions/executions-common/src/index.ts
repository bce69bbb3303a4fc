/**
 * Types, permissions, the API contract and the typed client of the
 * executions capability.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './types';
export * from './events';
export * from './signals';
export * from './client';
export { executionsApiSpec, executionsApiSchemas } from './generated/schemas';
