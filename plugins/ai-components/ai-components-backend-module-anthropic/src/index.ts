/**
 * An `anthropic-messages` runtime for the ai-components plugin, added through
 * the runtimes extension point: the worked example of a third-party runtime
 * module.
 *
 * @packageDocumentation
 */

export { aiComponentsModuleAnthropic as default } from './module';
export {
  anthropicMessagesConfigSchema,
  createAnthropicMessagesRuntime,
} from './anthropicMessagesRuntime';
