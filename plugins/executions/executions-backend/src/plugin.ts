import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { executionsPermissions } from '@ai-ops/plugin-executions-common';
import { createRouter } from './router';

/**
 * The executions backend plugin.
 *
 * @public
 */
export const executionsPlugin = createBackendPlugin({
  pluginId: 'executions',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ httpAuth, httpRouter, permissionsRegistry }) {
        permissionsRegistry.addPermissions(executionsPermissions);
        httpRouter.use(await createRouter({ httpAuth }));
      },
    });
  },
});
