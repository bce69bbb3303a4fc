import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { bindLogContext, LogContext } from '../logging/logContext';
import { aiOpsInstruments } from '../metrics/instruments';

/** The header that carries a request's correlation id, both ways. @public */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** A caller's id is kept when it looks like an id, else a new one is made. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

const EXECUTION_PATH = /^\/api\/executions\/executions\/([A-Za-z0-9_-]+)/;

const LOG_CONTEXT = Symbol.for('@ai-ops/telemetry.logContext');
type WithLogContext = { [LOG_CONTEXT]?: LogContext };

/** The log context of a request (for the verified caller). @internal */
export function requestLogContext(req: object): LogContext | undefined {
  return (req as WithLogContext)[LOG_CONTEXT];
}

/**
 * The route a request matched, as written in its router
 * (`/api/executions/executions/:id`), so that the label stays bounded.
 */
function routeOf(req: Request, res: Response): string {
  const routePath = req.route?.path;
  if (typeof routePath === 'string') return `${req.baseUrl}${routePath}`;
  if (res.statusCode === 404) return 'unmatched';
  if (req.baseUrl) return `${req.baseUrl}/*`;
  return 'other';
}

/**
 * The first middleware of every request: a correlation id (the caller's
 * `x-correlation-id`, or a new one) on the response and on every log line of
 * the request, the execution id for runs' routes, and the
 * `aiops_http_requests_total` / `aiops_http_request_duration_seconds`
 * metrics once the response is sent.
 *
 * @public
 */
export function createTelemetryMiddleware(options: { serviceName: string }) {
  const { serviceName } = options;
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const offered = req.get(CORRELATION_ID_HEADER);
    const correlationId =
      offered && ACCEPTABLE_ID.test(offered) ? offered : randomUUID();
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    trace.getActiveSpan()?.setAttribute('ai_ops.correlation_id', correlationId);

    const executionId = EXECUTION_PATH.exec(req.path)?.[1];
    const bound = bindLogContext({
      correlationId,
      ...(executionId ? { executionId } : {}),
    });
    (req as WithLogContext)[LOG_CONTEXT] = bound.context;

    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      // After the request log line, which is written on 'finish' too.
      setImmediate(bound.release);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const labels = {
        service: serviceName,
        method: req.method,
        route: routeOf(req, res),
        status: String(res.statusCode),
      };
      const instruments = aiOpsInstruments();
      instruments.httpRequests.add(1, labels);
      instruments.httpRequestDuration.record(seconds, labels);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}
