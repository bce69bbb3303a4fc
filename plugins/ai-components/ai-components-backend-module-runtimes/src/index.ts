/***/
/**
 * The runtimes backend module for the ai-components plugin.
 *
 * @packageDocumentation
 */

export { aiComponentsModuleRuntimes as default } from './module';
