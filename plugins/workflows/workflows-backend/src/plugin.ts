import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  WORKFLOW_TRIGGERS_TOPIC,
  WorkflowTriggersChangedEvent,
} from '@ai-ops/plugin-workflows-common';
import { DatabaseWorkflowStore } from './database/DatabaseWorkflowStore';
import { registerAIWorkflowPermissions } from './permissions/ownership';
import { CatalogWorkflowSync } from './service/CatalogWorkflowSync';
import { AiComponentsResolver } from './service/componentResolver';
import { workflowRef } from './service/representation';
import { createRouter } from './service/router';

/**
 * The workflows backend plugin: versioned workflow definitions, their labels
 * and triggers, validated against the AI components registry, and mirrored
 * to and from the catalog.
 *
 * @public
 */
export const workflowsPlugin = createBackendPlugin({
  pluginId: 'workflows',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const store = await DatabaseWorkflowStore.create({
          database: deps.database,
          // The executions plugin syncs its Temporal Schedules on this
          // rather than at its next periodic pass.
          onTriggersChanged: ({ key, change, triggerId }) => {
            const eventPayload: WorkflowTriggersChangedEvent = {
              workflowRef: workflowRef(key),
              change,
              ...(triggerId ? { triggerId } : {}),
            };
            deps.events
              .publish({ topic: WORKFLOW_TRIGGERS_TOPIC, eventPayload })
              .catch(error =>
                deps.logger.warn(
                  `Could not announce the changed triggers of ${eventPayload.workflowRef}`,
                  error,
                ),
              );
          },
        });

        registerAIWorkflowPermissions({
          permissionsRegistry: deps.permissionsRegistry,
          store,
        });

        await CatalogWorkflowSync.start({
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          scheduler: deps.scheduler,
          logger: deps.logger,
          config: deps.config,
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            permissionsRegistry: deps.permissionsRegistry,
            auditor: deps.auditor,
            store,
            components: new AiComponentsResolver({
              discovery: deps.discovery,
              auth: deps.auth,
            }),
          }),
        );
      },
    });
  },
});
