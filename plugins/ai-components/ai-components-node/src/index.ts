/**
 * Extension points and the invocation contract of AI component runtimes.
 * Third-party runtime modules depend on this package only.
 *
 * @packageDocumentation
 */

export * from './runtime';
export * from './errors';
