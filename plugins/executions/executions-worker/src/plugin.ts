import {
  coreServices,
  createBackendPlugin,
  HttpRouterService,
} from '@backstage/backend-plugin-api';
import {
  connectionOptions,
  createAiComponentsInvocationClient,
  createExecutionActivities,
  createScheduleActivities,
  createWorkflowSnapshotSource,
  DatabaseExecutionStore,
  readTemporalSettings,
} from '@ai-ops/plugin-executions-node';
import { ensureWorkflowBundle } from '@ai-ops/plugin-executions-workflows';
import { NativeConnection, Worker } from '@temporalio/worker';

/** Step attempts one worker runs at once, unless configured. */
const DEFAULT_MAX_CONCURRENT_ACTIVITIES = 50;

type Handler = Parameters<HttpRouterService['use']>[0];

/**
 * The Temporal worker of the executions capability, for a process of its
 * own (packages/worker): polls the task queue, runs the interpreter
 * workflow from its pre-built bundle and the step activities (component
 * calls through the ai-components API, state into the executions store).
 *
 * @public
 */
export const executionsWorkerPlugin = createBackendPlugin({
  pluginId: 'executions',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
      },
      async init({
        config,
        logger,
        database,
        discovery,
        auth,
        lifecycle,
        httpRouter,
      }) {
        const settings = readTemporalSettings(config);
        const store = await DatabaseExecutionStore.create({ database });
        const activities = {
          ...createExecutionActivities({
            store,
            invoker: createAiComponentsInvocationClient({ discovery, auth }),
            workflows: createWorkflowSnapshotSource({ discovery, auth }),
            logger,
          }),
          // What a trigger's Temporal Schedule fires: a run through the API.
          ...createScheduleActivities({ discovery, auth }),
        };
        const codePath = await ensureWorkflowBundle({ logger });

        const connection = await NativeConnection.connect(
          connectionOptions(settings),
        );
        const worker = await Worker.create({
          connection,
          namespace: settings.namespace,
          taskQueue: settings.taskQueue,
          workflowBundle: { codePath },
          activities,
          maxConcurrentActivityTaskExecutions:
            config.getOptionalNumber(
              'executions.worker.maxConcurrentActivities',
            ) ?? DEFAULT_MAX_CONCURRENT_ACTIVITIES,
          // Cancellation reaches a running step with a heartbeat's answer:
          // send them often enough that a cancel stops a call within seconds.
          maxHeartbeatThrottleInterval: '5s',
        });

        const running = worker.run().then(
          () => logger.info('The Temporal worker stopped'),
          error =>
            logger.error(
              'The Temporal worker failed; no runs progress here',
              error,
            ),
        );
        logger.info(
          `Temporal worker polls task queue '${settings.taskQueue}' of namespace '${settings.namespace}' at ${settings.address}`,
        );

        lifecycle.addShutdownHook(async () => {
          if (worker.getState() === 'RUNNING') worker.shutdown();
          await running;
          await connection.close();
        });

        const health: Handler = (req, res, next) => {
          if (req.method !== 'GET' || req.path !== '/health') {
            next();
            return;
          }
          const state = worker.getState();
          res.status(state === 'RUNNING' ? 200 : 503).json({
            status: state === 'RUNNING' ? 'ok' : 'unavailable',
            worker: state,
            taskQueue: settings.taskQueue,
            namespace: settings.namespace,
          });
        };
        httpRouter.use(health);
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
