import { componentRuntimesExtensionPoint } from '@ai-ops/plugin-ai-components-node';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { createAnthropicMessagesRuntime } from './anthropicMessagesRuntime';

/**
 * Adds the `anthropic-messages` runtime to the ai-components plugin.
 *
 * @public
 */
export const aiComponentsModuleAnthropic = createBackendModule({
  pluginId: 'ai-components',
  moduleId: 'runtime-anthropic-messages',
  register(reg) {
    reg.registerInit({
      deps: { runtimes: componentRuntimesExtensionPoint },
      async init({ runtimes }) {
        runtimes.addRuntime(createAnthropicMessagesRuntime());
      },
    });
  },
});
