import { createBackendModule } from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AiOpsEntitiesProcessor } from './processor/AiOpsEntitiesProcessor';

/**
 * Teaches the catalog the `AIComponent` and `AIWorkflow` kinds.
 *
 * @public
 */
export const catalogModuleAiKinds = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ai-kinds',
  register(reg) {
    reg.registerInit({
      deps: { catalog: catalogProcessingExtensionPoint },
      async init({ catalog }) {
        catalog.addProcessor(new AiOpsEntitiesProcessor());
      },
    });
  },
});
