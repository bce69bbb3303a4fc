/**
 * The workflows frontend plugin.
 *
 * @packageDocumentation
 */

export { workflowsPlugin as default } from './plugin';
