export interface Config {
  /** The recommendations capability. */
  recommendations?: {
    /**
     * How often the index re-reads components, workflows and runs, in
     * seconds: the most a recommendation can lag behind a change.
     * @default 60
     */
    refreshIntervalSeconds?: number;
    /**
     * Recent succeeded runs read for co-usage, cost, latency and quality.
     * @default 2000
     */
    maxRuns?: number;
    /**
     * How long a caller's permission decisions that name no resource (may
     * it use recommendations; may it read all components, none, or only
     * some) are kept, in seconds: the most a role or group change can lag in
     * recommendations. Conditional decisions are still checked per result on
     * every request. 0 asks the permission backend on every request.
     * @default 5
     */
    permissionCacheSeconds?: number;
    embeddings?: {
      /**
       * `builtin`: the offline feature-hashing embedder (no downloads);
       * `openai`: an OpenAI-compatible embeddings endpoint. Changing it (or
       * the model or dimensions) re-embeds into a new collection.
       * @default builtin
       */
      provider?: 'builtin' | 'openai';
      /**
       * Vector length of the built-in embedder.
       * @default 384
       */
      dimensions?: number;
      openai?: {
        /** e.g. https://api.openai.com/v1, or a vLLM / Ollama / LM Studio URL ending in /v1. */
        baseUrl: string;
        /** e.g. text-embedding-3-small */
        model: string;
        /**
         * Sent as a bearer token.
         * @visibility secret
         */
        apiKey?: string;
        /** Requested vector length, for models that support shortening. */
        dimensions?: number;
      };
    };
    /**
     * A Weaviate server. Without this section (or with neither URL set) an
     * exact in-memory index serves (zero setup). Both URLs are needed.
     */
    weaviate?: {
      /** REST endpoint, e.g. http://127.0.0.1:8079 */
      httpUrl?: string;
      /** gRPC endpoint, e.g. 127.0.0.1:50051 (https://host:443 for TLS) */
      grpcUrl?: string;
      /**
       * @visibility secret
       */
      apiKey?: string;
      /**
       * Alias name, and prefix of the per-embedder collection names.
       * @default AiOpsRecommendations
       */
      collectionPrefix?: string;
    };
  };
}
