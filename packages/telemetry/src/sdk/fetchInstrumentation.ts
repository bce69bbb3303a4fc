import diagnosticsChannel from 'node:diagnostics_channel';
import {
  context,
  propagation,
  Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

/** The parts of undici's request object the channels hand out. */
interface UndiciRequest {
  origin: string | URL;
  method: string;
  path: string;
  addHeader(name: string, value: string): unknown;
}

const TRACER = '@ai-ops/telemetry/fetch';

/**
 * Traces Node's `fetch` (undici), which `@opentelemetry/instrumentation-http`
 * does not see: a client span per request from undici's diagnostics
 * channels, with the W3C trace context injected into the request headers so
 * the callee (the console's other process, a model provider) continues the
 * trace. Returns a function that stops it.
 */
export function instrumentFetch(): () => void {
  const spans = new WeakMap<UndiciRequest, Span>();
  const tracer = trace.getTracer(TRACER);

  const onCreate = (message: unknown) => {
    const { request } = message as { request: UndiciRequest };
    const origin = new URL(String(request.origin));
    const span = tracer.startSpan(request.method, {
      kind: SpanKind.CLIENT,
      attributes: {
        'http.request.method': request.method,
        'url.full': `${origin.origin}${request.path}`,
        'server.address': origin.hostname,
        'server.port': Number(
          origin.port || (origin.protocol === 'https:' ? 443 : 80),
        ),
      },
    });
    spans.set(request, span);
    const carrier: Record<string, string> = {};
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    for (const [name, value] of Object.entries(carrier)) {
      request.addHeader(name, value);
    }
  };
  const onHeaders = (message: unknown) => {
    const { request, response } = message as {
      request: UndiciRequest;
      response: { statusCode: number };
    };
    const span = spans.get(request);
    if (!span) return;
    span.setAttribute('http.response.status_code', response.statusCode);
    if (response.statusCode >= 400) {
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
  };
  const onEnd = (message: unknown) => {
    const { request } = message as { request: UndiciRequest };
    spans.get(request)?.end();
    spans.delete(request);
  };
  const onError = (message: unknown) => {
    const { request, error } = message as {
      request: UndiciRequest;
      error: Error;
    };
    const span = spans.get(request);
    if (!span) return;
    span.recordException(error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
    span.end();
    spans.delete(request);
  };

  const subscriptions: Array<[string, (message: unknown) => void]> = [
    ['undici:request:create', onCreate],
    ['undici:request:headers', onHeaders],
    ['undici:request:trailers', onEnd],
    ['undici:request:error', onError],
  ];
  // A subscriber that throws would surface as an uncaught exception: a
  // request that cannot be traced goes on untraced.
  const guarded = subscriptions.map(
    ([name, handler]): [string, (message: unknown) => void] => [
      name,
      message => {
        try {
          handler(message);
        } catch {
          // Tracing never breaks a call.
        }
      },
    ],
  );
  for (const [name, handler] of guarded) {
    diagnosticsChannel.subscribe(name, handler);
  }
  return () => {
    for (const [name, handler] of guarded) {
      diagnosticsChannel.unsubscribe(name, handler);
    }
  };
}
