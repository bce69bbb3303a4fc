import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeSDK } from '@opentelemetry/sdk-node';
import http from 'node:http';

/**
 * The OpenTelemetry SDK for a test file: spans into an in-memory exporter,
 * metrics read by a Prometheus exporter whose text the test reads.
 */
export function startTestTelemetry() {
  const spans = new InMemorySpanExporter();
  const prometheus = new PrometheusExporter({
    preventServerStart: true,
    withoutScopeInfo: true,
  });
  const sdk = new NodeSDK({
    autoDetectResources: false,
    spanProcessors: [new SimpleSpanProcessor(spans)],
    metricReaders: [prometheus],
    instrumentations: [],
  });
  sdk.start();

  /** The Prometheus text as a scrape would get it. */
  async function metricsText(): Promise<string> {
    const server = http.createServer((req, res) =>
      prometheus.getMetricsRequestHandler(req, res),
    );
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    try {
      const { port } = server.address() as { port: number };
      return await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    } finally {
      server.close();
    }
  }

  return { spans, metricsText, shutdown: () => sdk.shutdown() };
}
