export interface Config {
  aiOps?: {
    backend?: {
      /**
       * The feature groups this backend process runs (see
       * packages/backend/src/features.ts): `core` (Backstage: app, sign-in,
       * catalog, RBAC, search, signals) and the capabilities
       * `ai-components`, `workflows`, `executions`, `recommendations`.
       * Split deployments (the Helm chart's `split.capabilities`) run some
       * capabilities in their own processes, found through
       * `discovery.endpoints`.
       * @default all groups
       */
      features?: Array<
        | 'core'
        | 'ai-components'
        | 'workflows'
        | 'executions'
        | 'recommendations'
      >;
    };
  };
}
