import { ROOT_CONTEXT, SpanKind, TraceFlags } from '@opentelemetry/api';
import {
  ReadableSpan,
  Span,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { DeferredSpanProcessor, WorkflowSpanProcessor } from './spanProcessors';

class CollectingProcessor implements SpanProcessor {
  readonly ended: ReadableSpan[] = [];
  onStart(_span: Span) {}
  onEnd(span: ReadableSpan) {
    this.ended.push(span);
  }
  forceFlush = () => Promise.resolve();
  shutdown = () => Promise.resolve();
}

const spanContext = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  traceFlags: TraceFlags.SAMPLED,
};

describe('WorkflowSpanProcessor', () => {
  it('gives spans from the workflow sandbox their parent and scope in the current shape', () => {
    const target = new CollectingProcessor();
    const serialized = {
      name: 'RunWorkflow:runWorkflowVersion',
      kind: SpanKind.INTERNAL,
      spanContext: () => spanContext,
      parentSpanId: '00f067aa0ba902b7',
      instrumentationLibrary: { name: '@temporalio/interceptor-workflow' },
      attributes: {},
    } as unknown as ReadableSpan;
    new WorkflowSpanProcessor(target).onEnd(serialized);
    const [span] = target.ended;
    expect(span.parentSpanContext).toEqual({
      traceId: spanContext.traceId,
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
      isRemote: false,
    });
    expect(span.instrumentationScope).toEqual({
      name: '@temporalio/interceptor-workflow',
    });
    expect(span.spanContext()).toBe(spanContext);
    expect(span.name).toBe('RunWorkflow:runWorkflowVersion');
  });
});

describe('DeferredSpanProcessor', () => {
  const span = { name: 'early' } as unknown as ReadableSpan;

  it('hands spans ended before the exporter was known to it', () => {
    const deferred = new DeferredSpanProcessor();
    deferred.onEnd(span);
    const target = new CollectingProcessor();
    deferred.setDelegate(target);
    deferred.onStart({} as Span, ROOT_CONTEXT);
    deferred.onEnd({ name: 'late' } as unknown as ReadableSpan);
    expect(target.ended.map(s => s.name)).toEqual(['early', 'late']);
  });

  it('drops them when nothing exports spans', () => {
    const deferred = new DeferredSpanProcessor();
    deferred.onEnd(span);
    deferred.setDelegate(undefined);
    deferred.onEnd(span);
    const target = new CollectingProcessor();
    deferred.setDelegate(target);
    expect(target.ended).toEqual([]);
  });
});
