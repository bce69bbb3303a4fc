import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { AiOpsEntitiesProcessor } from './processor/AiOpsEntitiesProcessor';
import { AiComponentsEntityProvider } from './provider/AiComponentsEntityProvider';
import { AiWorkflowsEntityProvider } from './provider/AiWorkflowsEntityProvider';

/**
 * Teaches the catalog the `AIComponent` and `AIWorkflow` kinds, and provides
 * the AI components and workflows created in the console as catalog entities.
 *
 * @public
 */
export const catalogModuleAiKinds = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ai-kinds',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        config: coreServices.rootConfig,
      },
      async init({ catalog, discovery, auth, logger, scheduler, config }) {
        catalog.addProcessor(
          new AiOpsEntitiesProcessor({
            appBaseUrl: config.getOptionalString('app.baseUrl'),
          }),
        );
        const deps = () => ({
          discovery,
          auth,
          logger,
          taskRunner: scheduler.createScheduledTaskRunner({
            frequency: { seconds: 30 },
            timeout: { minutes: 5 },
            initialDelay: { seconds: 10 },
          }),
        });
        catalog.addEntityProvider(
          new AiComponentsEntityProvider(deps()),
          new AiWorkflowsEntityProvider(deps()),
        );
      },
    });
  },
});
