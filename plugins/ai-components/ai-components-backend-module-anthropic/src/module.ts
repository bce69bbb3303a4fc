import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

export const aiComponentsModuleAnthropic = createBackendModule({
  pluginId: 'ai-components',
  moduleId: 'anthropic',
  register(reg) {
    reg.registerInit({
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        logger.info('Hello World!');
      },
    });
  },
});
