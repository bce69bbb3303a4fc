import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { recommendationsPermissions } from '@ai-ops/plugin-recommendations-common';
import {
  connectWeaviate,
  embeddingProviderFromConfig,
  embeddingSpaceOf,
  InMemoryVectorIndex,
  VectorIndex,
  WeaviateCollections,
  WeaviateVectorIndex,
  weaviateFromConfig,
} from '@ai-ops/plugin-recommendations-node';
import { RecommendationIndex } from './service/RecommendationIndex';
import { createRouter } from './service/router';
import { ApiRecommendationSources } from './service/sources';

/**
 * The recommendations backend plugin: similar components, next-step
 * suggestions and hybrid search over an index of the AI components and
 * workflows (Weaviate when `recommendations.weaviate` is configured, else an
 * exact in-memory index), kept in sync by a scheduled task.
 *
 * @public
 */
export const recommendationsPlugin = createBackendPlugin({
  pluginId: 'recommendations',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
      },
      async init(deps) {
        const { config, logger, lifecycle } = deps;
        deps.permissionsRegistry.addPermissions(recommendationsPermissions);
        const refreshIntervalSeconds =
          config.getOptionalNumber('recommendations.refreshIntervalSeconds') ??
          60;
        const embedder = embeddingProviderFromConfig(config);
        const weaviate = weaviateFromConfig(config);

        let writeIndex: VectorIndex;
        let readIndex: VectorIndex | undefined;
        let onBuilt: (() => Promise<void>) | undefined;
        if (weaviate) {
          const client = await connectWeaviate(weaviate);
          lifecycle.addShutdownHook(() => client.close());
          const collections = new WeaviateCollections(
            client,
            weaviate.collectionPrefix,
          );
          const target = WeaviateVectorIndex.collectionName(
            weaviate.collectionPrefix,
            await embeddingSpaceOf(embedder),
          );
          writeIndex = new WeaviateVectorIndex(client, target);
          const active = await collections.active();
          if (active && active !== target) {
            // Another embedder's collection serves until this one is full.
            readIndex = new WeaviateVectorIndex(client, active);
            logger.info(
              `Recommendations: re-embedding into ${target}; ${active} serves until then`,
            );
          }
          onBuilt = async () => {
            await collections.switchTo(target);
          };
        } else {
          writeIndex = new InMemoryVectorIndex();
        }

        const index = new RecommendationIndex({
          sources: new ApiRecommendationSources(deps),
          embedder,
          writeIndex,
          readIndex,
          onBuilt,
          logger,
          maxRuns: config.getOptionalNumber('recommendations.maxRuns'),
        });

        await deps.scheduler.scheduleTask({
          id: 'recommendations-index-sync',
          frequency: { seconds: refreshIntervalSeconds },
          timeout: { minutes: 30 },
          initialDelay: { seconds: 5 },
          // Each instance keeps its own in-memory state, so each syncs.
          scope: 'local',
          fn: async () => {
            try {
              const result = await index.sync();
              if (result.embedded || result.removed) {
                logger.info(
                  `Recommendations index synced: ${result.embedded} embedded, ${result.removed} removed in ${result.durationMs} ms`,
                );
              }
            } catch (error) {
              logger.warn(`Recommendations index sync failed: ${error}`);
            }
          },
        });

        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            auditor: deps.auditor,
            index,
            refreshIntervalSeconds,
            permissionCacheMs:
              1000 *
              (config.getOptionalNumber(
                'recommendations.permissionCacheSeconds',
              ) ?? 5),
          }),
        );
      },
    });
  },
});
