import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { ConfigSources } from '@backstage/config-loader';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { AmqplibInstrumentation } from '@opentelemetry/instrumentation-amqplib';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { Resource, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@opentelemetry/semantic-conventions';
import { instrumentFetch } from './fetchInstrumentation';
import { ConfigurableSampler } from './sampler';
import {
  exportsTraces,
  readTelemetrySettings,
  TelemetrySettings,
} from './settings';
import { DeferredSpanProcessor } from './spanProcessors';

/** The running instrumentation of this process. @public */
export interface TelemetryRuntime {
  serviceName: string;
  resource: Resource;
  /** Every finished span goes through this processor (also workflow spans). */
  spanProcessor: SpanProcessor;
  /** Resolves once the app-config is read and exporters are set up. */
  ready: Promise<TelemetrySettings>;
  /** The address of the Prometheus endpoint once it listens. */
  metricsAddress(): { host: string; port: number } | undefined;
  /** Exports what is buffered (at shutdown). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

const RUNTIME = Symbol.for('@ai-ops/telemetry.runtime');
type Holder = { [RUNTIME]?: TelemetryRuntime };

/** The instrumentation started by `startTelemetry`, if any. @public */
export function getTelemetryRuntime(): TelemetryRuntime | undefined {
  return (globalThis as Holder)[RUNTIME];
}

/**
 * `ai-ops-<package name>` of the script being run (`packages/backend` ->
 * ai-ops-backend, `packages/worker` -> ai-ops-worker).
 */
function defaultServiceName(entry: string | undefined): string {
  let dir = entry ? path.resolve(entry) : process.cwd();
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = process.cwd();
  }
  for (let i = 0; i < 6; i++) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const { name } = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (typeof name === 'string') {
        return `ai-ops-${name.replace(/^@[^/]+\//, '')}`;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return 'ai-ops-console';
}

function warn(message: string): void {
  // The Backstage logger does not exist yet when this runs.
  process.stderr.write(
    `${JSON.stringify({
      level: 'warn',
      message,
      service: 'telemetry',
      timestamp: new Date().toISOString(),
    })}\n`,
  );
}

async function readSettings(): Promise<TelemetrySettings> {
  const source = ConfigSources.default({
    argv: process.argv,
    env: process.env,
    watch: false,
  });
  const config = await ConfigSources.toConfig(source);
  try {
    return readTelemetrySettings(config);
  } finally {
    config.close();
  }
}

function serveMetrics(
  exporter: PrometheusExporter,
  settings: TelemetrySettings['metrics'],
): Promise<http.Server | undefined> {
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://metrics');
    if (req.method === 'GET' && pathname === settings.path) {
      exporter.getMetricsRequestHandler(req, res);
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  return new Promise(resolve => {
    server.once('error', error => {
      warn(
        `The Prometheus endpoint could not listen on ${settings.host}:${settings.port}: ${error.message}`,
      );
      resolve(undefined);
    });
    server.listen(settings.port, settings.host, () => {
      server.unref();
      resolve(server);
    });
  });
}

/**
 * Starts OpenTelemetry in this process: the Node SDK with the HTTP,
 * express, pg, ioredis and amqplib instrumentations and fetch tracing, the
 * global meter provider with the Prometheus reader (Backstage's own
 * metrics use it too), then reads `telemetry.*` from the app-config (the
 * same `--config` arguments and `APP_CONFIG_*` variables as the backend)
 * to point spans at the OTLP exporter and open the metrics endpoint.
 *
 * Idempotent; does nothing in worker threads.
 *
 * @public
 */
export function startTelemetry(): TelemetryRuntime | undefined {
  const existing = getTelemetryRuntime();
  if (existing || !isMainThread) return existing;

  const serviceName =
    process.env.OTEL_SERVICE_NAME ?? defaultServiceName(process.argv[1]);
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: serviceName,
    [ATTR_SERVICE_VERSION]: process.env.AI_OPS_VERSION ?? '0.1.0',
  });
  const sampler = new ConfigurableSampler();
  const spanProcessor = new DeferredSpanProcessor();
  const prometheus = new PrometheusExporter({
    preventServerStart: true,
    withoutScopeInfo: true,
  });
  let metricsServer: http.Server | undefined;

  const ignoredPaths = ['/.backstage/health', '/healthcheck'];
  const sdk = new NodeSDK({
    resource,
    autoDetectResources: false,
    sampler,
    spanProcessors: [spanProcessor],
    metricReaders: [prometheus],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: req =>
          ignoredPaths.some(p => req.url?.startsWith(p)) ||
          (metricsServer !== undefined &&
            req.socket.localPort ===
              (metricsServer.address() as { port: number } | null)?.port),
      }),
      new ExpressInstrumentation(),
      // Pollers (the outbox relay, the scheduler) would open a trace per
      // query: database and cache spans only inside a traced operation.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
      new AmqplibInstrumentation(),
    ],
  });
  sdk.start();
  const stopFetch = instrumentFetch();

  const ready = readSettings().then(async settings => {
    const exporting = exportsTraces(settings);
    sampler.configure({
      record: exporting,
      ratio: settings.tracing.sampleRatio,
    });
    spanProcessor.setDelegate(
      exporting
        ? new BatchSpanProcessor(
            new OTLPTraceExporter({
              url: settings.tracing.otlpTracesUrl,
              headers: settings.tracing.otlpHeaders,
            }),
            { scheduledDelayMillis: 1000 },
          )
        : undefined,
    );
    if (settings.metrics.enabled) {
      metricsServer = await serveMetrics(prometheus, settings.metrics);
    }
    return settings;
  });
  ready.catch(error => {
    warn(`Telemetry is not configured: ${error?.message ?? error}`);
    spanProcessor.setDelegate(undefined);
    sampler.configure({ record: false, ratio: 0 });
  });

  const runtime: TelemetryRuntime = {
    serviceName,
    resource,
    spanProcessor,
    ready,
    metricsAddress() {
      const address = metricsServer?.address();
      return address && typeof address === 'object'
        ? { host: address.address, port: address.port }
        : undefined;
    },
    flush: () => spanProcessor.forceFlush(),
    async shutdown() {
      stopFetch();
      metricsServer?.close();
      await sdk.shutdown();
    },
  };
  (globalThis as Holder)[RUNTIME] = runtime;
  return runtime;
}
