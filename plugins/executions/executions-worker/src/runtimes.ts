import { createBackendModule } from '@backstage/backend-plugin-api';
import { executionsWorkerRuntimesExtensionPoint } from '@ai-ops/plugin-executions-node';
import { createBuiltInRuntimes } from '@ai-ops/plugin-ai-components-backend-module-runtimes';
import { createAnthropicMessagesRuntime } from '@ai-ops/plugin-ai-components-backend-module-anthropic';

/**
 * Installs in the worker the runtimes the console's backend installs in
 * the ai-components plugin (the eight built-in ones and `anthropic-messages`),
 * from the same factories, so that steps run in the worker process.
 *
 * @public
 */
export const executionsWorkerModuleRuntimes = createBackendModule({
  pluginId: 'executions',
  moduleId: 'worker-runtimes',
  register(reg) {
    reg.registerInit({
      deps: { runtimes: executionsWorkerRuntimesExtensionPoint },
      async init({ runtimes }) {
        runtimes.addRuntime(
          ...createBuiltInRuntimes(),
          createAnthropicMessagesRuntime(),
        );
      },
    });
  },
});
