/**
 * The executions frontend plugin.
 *
 * @packageDocumentation
 */

export { executionsPlugin as default } from './plugin';
