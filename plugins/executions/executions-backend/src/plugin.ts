import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { executionsPermissions } from '@ai-ops/plugin-executions-common';
import {
  DatabaseExecutionStore,
  readTemporalSettings,
} from '@ai-ops/plugin-executions-node';
import { ExecutionStarter } from './service/ExecutionStarter';
import { createRouter } from './service/router';
import { ApiWorkflowResolver } from './service/WorkflowResolver';
import { TemporalRunner } from './temporal/TemporalRunner';

/**
 * The executions backend plugin: starts runs of workflow versions on
 * Temporal (queued behind concurrency limits), shows them with their live
 * state, cancels, resumes and re-runs them and passes approval decisions on.
 *
 * @public
 */
export const executionsPlugin = createBackendPlugin({
  pluginId: 'executions',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(executionsPermissions);

        const store = await DatabaseExecutionStore.create({
          database: deps.database,
        });
        const runner = new TemporalRunner(
          readTemporalSettings(deps.config),
          deps.logger,
        );
        deps.lifecycle.addShutdownHook(() => runner.close());
        const starter = new ExecutionStarter({
          store,
          runner,
          logger: deps.logger,
        });

        // Runs held back by a concurrency limit (or by Temporal being
        // unreachable) start here once a slot frees.
        await deps.scheduler.scheduleTask({
          id: 'executions-start-queued',
          frequency: { seconds: 5 },
          timeout: { minutes: 1 },
          initialDelay: { seconds: 5 },
          fn: () => starter.startAllQueued(),
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            userInfo: deps.userInfo,
            store,
            runner,
            starter,
            resolver: new ApiWorkflowResolver({
              discovery: deps.discovery,
              auth: deps.auth,
            }),
          }),
        );
      },
    });
  },
});
