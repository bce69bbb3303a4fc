import { trace } from '@opentelemetry/api';
import * as winston from 'winston';
import { startTestTelemetry } from '../__testUtils__/otel';
import { bindLogContext } from './logContext';
import {
  productionLogFormat,
  traceContextFormat,
} from './rootLoggerServiceFactory';

const telemetry = startTestTelemetry();
afterAll(() => telemetry.shutdown());

const format = winston.format.combine(
  traceContextFormat(),
  winston.format.json(),
);
/** Where winston formats put the finished line (triple-beam's MESSAGE). */
const MESSAGE = Symbol.for('message');
const render = (info: winston.Logform.TransformableInfo) =>
  JSON.parse(
    (format.transform({ ...info }) as Record<string | symbol, string>)[MESSAGE],
  );

describe('traceContextFormat', () => {
  it('adds trace ids and the bound context to lines written inside a span', () => {
    trace.getTracer('test').startActiveSpan('request', span => {
      const bound = bindLogContext({
        correlationId: 'c-1',
        executionId: 'run-1',
      });
      bound.context.user = 'user:default/ada';
      const line = render({ level: 'info', message: 'hello', stepId: 'x' });
      bound.release();
      span.end();
      expect(line).toEqual({
        level: 'info',
        message: 'hello',
        stepId: 'x',
        trace_id: span.spanContext().traceId,
        span_id: span.spanContext().spanId,
        correlation_id: 'c-1',
        user: 'user:default/ada',
        execution_id: 'run-1',
      });
    });
  });

  it('leaves lines outside a trace as they are, and explicit fields win', () => {
    expect(render({ level: 'info', message: 'boot' })).toEqual({
      level: 'info',
      message: 'boot',
    });
    trace.getTracer('test').startActiveSpan('request', span => {
      const line = render({ level: 'info', message: 'x', trace_id: 'given' });
      span.end();
      expect(line.trace_id).toBe('given');
    });
  });
});

describe('productionLogFormat', () => {
  const renderProduction = (info: winston.Logform.TransformableInfo) =>
    JSON.parse(
      (productionLogFormat().transform({ ...info }) as Record<symbol, string>)[
        MESSAGE
      ],
    );

  it('writes an error logged as the message with its text and stack', () => {
    class ServiceUnavailableError extends Error {
      name = 'ServiceUnavailableError';
    }
    const error = new ServiceUnavailableError('Temporal is not reachable');
    const line = renderProduction({
      level: 'error',
      message: error as unknown as string,
      task: 'executions-sync-schedules',
    });
    expect(line).toMatchObject({
      level: 'error',
      message: 'Temporal is not reachable',
      task: 'executions-sync-schedules',
      timestamp: expect.any(String),
    });
    expect(line.stack).toMatch(
      /^ServiceUnavailableError: Temporal is not reachable\n\s+at /,
    );
  });

  it('keeps ordinary lines as they are, with a timestamp', () => {
    expect(renderProduction({ level: 'info', message: 'boot' })).toEqual({
      level: 'info',
      message: 'boot',
      timestamp: expect.any(String),
    });
  });
});
