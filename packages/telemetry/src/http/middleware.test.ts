import express from 'express';
import request from 'supertest';
import { trace } from '@opentelemetry/api';
import { startTestTelemetry } from '../__testUtils__/otel';
import { currentLogFields } from '../logging/logContext';
import { CORRELATION_ID_HEADER, createTelemetryMiddleware } from './middleware';

const telemetry = startTestTelemetry();
afterAll(() => telemetry.shutdown());

/** An app whose requests run inside a server span, as the HTTP instrumentation makes them. */
function app() {
  const tracer = trace.getTracer('test');
  const server = express();
  server.use((_req, res, next) =>
    tracer.startActiveSpan('GET', span => {
      res.once('finish', () => span.end());
      next();
    }),
  );
  server.use(createTelemetryMiddleware({ serviceName: 'ai-ops-test' }));
  const router = express.Router();
  router.get('/executions/:id', (_req, res) => {
    res.json(currentLogFields());
  });
  router.post('/executions', (_req, res) => {
    res.status(202).json({});
  });
  server.use('/api/executions', router);
  return server;
}

describe('createTelemetryMiddleware', () => {
  it('echoes an offered correlation id and puts it with the execution id on log lines', async () => {
    const res = await request(app())
      .get('/api/executions/executions/run-1')
      .set(CORRELATION_ID_HEADER, 'abc-123');
    expect(res.status).toBe(200);
    expect(res.headers[CORRELATION_ID_HEADER]).toBe('abc-123');
    expect(res.body).toEqual({
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      span_id: expect.stringMatching(/^[0-9a-f]{16}$/),
      correlation_id: 'abc-123',
      execution_id: 'run-1',
    });
  });

  it('makes a new correlation id when none or an unusable one is sent', async () => {
    const none = await request(app()).get('/api/executions/executions/x');
    expect(none.headers[CORRELATION_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
    const bad = await request(app())
      .get('/api/executions/executions/x')
      .set(CORRELATION_ID_HEADER, 'has spaces in it');
    expect(bad.headers[CORRELATION_ID_HEADER]).not.toBe('has spaces in it');
    expect(bad.headers[CORRELATION_ID_HEADER]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('counts requests and their duration by matched route and status', async () => {
    await request(app()).post('/api/executions/executions').send({});
    await request(app()).get('/api/nothing-here');
    const text = await telemetry.metricsText();
    expect(text).toContain(
      'aiops_http_requests_total{service="ai-ops-test",method="POST",route="/api/executions/executions",status="202"} 1',
    );
    expect(text).toContain(
      'aiops_http_requests_total{service="ai-ops-test",method="GET",route="unmatched",status="404"} 1',
    );
    expect(text).toMatch(
      /aiops_http_request_duration_seconds_bucket\{service="ai-ops-test",method="GET",route="\/api\/executions\/executions\/:id",status="200",le="0.005"\}/,
    );
  });
});
