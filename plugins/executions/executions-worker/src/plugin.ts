import {
  coreServices,
  createBackendPlugin,
  HttpRouterService,
} from '@backstage/backend-plugin-api';
import {
  ComponentRuntime,
  createComponentInvoker,
  readPriceTable,
} from '@ai-ops/plugin-ai-components-node';
import {
  connectionOptions,
  createAiComponentsInvocationClient,
  createCachedComponentRevisionSource,
  createExecutionActivities,
  createRuntimeInvocationClient,
  createScheduleActivities,
  createWorkflowSnapshotSource,
  DatabaseExecutionStore,
  executionsWorkerRuntimesExtensionPoint,
  readTemporalSettings,
  secretsStayInRegistry,
} from '@ai-ops/plugin-executions-node';
import { ensureWorkflowBundle } from '@ai-ops/plugin-executions-workflows';
import {
  createTemporalWorkerTelemetry,
  exportsWorkflowTraces,
} from '@ai-ops/telemetry';
import { NativeConnection, Worker } from '@temporalio/worker';

/** Step attempts one worker runs at once, unless configured. */
const DEFAULT_MAX_CONCURRENT_ACTIVITIES = 50;

type Handler = Parameters<HttpRouterService['use']>[0];

/**
 * The Temporal worker of the executions capability, for a process of its
 * own (packages/worker): polls the task queue, runs the interpreter
 * workflow from its pre-built bundle and the step activities (state into
 * the executions store; components run in this process by the runtimes
 * modules add through `executionsWorkerRuntimesExtensionPoint`, and through
 * the ai-components API when they need a secret or no runtime of their type
 * is installed here).
 *
 * @public
 */
export const executionsWorkerPlugin = createBackendPlugin({
  pluginId: 'executions',
  register(env) {
    const runtimes = new Map<string, ComponentRuntime>();
    env.registerExtensionPoint(executionsWorkerRuntimesExtensionPoint, {
      addRuntime(...added) {
        for (const runtime of added) {
          if (runtimes.has(runtime.type)) {
            throw new Error(
              `A runtime of type '${runtime.type}' is already registered`,
            );
          }
          runtimes.set(runtime.type, runtime);
        }
      },
    });
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
        const viaApi = createAiComponentsInvocationClient({ discovery, auth });
        const invoker =
          runtimes.size === 0
            ? viaApi
            : createRuntimeInvocationClient({
                invoker: createComponentInvoker({
                  runtimes: runtimes.values(),
                  priceTable: readPriceTable(config),
                  logger,
                  getSecret: secretsStayInRegistry,
                }),
                components: createCachedComponentRevisionSource({
                  discovery,
                  auth,
                }),
                fallback: viaApi,
              });
        logger.info(
          runtimes.size === 0
            ? 'No runtimes installed in the worker: steps run through the ai-components API'
            : `Steps run in the worker with runtimes ${[...runtimes.keys()]
                .sort()
                .join(', ')}`,
        );
        const activities = {
          ...createExecutionActivities({
            store,
            invoker,
            workflows: createWorkflowSnapshotSource({ discovery, auth }),
            logger,
          }),
          // What a trigger's Temporal Schedule fires: a run through the API.
          ...createScheduleActivities({ discovery, auth }),
        };
        // Workflow spans only when this process exports traces: without an
        // OTLP endpoint they would be built in every run and dropped.
        const traced = await exportsWorkflowTraces();
        const codePath = await ensureWorkflowBundle({ logger, traced });
        logger.info(
          traced
            ? 'Workflow tracing on: the interpreter bundle with the OpenTelemetry workflow interceptors'
            : 'Workflow tracing off (no traces exported): the interpreter bundle without tracing interceptors',
        );

        const connection = await NativeConnection.connect(
          connectionOptions(settings),
        );
        const worker = await Worker.create({
          connection,
          namespace: settings.namespace,
          taskQueue: settings.taskQueue,
          workflowBundle: { codePath },
          activities,
          // Tracing: activity spans continued from the workflow's, with the
          // step's attributes and metrics; workflow spans (from the bundle's
          // interceptors) leave the sandbox through the `exporter` sink.
          ...createTemporalWorkerTelemetry(),
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
