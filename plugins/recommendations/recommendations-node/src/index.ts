/**
 * Embedding providers and vector indexes of the recommendations capability.
 *
 * @packageDocumentation
 */
export {};
