/**
 * OpenTelemetry traces, Prometheus metrics and trace-aware logs for the
 * console's processes (packages/backend and packages/worker). Load
 * `@ai-ops/telemetry/instrument` with `node --require` before either starts.
 *
 * @packageDocumentation
 */
export {
  startTelemetry,
  getTelemetryRuntime,
  type TelemetryRuntime,
} from './sdk/start';
export {
  readTelemetrySettings,
  otlpTracesUrl,
  exportsTraces,
  DEFAULT_METRICS_PORT,
  DEFAULT_TEMPORAL_METRICS_BIND_ADDRESS,
  type TelemetrySettings,
} from './sdk/settings';
export {
  aiOpsInstruments,
  AIOPS_METER_NAME,
  type AiOpsInstruments,
} from './metrics/instruments';
export {
  createTelemetryMiddleware,
  CORRELATION_ID_HEADER,
} from './http/middleware';
export { httpAuthServiceFactory } from './http/httpAuthServiceFactory';
export { rootHttpRouterServiceFactory } from './http/rootHttpRouterServiceFactory';
export {
  rootLoggerServiceFactory,
  traceContextFormat,
} from './logging/rootLoggerServiceFactory';
export {
  bindLogContext,
  currentLogFields,
  type LogContext,
} from './logging/logContext';
export {
  createTemporalClientInterceptors,
  createTemporalWorkerTelemetry,
  exportsWorkflowTraces,
  WORKFLOW_INTERCEPTORS_MODULE,
} from './temporal/interceptors';
export { StepTelemetryInterceptor } from './temporal/stepTelemetry';
export { installTemporalRuntimeTelemetry } from './temporal/runtime';
export {
  meterExecutionEvents,
  type MeteredEventMessage,
  type MeteredEventPublisher,
} from './executions/executionEventMetrics';
export {
  observeOutboxBacklog,
  observeQueueDepth,
  rabbitMqQueueDepths,
  type OutboxBacklog,
} from './executions/backlogGauges';

import { httpAuthServiceFactory as httpAuth } from './http/httpAuthServiceFactory';
import { rootHttpRouterServiceFactory as rootHttpRouter } from './http/rootHttpRouterServiceFactory';
import { rootLoggerServiceFactory as rootLogger } from './logging/rootLoggerServiceFactory';

/**
 * The service factories a console process adds to its backend: the root
 * logger with trace context, the root HTTP router with correlation ids and
 * HTTP metrics, and `httpAuth` that notes the verified caller for logs.
 *
 * @public
 */
export const telemetryServiceFactories = [rootLogger, rootHttpRouter, httpAuth];
