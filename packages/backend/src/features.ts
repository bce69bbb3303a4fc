/*
 * The backend's features, in groups that a deployment can select with
 * `aiOps.backend.features` (default: all of them). One process runs
 * everything by default; the Helm chart's split mode
 * (deploy/helm/ai-ops-console, `split.capabilities`) runs a capability's
 * group in a Deployment of its own and routes to it through
 * `discovery.endpoints`, while the main Deployment runs the rest.
 */
import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

/** The feature groups, by the name used in `aiOps.backend.features`. */
export const featureGroups = {
  // Backstage itself: the app, sign-in, catalog, RBAC, search, signals.
  core: () => [
    import('@backstage/plugin-app-backend'),
    import('@backstage/plugin-proxy-backend'),
    // Sign-in: guest for local use, any OpenID Connect provider in production.
    import('@backstage/plugin-auth-backend'),
    import('@backstage/plugin-auth-backend-module-guest-provider'),
    // (Backstage's OIDC provider, reading the IdP's metadata again after a
    // failed read instead of failing every sign-in until a restart.)
    import('./modules/oidcProvider'),
    // Catalog, with the AIComponent and AIWorkflow kinds.
    import('@backstage/plugin-catalog-backend'),
    import('@backstage/plugin-catalog-backend-module-logs'),
    import('@ai-ops/plugin-catalog-backend-module-ai-kinds'),
    // Permissions: role-based access control with CSV/database policies and
    // ownership conditions (replaces the permission backend's allow-all policy).
    import('@backstage-community/plugin-rbac-backend'),
    // Search over the catalog (PostgreSQL engine when on PostgreSQL).
    import('@backstage/plugin-search-backend'),
    import('@backstage/plugin-search-backend-module-pg'),
    import('@backstage/plugin-search-backend-module-catalog'),
    import('@backstage/plugin-user-settings-backend'),
    import('@backstage/plugin-notifications-backend'),
    import('@backstage/plugin-signals-backend'),
  ],
  // The AI Ops Console capabilities.
  'ai-components': () => [
    import('@ai-ops/plugin-ai-components-backend'),
    // Component runtimes: the built-in six, and an example third-party module.
    import('@ai-ops/plugin-ai-components-backend-module-runtimes'),
    import('@ai-ops/plugin-ai-components-backend-module-anthropic'),
  ],
  workflows: () => [import('@ai-ops/plugin-workflows-backend')],
  executions: () => [import('@ai-ops/plugin-executions-backend')],
  recommendations: () => [import('@ai-ops/plugin-recommendations-backend')],
};

/** Loads the groups named in `aiOps.backend.features`, or all of them. */
export const backendFeatures = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  async *loader({ config }) {
    const known = Object.keys(featureGroups);
    const selected =
      config.getOptionalStringArray('aiOps.backend.features') ?? known;
    const unknown = selected.filter(name => !known.includes(name));
    if (unknown.length > 0) {
      throw new Error(
        `aiOps.backend.features: unknown group(s) ${unknown.join(
          ', ',
        )}; known: ${known.join(', ')}`,
      );
    }
    for (const name of selected) {
      const group = featureGroups[name as keyof typeof featureGroups];
      for (const feature of group()) {
        yield await feature;
      }
    }
  },
});
