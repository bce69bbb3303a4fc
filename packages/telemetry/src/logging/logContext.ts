import { isSpanContextValid, trace } from '@opentelemetry/api';

/** What log lines of one request or step attempt carry besides the trace ids. @public */
export interface LogContext {
  correlationId?: string;
  /** The verified caller: a user entity ref or a service's subject. */
  user?: string;
  executionId?: string;
  stepId?: string;
}

interface Entry {
  context: LogContext;
  holders: number;
}

/*
 * Keyed by trace id rather than held in an AsyncLocalStorage of our own:
 * OpenTelemetry's context survives where ours would not (request streams
 * re-enter the socket's async context after body parsing, and the
 * instrumentation binds them to the request's span).
 */
const byTrace = new Map<string, Entry>();

/** The trace and span ids of the active span, when there is one. */
export function activeTraceIds():
  | { traceId: string; spanId: string }
  | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}

/**
 * Attaches `context` to the log lines of the active trace until the
 * returned release function is called; returns the shared context object,
 * which later writers (the verified user) fill in.
 *
 * @public
 */
export function bindLogContext(context: LogContext): {
  context: LogContext;
  release: () => void;
} {
  const ids = activeTraceIds();
  if (!ids) return { context, release: () => {} };
  const existing = byTrace.get(ids.traceId);
  const entry = existing ?? { context: {}, holders: 0 };
  Object.assign(entry.context, context);
  entry.holders += 1;
  byTrace.set(ids.traceId, entry);
  let released = false;
  return {
    context: entry.context,
    release: () => {
      if (released) return;
      released = true;
      entry.holders -= 1;
      if (entry.holders <= 0 && byTrace.get(ids.traceId) === entry) {
        byTrace.delete(ids.traceId);
      }
    },
  };
}

/** The fields a log line written now carries (trace ids and the bound context). @public */
export function currentLogFields(): Record<string, string> {
  const ids = activeTraceIds();
  if (!ids) return {};
  const fields: Record<string, string> = {
    trace_id: ids.traceId,
    span_id: ids.spanId,
  };
  const bound = byTrace.get(ids.traceId)?.context;
  if (bound?.correlationId) fields.correlation_id = bound.correlationId;
  if (bound?.user) fields.user = bound.user;
  if (bound?.executionId) fields.execution_id = bound.executionId;
  if (bound?.stepId) fields.step_id = bound.stepId;
  return fields;
}

/** Number of traces with a bound context (for tests). @internal */
export function boundTraceCount(): number {
  return byTrace.size;
}
