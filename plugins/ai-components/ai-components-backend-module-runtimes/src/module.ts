import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

export const aiComponentsModuleRuntimes = createBackendModule({
  pluginId: 'ai-components',
  moduleId: 'runtimes',
  register(reg) {
    reg.registerInit({
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        logger.info('Hello World!');
      },
    });
  },
});
