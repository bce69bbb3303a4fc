export interface Config {
  /**
   * The Temporal cluster runs execute on. Defaults to the local server that
   * `scripts/services/temporal.sh start` runs.
   */
  temporal?: {
    /**
     * host:port of the frontend service.
     * @default 127.0.0.1:7233
     */
    address?: string;
    /** @default ai-ops */
    namespace?: string;
    /**
     * Task queue the worker polls and runs are started on.
     * @default ai-ops-executions
     */
    taskQueue?: string;
    /** mTLS for a self-hosted cluster or Temporal Cloud. */
    tls?: {
      serverName?: string;
      /** PEM. */
      serverRootCACertificate?: string;
      /** PEM. */
      clientCertificate?: string;
      /**
       * PEM.
       * @visibility secret
       */
      clientKey?: string;
    };
    /**
     * Temporal Cloud API key (implies TLS).
     * @visibility secret
     */
    apiKey?: string;
  };

  executions?: {
    /** Lifecycle events (docs/events.md). */
    events?: {
      /**
       * RabbitMQ to publish to; without it, events flow through an
       * in-process bus.
       */
      rabbitmq?: {
        /**
         * e.g. amqp://user:password@rabbitmq:5672 (amqps:// for TLS).
         * @visibility secret
         */
        url?: string;
        /**
         * The durable topic exchange.
         * @default ai-ops.executions
         */
        exchange?: string;
      };
    };
  };
}
