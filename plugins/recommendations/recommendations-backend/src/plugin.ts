import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { recommendationsPermissions } from '@ai-ops/plugin-recommendations-common';
import { createRouter } from './router';

/**
 * The recommendations backend plugin.
 *
 * @public
 */
export const recommendationsPlugin = createBackendPlugin({
  pluginId: 'recommendations',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpAuth, httpRouter, permissionsRegistry }) {
        permissionsRegistry.addPermissions(recommendationsPermissions);
        httpRouter.use(await createRouter({ httpAuth }));
      },
    });
  },
});
