import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { registerAIComponentPermissions } from './permissions/ownership';
import { createRouter } from './router';

/**
 * The ai-components backend plugin.
 *
 * @public
 */
export const aiComponentsPlugin = createBackendPlugin({
  pluginId: 'ai-components',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init({ auth, httpAuth, httpRouter, permissionsRegistry, catalog }) {
        registerAIComponentPermissions({ permissionsRegistry, catalog, auth });
        httpRouter.use(await createRouter({ httpAuth }));
      },
    });
  },
});
