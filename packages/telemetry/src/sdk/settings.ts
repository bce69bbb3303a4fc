import type { Config } from '@backstage/config';

/** What the instrumentation does in this process, from `telemetry.*`. @public */
export interface TelemetrySettings {
  tracing: {
    enabled: boolean;
    sampleRatio: number;
    /** The full OTLP/HTTP traces URL, when spans are exported. */
    otlpTracesUrl?: string;
    otlpHeaders: Record<string, string>;
  };
  metrics: {
    enabled: boolean;
    host: string;
    port: number;
    path: string;
    temporal: { enabled: boolean; bindAddress: string };
  };
}

/** Default ports: backend 9464, worker 9465, the Temporal SDK 9466. @public */
export const DEFAULT_METRICS_PORT = 9464;
/** @public */
export const DEFAULT_TEMPORAL_METRICS_BIND_ADDRESS = '0.0.0.0:9466';

type Env = Record<string, string | undefined>;

/** `a=b,c=d` as OTEL_EXPORTER_OTLP_HEADERS spells headers. */
function parseHeaderList(value: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) {
      headers[decodeURIComponent(pair.slice(0, eq).trim())] =
        decodeURIComponent(pair.slice(eq + 1).trim());
    }
  }
  return headers;
}

/**
 * True when spans leave the process: tracing is on and an OTLP endpoint is
 * set. Otherwise the sampler records nothing and no span is kept.
 *
 * @public
 */
export function exportsTraces(settings: TelemetrySettings): boolean {
  return (
    settings.tracing.enabled && settings.tracing.otlpTracesUrl !== undefined
  );
}

/** The traces URL of an OTLP/HTTP endpoint: `/v1/traces` unless given. */
export function otlpTracesUrl(endpoint: string): string {
  const trimmed = endpoint.replace(/\/+$/, '');
  return trimmed.endsWith('/v1/traces') ? trimmed : `${trimmed}/v1/traces`;
}

/**
 * Reads `telemetry.*`; the standard `OTEL_*` variables fill in what the
 * config leaves out (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `OTEL_EXPORTER_OTLP_HEADERS`,
 * `OTEL_SDK_DISABLED`).
 *
 * @public
 */
export function readTelemetrySettings(
  config: Config | undefined,
  options: { env?: Env } = {},
): TelemetrySettings {
  const env = options.env ?? process.env;
  const telemetry = config?.getOptionalConfig('telemetry');
  const tracing = telemetry?.getOptionalConfig('tracing');
  const otlp = tracing?.getOptionalConfig('otlp');
  const metrics = telemetry?.getOptionalConfig('metrics');
  const temporal = metrics?.getOptionalConfig('temporal');

  const configuredEndpoint = otlp?.getOptionalString('endpoint');
  let tracesUrl: string | undefined;
  if (configuredEndpoint) tracesUrl = otlpTracesUrl(configuredEndpoint);
  else if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
    tracesUrl = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  else if (env.OTEL_EXPORTER_OTLP_ENDPOINT)
    tracesUrl = otlpTracesUrl(env.OTEL_EXPORTER_OTLP_ENDPOINT);

  const configuredHeaders = otlp?.getOptionalConfig('headers');
  const otlpHeaders = configuredHeaders
    ? Object.fromEntries(
        configuredHeaders.keys().map(k => [k, configuredHeaders.getString(k)]),
      )
    : parseHeaderList(
        env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? env.OTEL_EXPORTER_OTLP_HEADERS,
      );

  const sampleRatio = tracing?.getOptionalNumber('sampleRatio') ?? 1;
  if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
    throw new Error(
      `Invalid config at telemetry.tracing.sampleRatio: ${sampleRatio} is not between 0 and 1`,
    );
  }
  const port = metrics?.getOptionalNumber('port') ?? DEFAULT_METRICS_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `Invalid config at telemetry.metrics.port: ${port} is not a port number`,
    );
  }
  const sdkDisabled = env.OTEL_SDK_DISABLED === 'true';
  return {
    tracing: {
      enabled: !sdkDisabled && (tracing?.getOptionalBoolean('enabled') ?? true),
      sampleRatio,
      otlpTracesUrl: tracesUrl,
      otlpHeaders,
    },
    metrics: {
      enabled: !sdkDisabled && (metrics?.getOptionalBoolean('enabled') ?? true),
      host: metrics?.getOptionalString('host') ?? '0.0.0.0',
      port,
      path: metrics?.getOptionalString('path') ?? '/metrics',
      temporal: {
        enabled:
          !sdkDisabled && (temporal?.getOptionalBoolean('enabled') ?? true),
        bindAddress:
          temporal?.getOptionalString('bindAddress') ??
          DEFAULT_TEMPORAL_METRICS_BIND_ADDRESS,
      },
    },
  };
}
