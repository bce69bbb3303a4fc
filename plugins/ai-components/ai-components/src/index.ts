/**
 * The ai-components frontend plugin.
 *
 * @packageDocumentation
 */

export { aiComponentsPlugin as default } from './plugin';
