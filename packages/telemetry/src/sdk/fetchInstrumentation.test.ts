import http from 'node:http';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { startTestTelemetry } from '../__testUtils__/otel';
import { instrumentFetch } from './fetchInstrumentation';

const telemetry = startTestTelemetry();
const stop = instrumentFetch();
const received: Array<string | undefined> = [];
const server = http.createServer((req, res) => {
  received.push(req.headers.traceparent as string | undefined);
  res.statusCode = req.url === '/missing' ? 404 : 200;
  res.end('{}');
});
let base = '';

beforeAll(async () => {
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  stop();
  server.close();
  await telemetry.shutdown();
});
beforeEach(() => telemetry.spans.reset());

describe('instrumentFetch', () => {
  it('makes a client span per fetch under the active span and sends its context to the callee', async () => {
    const stepSpanId = await trace
      .getTracer('test')
      .startActiveSpan('step', async span => {
        await (await fetch(`${base}/v1/chat/completions`)).text();
        span.end();
        return span.spanContext().spanId;
      });
    const client = telemetry.spans
      .getFinishedSpans()
      .find(s => s.kind === SpanKind.CLIENT);
    expect(client).toBeDefined();
    expect(client!.parentSpanContext?.spanId).toBe(stepSpanId);
    expect(client!.attributes).toMatchObject({
      'http.request.method': 'GET',
      'url.full': `${base}/v1/chat/completions`,
      'http.response.status_code': 200,
    });
    expect(received.at(-1)).toBe(
      `00-${client!.spanContext().traceId}-${client!.spanContext().spanId}-01`,
    );
  });

  it('marks an error status as an error', async () => {
    await (await fetch(`${base}/missing`)).text();
    const client = telemetry.spans
      .getFinishedSpans()
      .find(s => s.kind === SpanKind.CLIENT);
    expect(client!.status.code).toBe(SpanStatusCode.ERROR);
    expect(client!.attributes['http.response.status_code']).toBe(404);
  });
});
