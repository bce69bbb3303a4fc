/***/
/**
 * The anthropic backend module for the ai-components plugin.
 *
 * @packageDocumentation
 */

export { aiComponentsModuleAnthropic as default } from './module';
