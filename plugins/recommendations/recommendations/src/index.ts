/**
 * The recommendations frontend plugin.
 *
 * @packageDocumentation
 */

export { recommendationsPlugin as default } from './plugin';
