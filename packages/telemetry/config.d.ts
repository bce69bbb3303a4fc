export interface Config {
  /**
   * OpenTelemetry traces and Prometheus metrics of this process (the
   * backend or the worker). Read before the backend starts, by the
   * instrumentation that `node --require @ai-ops/telemetry/instrument` loads,
   * from the same config files and `APP_CONFIG_*` variables as the backend.
   * The `service.name` is `ai-ops-<package>` (ai-ops-backend, ai-ops-worker)
   * unless `OTEL_SERVICE_NAME` is set.
   */
  telemetry?: {
    tracing?: {
      /**
       * Whether spans are recorded and exported. Without an OTLP endpoint
       * spans are still created (trace ids in logs and headers) but not sent.
       * @default true
       */
      enabled?: boolean;
      /**
       * Share of new traces that are recorded, from 0 to 1; a trace
       * continued from a caller follows the caller's decision.
       * @default 1
       */
      sampleRatio?: number;
      /**
       * The OTLP/HTTP (JSON) trace exporter: Jaeger, Tempo, an OpenTelemetry
       * Collector or a vendor endpoint. Without it, `OTEL_EXPORTER_OTLP_ENDPOINT`
       * / `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` are used when set.
       */
      otlp?: {
        /**
         * The collector's base URL (`/v1/traces` is appended) or, when it
         * already ends in `/v1/traces`, the full traces URL.
         */
        endpoint?: string;
        /**
         * Headers sent with every export (e.g. an API key).
         * @visibility secret
         */
        headers?: { [name: string]: string };
      };
    };
    metrics?: {
      /**
       * Whether the Prometheus endpoint is served.
       * @default true
       */
      enabled?: boolean;
      /**
       * The address the metrics endpoint listens on.
       * @default 0.0.0.0
       */
      host?: string;
      /**
       * The port of the metrics endpoint.
       * @default 9464 (app-config.worker.yaml sets 9465 for the worker)
       */
      port?: number;
      /**
       * The path of the metrics endpoint.
       * @default /metrics
       */
      path?: string;
      /** The Temporal SDK's own worker metrics (worker process only). */
      temporal?: {
        /**
         * Whether the Temporal SDK serves its Prometheus metrics.
         * @default true
         */
        enabled?: boolean;
        /**
         * `host:port` of the Temporal SDK's Prometheus endpoint (`/metrics`).
         * @default 0.0.0.0:9466
         */
        bindAddress?: string;
      };
    };
  };
}
