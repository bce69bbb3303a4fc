import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { executionsPermissions } from '@ai-ops/plugin-executions-common';
import { WORKFLOW_TRIGGERS_TOPIC } from '@ai-ops/plugin-workflows-common';
import {
  meterExecutionEvents,
  observeOutboxBacklog,
  observeQueueDepth,
  rabbitMqQueueDepths,
} from '@ai-ops/telemetry';
import {
  DatabaseExecutionEventHistory,
  EXECUTION_EVENTS_HISTORY_QUEUE,
  DatabaseExecutionStore,
  DatabaseExecutionMetrics,
  DatabaseExecutionRetention,
  readRetentionSettings,
  InProcessEventBus,
  OutboxRelay,
  RabbitMqEventPublisher,
  readTemporalSettings,
} from '@ai-ops/plugin-executions-node';
import { startEventConsumers } from './events/ExecutionEventConsumers';
import { ExecutionNotifier } from './events/ExecutionNotifier';
import { ExecutionSignalPublisher } from './events/ExecutionSignalPublisher';
import { ApiComponentSchemaSource } from './service/ComponentSchemas';
import { ExecutionStarter } from './service/ExecutionStarter';
import { createRouter } from './service/router';
import { ApiTriggerSource } from './service/TriggerSource';
import { ApiWorkflowResolver } from './service/WorkflowResolver';
import { ScheduleSync } from './temporal/ScheduleSync';
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
        signals: signalsServiceRef,
        notifications: notificationService,
        events: eventsServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(executionsPermissions);

        const store = await DatabaseExecutionStore.create({
          database: deps.database,
        });
        // Lifecycle events leave through the transactional outbox: to
        // RabbitMQ when configured, else to an in-process bus.
        const rabbitMqUrl = deps.config.getOptionalString(
          'executions.events.rabbitmq.url',
        );
        const publisher = rabbitMqUrl
          ? new RabbitMqEventPublisher({
              url: rabbitMqUrl,
              exchange: deps.config.getOptionalString(
                'executions.events.rabbitmq.exchange',
              ),
              logger: deps.logger,
            })
          : new InProcessEventBus();
        const relay = new OutboxRelay({
          knex: await deps.database.getClient(),
          // Runs, tokens and cost are counted as their events leave.
          publisher: meterExecutionEvents(publisher),
          logger: deps.logger,
          pollIntervalMs: deps.config.getOptionalNumber(
            'executions.events.relay.pollIntervalMs',
          ),
          batchSize:
            deps.config.getOptionalNumber(
              'executions.events.relay.batchSize',
            ) ?? 500,
          // The in-process bus hands batches to its subscribers one by one.
          publishWindow: rabbitMqUrl
            ? deps.config.getOptionalNumber(
                'executions.events.relay.publishWindow',
              ) ?? 4
            : 1,
        });
        relay.start();
        const stopObservingOutbox = observeOutboxBacklog(() => relay.backlog());
        const historyQueue =
          deps.config.getOptionalString(
            'executions.events.rabbitmq.historyQueue',
          ) ?? EXECUTION_EVENTS_HISTORY_QUEUE;
        const queueDepths = rabbitMqUrl
          ? rabbitMqQueueDepths({ url: rabbitMqUrl, queues: [historyQueue] })
          : undefined;
        const stopObservingQueues = queueDepths
          ? observeQueueDepth(queueDepths.depths)
          : undefined;

        // The consumed side of the same events: the stored history,
        // notifications, and signals to this instance's browsers.
        const history = await DatabaseExecutionEventHistory.create({
          database: deps.database,
        });
        const consumers = startEventConsumers({
          source: rabbitMqUrl
            ? {
                type: 'rabbitmq',
                url: rabbitMqUrl,
                exchange: deps.config.getOptionalString(
                  'executions.events.rabbitmq.exchange',
                ),
                historyQueue: deps.config.getOptionalString(
                  'executions.events.rabbitmq.historyQueue',
                ),
                prefetch: deps.config.getOptionalNumber(
                  'executions.events.rabbitmq.prefetch',
                ),
              }
            : { type: 'in-process', bus: publisher as InProcessEventBus },
          history,
          signals: new ExecutionSignalPublisher({
            signals: deps.signals,
            logger: deps.logger,
          }),
          notifier: new ExecutionNotifier({
            notifications: deps.notifications,
            store,
            logger: deps.logger,
          }),
          logger: deps.logger,
        });
        deps.lifecycle.addShutdownHook(async () => {
          stopObservingOutbox();
          stopObservingQueues?.();
          await queueDepths?.close();
          await relay.stop();
          await consumers.stop();
          if (publisher instanceof RabbitMqEventPublisher) {
            await publisher.close();
          }
        });

        const settings = readTemporalSettings(deps.config);
        const runner = new TemporalRunner(settings, deps.logger);
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

        const triggers = new ApiTriggerSource({
          discovery: deps.discovery,
          auth: deps.auth,
        });
        // Temporal Schedules follow the stored schedule triggers (created,
        // paused, updated, deleted): as soon as the workflows plugin
        // announces a change, and at start and every 30 seconds for changes
        // announced to another process.
        const schedules = new ScheduleSync({
          client: () => runner.temporalClient(),
          triggers,
          taskQueue: settings.taskQueue,
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: 'executions-sync-schedules',
          frequency: { seconds: 30 },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 3 },
          fn: async () => {
            await schedules.requestSync();
          },
        });
        await deps.events.subscribe({
          id: 'executions-schedule-sync',
          topics: [WORKFLOW_TRIGGERS_TOPIC],
          onEvent: async () => {
            await schedules
              .requestSync()
              .catch(error =>
                deps.logger.warn(
                  `Could not sync the Temporal Schedules after a trigger changed; the periodic pass retries: ${error}`,
                ),
              );
          },
        });

        // Finished runs older than their workflow's retention go, in
        // batches; pinned and unfinished runs stay.
        const retentionSettings = readRetentionSettings(deps.config);
        const retention = await DatabaseExecutionRetention.create({
          database: deps.database,
          defaultDays: retentionSettings.defaultDays,
          batchSize: retentionSettings.batchSize,
        });
        await deps.scheduler.scheduleTask({
          id: 'executions-prune-runs',
          ...retentionSettings.schedule,
          fn: async () => {
            const { deletedRuns } = await retention.prune();
            if (deletedRuns > 0) {
              deps.logger.info(
                `Retention removed ${deletedRuns} finished runs`,
              );
            }
          },
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
            triggers,
            temporalClient: () => runner.temporalClient(),
            auth: deps.auth,
            history,
            metrics: await DatabaseExecutionMetrics.create({
              database: deps.database,
            }),
            retention,
            componentSchemas: new ApiComponentSchemaSource({
              discovery: deps.discovery,
              auth: deps.auth,
            }),
          }),
        );
        // Webhook calls carry their trigger's secret instead of a Backstage
        // token; the route checks it.
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
