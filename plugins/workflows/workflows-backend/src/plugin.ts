import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { registerAIWorkflowPermissions } from './permissions/ownership';
import { createRouter } from './router';

/**
 * The workflows backend plugin.
 *
 * @public
 */
export const workflowsPlugin = createBackendPlugin({
  pluginId: 'workflows',
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
        registerAIWorkflowPermissions({ permissionsRegistry, catalog, auth });
        httpRouter.use(await createRouter({ httpAuth }));
      },
    });
  },
});
