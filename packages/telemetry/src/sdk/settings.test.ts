import { ConfigReader } from '@backstage/config';
import {
  exportsTraces,
  otlpTracesUrl,
  readTelemetrySettings,
} from './settings';

describe('readTelemetrySettings', () => {
  it('has defaults: metrics on 9464, Temporal on 9466, no exporter', () => {
    const settings = readTelemetrySettings(new ConfigReader({}), { env: {} });
    expect(settings).toEqual({
      tracing: {
        enabled: true,
        sampleRatio: 1,
        otlpTracesUrl: undefined,
        otlpHeaders: {},
      },
      metrics: {
        enabled: true,
        host: '0.0.0.0',
        port: 9464,
        path: '/metrics',
        temporal: { enabled: true, bindAddress: '0.0.0.0:9466' },
      },
    });
  });

  it('reads telemetry.* and appends /v1/traces to the OTLP endpoint', () => {
    const settings = readTelemetrySettings(
      new ConfigReader({
        telemetry: {
          tracing: {
            sampleRatio: 0.25,
            otlp: {
              endpoint: 'http://tempo:4318/',
              headers: { 'x-api-key': 'k' },
            },
          },
          metrics: {
            port: 9465,
            host: '127.0.0.1',
            temporal: { bindAddress: '127.0.0.1:19466', enabled: false },
          },
        },
      }),
      { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318' } },
    );
    expect(settings.tracing).toEqual({
      enabled: true,
      sampleRatio: 0.25,
      otlpTracesUrl: 'http://tempo:4318/v1/traces',
      otlpHeaders: { 'x-api-key': 'k' },
    });
    expect(settings.metrics.port).toBe(9465);
    expect(settings.metrics.temporal).toEqual({
      enabled: false,
      bindAddress: '127.0.0.1:19466',
    });
  });

  it('falls back to the standard OTEL_* variables', () => {
    const settings = readTelemetrySettings(new ConfigReader({}), {
      env: {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20x,tenant=a',
      },
    });
    expect(settings.tracing.otlpTracesUrl).toBe(
      'http://collector:4318/v1/traces',
    );
    expect(settings.tracing.otlpHeaders).toEqual({
      authorization: 'Bearer x',
      tenant: 'a',
    });
    expect(
      readTelemetrySettings(new ConfigReader({}), {
        env: {
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://c:4318/custom/traces',
        },
      }).tracing.otlpTracesUrl,
    ).toBe('http://c:4318/custom/traces');
    expect(
      readTelemetrySettings(new ConfigReader({}), {
        env: { OTEL_SDK_DISABLED: 'true' },
      }),
    ).toMatchObject({
      tracing: { enabled: false },
      metrics: { enabled: false, temporal: { enabled: false } },
    });
  });

  it('names the key of an invalid value', () => {
    expect(() =>
      readTelemetrySettings(
        new ConfigReader({ telemetry: { tracing: { sampleRatio: 2 } } }),
        { env: {} },
      ),
    ).toThrow('telemetry.tracing.sampleRatio');
    expect(() =>
      readTelemetrySettings(
        new ConfigReader({ telemetry: { metrics: { port: 70000 } } }),
        { env: {} },
      ),
    ).toThrow('telemetry.metrics.port');
  });

  it('keeps a full traces URL as it is', () => {
    expect(otlpTracesUrl('https://x.example/v1/traces')).toBe(
      'https://x.example/v1/traces',
    );
  });
});

describe('exportsTraces', () => {
  const settings = (tracing: object, env = {}) =>
    readTelemetrySettings(new ConfigReader({ telemetry: { tracing } }), {
      env,
    });

  it('is true only with tracing on and an OTLP endpoint', () => {
    expect(
      exportsTraces(settings({ otlp: { endpoint: 'http://tempo:4318' } })),
    ).toBe(true);
    expect(
      exportsTraces(
        settings({}, { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }),
      ),
    ).toBe(true);
    expect(exportsTraces(settings({}))).toBe(false);
    expect(
      exportsTraces(
        settings({ enabled: false, otlp: { endpoint: 'http://tempo:4318' } }),
      ),
    ).toBe(false);
  });
});
