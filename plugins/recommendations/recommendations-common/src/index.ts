/**
 * Common types, permissions and the typed API client of the recommendations
 * capability.
 *
 * @packageDocumentation
 */

export * from './permissions';
export * from './client';
export {
  recommendationsApiSchemas,
  recommendationsApiSpec,
} from './generated/schemas';
