import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  ComponentRuntime,
  componentRuntimesExtensionPoint,
  createComponentInvoker,
  readPriceTable,
  RuntimeError,
} from '@ai-ops/plugin-ai-components-node';
import { DatabaseComponentStore } from './database/DatabaseComponentStore';
import { registerAIComponentPermissions } from './permissions/ownership';
import { SecretCipher } from './secrets/SecretCipher';
import { DatabaseSecretStore, mayUseSecret } from './secrets/SecretStore';
import { SecretRedactor } from './secrets/SecretRedactor';
import { CatalogComponentSync } from './service/CatalogComponentSync';
import { createRouter } from './service/router';
import { WorkflowsUsageClient } from './service/workflowUsage';

/**
 * The ai-components backend plugin: the registry of AI components, their
 * versions and secrets, and the runtimes that invoke them.
 *
 * @public
 */
export const aiComponentsPlugin = createBackendPlugin({
  pluginId: 'ai-components',
  register(env) {
    const runtimes = new Map<string, ComponentRuntime>();
    env.registerExtensionPoint(componentRuntimesExtensionPoint, {
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
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const { config, logger, database, httpRouter, permissionsRegistry } =
          deps;
        const store = await DatabaseComponentStore.create({ database });
        const secrets = await DatabaseSecretStore.create({
          database,
          cipher: SecretCipher.fromConfig(config),
        });
        const redactor = new SecretRedactor();
        const invoker = createComponentInvoker({
          runtimes: runtimes.values(),
          priceTable: readPriceTable(config),
          logger,
          getSecret: async (name, component) => {
            const secret = await secrets.reveal(name);
            if (secret === undefined) {
              throw new RuntimeError(
                'SecretNotFound',
                `No secret named '${name}'`,
              );
            }
            if (!mayUseSecret(secret, component)) {
              throw new RuntimeError(
                'InvalidConfig',
                `Secret '${name}' belongs to ${
                  secret.owner
                }; only components owned by ${secret.owner} may use it${
                  component.owner
                    ? ` (this one is owned by ${component.owner})`
                    : ''
                }`,
              );
            }
            return redactor.remember(secret.value);
          },
        });

        registerAIComponentPermissions({
          permissionsRegistry,
          loadSecretOwners: names => secrets.owners(names),
          loadOwners: refs =>
            store.getOwners(
              refs.map(ref => {
                const { namespace, name } = parseEntityRef(ref);
                return { namespace, name };
              }),
            ),
        });

        await CatalogComponentSync.start({
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          scheduler: deps.scheduler,
          logger,
          config,
        });

        httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            permissionsRegistry,
            auditor: deps.auditor,
            store,
            secrets,
            invoker,
            redactor,
            usage: new WorkflowsUsageClient({
              discovery: deps.discovery,
              auth: deps.auth,
            }),
          }),
        );
      },
    });
  },
});
