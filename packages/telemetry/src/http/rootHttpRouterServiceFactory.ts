import { rootHttpRouterServiceFactory as defaultFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { getTelemetryRuntime } from '../sdk/start';
import { createTelemetryMiddleware } from './middleware';

/**
 * Backstage's root HTTP router with the telemetry middleware in front of
 * the defaults (helmet, CORS, compression, request logs, rate limits,
 * health, routes) and the span export flushed at shutdown.
 *
 * @public
 */
export const rootHttpRouterServiceFactory = defaultFactory({
  configure({ app, applyDefaults, lifecycle }) {
    const runtime = getTelemetryRuntime();
    app.use(
      createTelemetryMiddleware({
        serviceName: runtime?.serviceName ?? 'ai-ops-backend',
      }),
    );
    if (runtime) lifecycle.addShutdownHook(() => runtime.flush());
    applyDefaults();
  },
});
