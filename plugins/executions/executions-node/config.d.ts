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
        /**
         * The durable queue the executions backends share to store the
         * event history (each event is stored by one replica).
         * @default ai-ops.executions.history
         */
        historyQueue?: string;
        /**
         * Unacknowledged messages each consumer takes at once.
         * @default 50
         */
        prefetch?: number;
      };
      /** The outbox relay of the executions backend. */
      relay?: {
        /**
         * How often the relay looks for unpublished events. On PostgreSQL it
         * also LISTENs for commits and relays at once.
         * @default 500
         */
        pollIntervalMs?: number;
        /**
         * Events published per batch (one confirm wait each) while there is
         * a backlog.
         * @default 500
         */
        batchSize?: number;
        /**
         * Batches in flight to RabbitMQ at once while earlier ones wait for
         * their confirms (the in-process bus always takes one at a time).
         * @default 4
         */
        publishWindow?: number;
      };
    };

    /**
     * How long finished runs are kept. A scheduled task of the executions
     * backend deletes older runs with their step attempts and events, never
     * pinned or unfinished ones. A workflow may set its own days
     * (`PUT /retention/workflows/{namespace}/{name}`).
     */
    retention?: {
      /**
       * Days finished runs of a workflow without its own policy are kept.
       * @default 30
       */
      defaultDays?: number;
      /**
       * Runs deleted per transaction.
       * @default 500
       */
      batchSize?: number;
      /**
       * When the pruning task runs, e.g. `{ frequency: { hours: 1 },
       * timeout: { minutes: 15 } }` or `{ frequency: { cron: '0 3 * * *' },
       * timeout: { hours: 1 } }`.
       * @default { frequency: { hours: 1 }, timeout: { minutes: 15 }, initialDelay: { minutes: 1 } }
       */
      schedule?: {
        frequency:
          | { cron: string }
          | string
          | {
              years?: number;
              months?: number;
              weeks?: number;
              days?: number;
              hours?: number;
              minutes?: number;
              seconds?: number;
              milliseconds?: number;
            };
        timeout:
          | string
          | {
              years?: number;
              months?: number;
              weeks?: number;
              days?: number;
              hours?: number;
              minutes?: number;
              seconds?: number;
              milliseconds?: number;
            };
        initialDelay?:
          | string
          | {
              years?: number;
              months?: number;
              weeks?: number;
              days?: number;
              hours?: number;
              minutes?: number;
              seconds?: number;
              milliseconds?: number;
            };
      };
    };
  };
}
