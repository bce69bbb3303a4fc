import { Context } from '@opentelemetry/api';
import type {
  ReadableSpan,
  Span,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';

/** Spans kept while the exporter is not configured yet (startup). */
const MAX_BUFFERED_SPANS = 2048;

/**
 * A span processor whose real processor arrives later: the instrumentation
 * starts before the app-config is read, so spans ended in between are kept
 * (up to a bound) and handed over once `setDelegate` is called.
 */
export class DeferredSpanProcessor implements SpanProcessor {
  private delegate: SpanProcessor | undefined;
  private settled = false;
  private buffer: ReadableSpan[] = [];

  /** Hands buffered and future spans to `processor`, or drops them when undefined. */
  setDelegate(processor: SpanProcessor | undefined): void {
    this.delegate = processor;
    this.settled = true;
    const buffered = this.buffer;
    this.buffer = [];
    if (processor) for (const span of buffered) processor.onEnd(span);
  }

  onStart(span: Span, parentContext: Context): void {
    this.delegate?.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    if (this.delegate) this.delegate.onEnd(span);
    else if (!this.settled && this.buffer.length < MAX_BUFFERED_SPANS)
      this.buffer.push(span);
  }

  async forceFlush(): Promise<void> {
    await this.delegate?.forceFlush();
  }

  async shutdown(): Promise<void> {
    await this.delegate?.shutdown();
  }
}

type SerializedWorkflowSpan = ReadableSpan & {
  parentSpanId?: string;
  instrumentationLibrary?: ReadableSpan['instrumentationScope'];
};

/**
 * Workflow spans come out of Temporal's sandbox in the shape of
 * `@opentelemetry/sdk-trace-base` 1.x (`parentSpanId`,
 * `instrumentationLibrary`); this hands them to a 2.x processor in its shape
 * (`parentSpanContext`, `instrumentationScope`), so they keep their parent.
 */
export class WorkflowSpanProcessor implements SpanProcessor {
  constructor(private readonly target: SpanProcessor) {}

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    const legacy = span as SerializedWorkflowSpan;
    const spanContext = span.spanContext();
    const normalized = Object.assign(Object.create(null), legacy, {
      spanContext: () => spanContext,
      instrumentationScope: legacy.instrumentationScope ??
        legacy.instrumentationLibrary ?? { name: '@temporalio/workflow' },
      parentSpanContext:
        legacy.parentSpanContext ??
        (legacy.parentSpanId
          ? {
              traceId: spanContext.traceId,
              spanId: legacy.parentSpanId,
              traceFlags: spanContext.traceFlags,
              isRemote: false,
            }
          : undefined),
    }) as ReadableSpan;
    this.target.onEnd(normalized);
  }

  forceFlush(): Promise<void> {
    return this.target.forceFlush();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
