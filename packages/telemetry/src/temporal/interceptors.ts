import type {
  ReadableSpan,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
  OpenTelemetryWorkflowClientInterceptor,
} from '@temporalio/interceptors-opentelemetry';
import type { ClientInterceptors } from '@temporalio/client';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import { getTelemetryRuntime } from '../sdk/start';
import { exportsTraces } from '../sdk/settings';
import { WorkflowSpanProcessor } from '../sdk/spanProcessors';
import { StepTelemetryInterceptor } from './stepTelemetry';

/**
 * The module the workflow bundle includes for tracing inside workflows
 * (`workflowInterceptorModules` of `bundleWorkflowCode`).
 *
 * @public
 */
export const WORKFLOW_INTERCEPTORS_MODULE =
  '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';

/**
 * Interceptors for a Temporal `Client`: a span per call, with the trace
 * context passed to the workflow in its headers.
 *
 * @public
 */
export function createTemporalClientInterceptors(): ClientInterceptors {
  return { workflow: [new OpenTelemetryWorkflowClientInterceptor()] };
}

/**
 * Whether this process exports traces, once its telemetry settings are read:
 * a worker that does not loads the workflow bundle without the tracing
 * interceptors, so that its runs build no spans that would be dropped.
 *
 * @public
 */
export async function exportsWorkflowTraces(): Promise<boolean> {
  const runtime = getTelemetryRuntime();
  if (!runtime) return false;
  return runtime.ready.then(exportsTraces, () => false);
}

/** Drops workflow spans when this process has no instrumentation. */
const discard: SpanProcessor = {
  onStart() {},
  onEnd(_span: ReadableSpan) {},
  forceFlush: () => Promise.resolve(),
  shutdown: () => Promise.resolve(),
};

/**
 * What a Temporal `Worker` needs for tracing: activity interceptors (the
 * span of each activity, continued from the workflow's headers, with the
 * step's attributes and metrics) and the `exporter` sink through which the
 * workflow interceptors of the bundle hand their spans out of the sandbox.
 *
 * @public
 */
export function createTemporalWorkerTelemetry(): {
  interceptors: WorkerInterceptors;
  sinks: InjectedSinks<any>;
} {
  const runtime = getTelemetryRuntime();
  const processor = runtime
    ? new WorkflowSpanProcessor(runtime.spanProcessor)
    : discard;
  return {
    interceptors: {
      activity: [
        ctx => ({
          inbound: new OpenTelemetryActivityInboundInterceptor(ctx),
          outbound: new OpenTelemetryActivityOutboundInterceptor(ctx),
        }),
        ctx => ({ inbound: new StepTelemetryInterceptor(ctx) }),
      ],
    },
    sinks: {
      exporter: makeWorkflowExporter(
        processor as any,
        (runtime?.resource ?? { attributes: {} }) as any,
      ),
    },
  };
}
