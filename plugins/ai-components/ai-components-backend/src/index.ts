/**
 * The ai-components backend plugin: the registry of AI components.
 *
 * @packageDocumentation
 */

export { aiComponentsPlugin as default } from './plugin';
