// Telemetry of the backend and the worker, both started as in production
// (`--require @ai-ops/telemetry/instrument`, NODE_ENV=production, PostgreSQL,
// RabbitMQ, Temporal): one trace from `POST /executions` through the
// Temporal workflow and the step's activity to the model provider's HTTP
// call, exported over OTLP/HTTP to a collector this test runs (keeping the
// spans in memory); the Prometheus endpoints with their names and labels;
// JSON log lines with trace, correlation and execution ids.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  productionConfigs,
  productionEnv,
  startBackend,
  workerDir,
} from './lib/backend.mjs';
import { freePort, request, waitFor } from './lib/http.mjs';
import { dropDatabasesWithPrefix, postgres } from './lib/postgres.mjs';
import { startOpenAiCompatibleServer } from './lib/openaiServer.mjs';
import { connect as amqpConnect } from 'amqplib';

const suffix = crypto.randomBytes(4).toString('hex');
const dbPrefix = `aiops_it_${suffix}_`;
const externalToken = crypto.randomBytes(24).toString('base64url');
const apiKey = `sk-local-${crypto.randomBytes(16).toString('hex')}`;
const taskQueue = `it-telemetry-${suffix}`;
const eventsExchange = `it-telemetry-events-${suffix}`;
const historyQueue = `it-telemetry-history-${suffix}`;
const workflowName = `it-traced-${suffix}`;
const workflowRef = `aiworkflow:default/${workflowName}`;
const chatRef = `aicomponent:default/it-traced-chat-${suffix}`;
const judgeRef = `aicomponent:default/it-traced-judge-${suffix}`;
const preload = ['@ai-ops/telemetry/instrument'];

let collector;
let provider;
let backend;
let worker;
let amqp;
const amqpHeaders = [];
const ports = {};

/**
 * An OpenTelemetry collector on loopback speaking OTLP/HTTP with JSON
 * bodies (what `@opentelemetry/exporter-trace-otlp-http` sends): it keeps
 * every span in memory with its service name.
 */
async function startCollector() {
  const spans = [];
  const value = v =>
    v?.stringValue ??
    (v?.intValue !== undefined ? Number(v.intValue) : undefined) ??
    v?.doubleValue ??
    v?.boolValue;
  const hex = id =>
    !id || /^[0-9a-f]+$/i.test(id)
      ? id
      : Buffer.from(id, 'base64').toString('hex');
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = value(
          resourceSpans.resource?.attributes?.find(
            a => a.key === 'service.name',
          )?.value,
        );
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          for (const span of scopeSpans.spans ?? []) {
            spans.push({
              service,
              name: span.name,
              kind: span.kind,
              traceId: hex(span.traceId),
              spanId: hex(span.spanId),
              parentSpanId: hex(span.parentSpanId) || undefined,
              attributes: Object.fromEntries(
                (span.attributes ?? []).map(a => [a.key, value(a.value)]),
              ),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    spans,
    stop: () => new Promise(r => server.close(r)),
  };
}

/** Prometheus text: `[{ name, labels, value }]` of every sample line. */
function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, key, val] of (match[2] ?? '').matchAll(
      /(\w+)="((?:[^"\\]|\\.)*)"/g,
    )) {
      labels[key] = val;
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(port) {
  const res = await request(`http://127.0.0.1:${port}/metrics`);
  assert.equal(res.status, 200);
  return parseMetrics(res.text);
}

const find = (samples, name, labels = {}) =>
  samples.filter(
    s =>
      s.name === name &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );

/** The JSON log lines a process printed. */
function jsonLines(output) {
  return output
    .split('\n')
    .filter(line => line.startsWith('{'))
    .map(line => {
      try {
        return JSON.parse(line);
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
}

const call = (p, { method = 'GET', body, headers } = {}) =>
  request(`${backend.baseUrl}/api${p}`, {
    method,
    body,
    headers: { authorization: `Bearer ${externalToken}`, ...headers },
  });

async function register(body) {
  const res = await call('/ai-components/components', {
    method: 'POST',
    body,
  });
  assert.equal(res.status, 201, res.text);
}

before(async () => {
  collector = await startCollector();
  provider = await startOpenAiCompatibleServer({ apiKey });
  for (const name of [
    'backend',
    'worker',
    'backendMetrics',
    'workerMetrics',
    'temporalMetrics',
  ]) {
    ports[name] = await freePort();
  }

  amqp = await amqpConnect('amqp://guest:guest@127.0.0.1:5672');
  const channel = await amqp.createChannel();
  await channel.assertExchange(eventsExchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, eventsExchange, '#');
  await channel.consume(queue, message => {
    amqpHeaders.push({
      type: message.properties.type,
      ...(message.properties.headers ?? {}),
    });
    channel.ack(message);
  });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-ops-telemetry-'));
  const temporal = `temporal:\n  taskQueue: ${taskQueue}\n`;
  const events = `executions:\n  events:\n    rabbitmq:\n      url: amqp://guest:guest@127.0.0.1:5672\n      exchange: ${eventsExchange}\n      historyQueue: ${historyQueue}\n`;
  const backendConfig = path.join(dir, 'backend.yaml');
  fs.writeFileSync(
    backendConfig,
    `${temporal}${events}aiOps:\n  backend:\n    features: [core, ai-components, workflows, executions]\ntelemetry:\n  tracing:\n    otlp:\n      endpoint: ${collector.url}\n  metrics:\n    host: 127.0.0.1\n    port: ${ports.backendMetrics}\n`,
  );
  const workerConfig = path.join(dir, 'worker.yaml');
  fs.writeFileSync(
    workerConfig,
    `${temporal}backend:\n  baseUrl: http://localhost:${ports.worker}\n  listen:\n    port: ${ports.worker}\ndiscovery:\n  endpoints:\n    - target: http://localhost:${ports.backend}/api/{{pluginId}}\n      plugins: [ai-components, workflows, executions, catalog, auth, permission]\n`,
  );
  const env = productionEnv({
    port: ports.backend,
    dbPrefix,
    externalToken,
    postgres,
  });
  backend = await startBackend({
    port: ports.backend,
    configs: productionConfigs(backendConfig),
    env,
    preload,
  });
  // The worker reads the collector and its ports from the environment,
  // the way a container would be configured.
  worker = await startBackend({
    port: ports.worker,
    configs: productionConfigs(workerConfig),
    env: {
      ...env,
      BACKEND_PORT: String(ports.worker),
      BACKEND_BASE_URL: `http://localhost:${ports.worker}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      APP_CONFIG_telemetry_metrics_host: '127.0.0.1',
      APP_CONFIG_telemetry_metrics_port: String(ports.workerMetrics),
      APP_CONFIG_telemetry_metrics_temporal_bindAddress: `127.0.0.1:${ports.temporalMetrics}`,
    },
    packageDir: workerDir,
    preload,
  });

  const secret = await call('/ai-components/secrets/it-telemetry-key', {
    method: 'PUT',
    body: { value: apiKey },
  });
  assert.equal(secret.status, 200, secret.text);
  await register({
    name: chatRef.split('/')[1],
    type: 'model',
    owner: 'group:default/ai-ops-admins',
    lifecycle: 'experimental',
    tags: [],
    runtime: {
      type: 'openai-chat',
      config: {
        baseUrl: provider.baseUrl,
        model: 'gpt-4o-mini',
        secretRef: 'it-telemetry-key',
      },
    },
    inputSchema: {
      type: 'object',
      properties: { messages: { type: 'array' } },
    },
    outputSchema: {
      type: 'object',
      properties: { content: { type: 'string' } },
    },
  });
  await register({
    name: judgeRef.split('/')[1],
    type: 'evaluator',
    owner: 'group:default/ai-ops-admins',
    lifecycle: 'experimental',
    tags: [],
    runtime: { type: 'evaluator', config: { method: 'exact' } },
    inputSchema: { type: 'object' },
    outputSchema: {
      type: 'object',
      properties: { score: { type: 'number' }, passed: { type: 'boolean' } },
    },
  });
  const saved = await call('/workflows/workflows', {
    method: 'POST',
    body: {
      document: {
        apiVersion: 'ai-ops.dev/v1alpha1',
        kind: 'AIWorkflow',
        metadata: { name: workflowName },
        spec: {
          owner: 'group:default/ai-ops-admins',
          lifecycle: 'experimental',
          input: {
            type: 'object',
            properties: { text: { type: 'string' } },
          },
          steps: [
            {
              id: 'ask',
              component: chatRef,
              with: {
                messages: [{ role: 'user', content: '${{ input.text }}' }],
              },
            },
            {
              id: 'judge',
              component: judgeRef,
              needs: ['ask'],
              with: {
                actual: '${{ steps.ask.output.content }}',
                expected: 'echo: traced',
                component: chatRef,
              },
            },
          ],
        },
      },
    },
  });
  assert.equal(saved.status, 201, saved.text);
});

after(async () => {
  await worker?.stop();
  await backend?.stop();
  if (amqp) {
    const channel = await amqp.createChannel();
    await channel.deleteExchange(eventsExchange).catch(() => undefined);
    await channel.deleteQueue(historyQueue).catch(() => undefined);
    await amqp.close();
  }
  await provider?.stop();
  await collector?.stop();
  await dropDatabasesWithPrefix(dbPrefix);
});

describe('telemetry', () => {
  let executionId;
  let traceId;
  const correlationId = `it-correlation-${suffix}`;

  it('traces one run from POST /executions through the workflow and the activity to the model call', async () => {
    const started = await call('/executions/executions', {
      method: 'POST',
      body: { workflow: workflowRef, input: { text: 'traced' } },
      headers: { 'x-correlation-id': correlationId },
    });
    assert.equal(started.status, 202, started.text);
    assert.equal(started.headers['x-correlation-id'], correlationId);
    executionId = started.json().id;

    const run = await waitFor(
      `run ${executionId} to finish`,
      async () => {
        const res = await call(`/executions/executions/${executionId}`);
        const body = res.json();
        return (
          ['succeeded', 'failed', 'cancelled'].includes(body.status) && body
        );
      },
      { timeoutMs: 90_000 },
    );
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));

    // The request's span carries the correlation id; its trace is the run's.
    const requestSpan = await waitFor('the request span', () =>
      collector.spans.find(
        s =>
          s.service === 'ai-ops-backend' &&
          s.attributes['ai_ops.correlation_id'] === correlationId,
      ),
    );
    traceId = requestSpan.traceId;
    const inTrace = () => collector.spans.filter(s => s.traceId === traceId);

    const activity = await waitFor(
      'the step activity span in the same trace',
      () =>
        inTrace().find(
          s =>
            s.name === 'RunActivity:runStep' &&
            s.attributes['ai_ops.step.id'] === 'ask',
        ),
      { timeoutMs: 30_000 },
    );
    assert.equal(activity.service, 'ai-ops-worker');
    assert.equal(activity.attributes['ai_ops.execution.id'], executionId);
    assert.equal(activity.attributes['ai_ops.component.ref'], chatRef);
    assert.match(activity.attributes['ai_ops.model'], /^gpt-4o-mini/);
    assert.equal(activity.attributes['gen_ai.usage.input_tokens'], 1000);
    assert.equal(activity.attributes['gen_ai.usage.output_tokens'], 500);
    assert.ok(activity.attributes['ai_ops.cost.usd'] > 0);

    const spans = await waitFor(
      'the client, workflow and model call spans in the same trace',
      () => {
        const all = inTrace();
        const start = all.find(
          s =>
            s.name === 'StartWorkflow:runWorkflowVersion' &&
            s.service === 'ai-ops-backend',
        );
        const workflow = all.find(
          s =>
            s.name === 'RunWorkflow:runWorkflowVersion' &&
            s.service === 'ai-ops-worker',
        );
        const model = all.find(
          s =>
            s.kind === 3 &&
            String(s.attributes['url.full']).startsWith(
              `${provider.baseUrl}/chat/completions`,
            ),
        );
        return start && workflow && model && { start, workflow, model };
      },
      { timeoutMs: 30_000 },
    );
    // Each hop is a descendant of the one before it.
    const byId = new Map(inTrace().map(s => [s.spanId, s]));
    const ancestors = span => {
      const chain = [];
      for (
        let parent = byId.get(span.parentSpanId);
        parent;
        parent = byId.get(parent.parentSpanId)
      ) {
        chain.push(parent.spanId);
      }
      return chain;
    };
    const serverSpan = inTrace().find(
      s => s.kind === 2 && s.service === 'ai-ops-backend' && !s.parentSpanId,
    );
    assert.ok(serverSpan, 'the trace starts at the backend HTTP server span');
    assert.ok(
      ancestors(spans.start).includes(serverSpan.spanId),
      'the Temporal start runs under the POST /executions request',
    );
    assert.ok(
      ancestors(spans.workflow).includes(spans.start.spanId),
      'the workflow continues the client start span',
    );
    assert.ok(
      ancestors(activity).includes(spans.workflow.spanId),
      'the activity runs under the workflow span',
    );
    assert.ok(
      ancestors(spans.model).includes(activity.spanId),
      'the model call runs under the activity span',
    );
    // The provider received the trace context with the call.
    const modelCall = provider.calls.find(c =>
      c.traceparent?.includes(traceId),
    );
    assert.ok(modelCall, 'the model call carried the traceparent header');

    // The run's lifecycle events travel in its trace: each RabbitMQ message
    // carries the trace context of the request or activity that wrote the
    // event (kept in the outbox row), not the relay's.
    const runEvents = () => amqpHeaders.filter(h => h.subject === executionId);
    await waitFor('the run-succeeded event on RabbitMQ', () =>
      runEvents().some(h => h.type === 'ai-ops.execution.succeeded.v1'),
    );
    const types = runEvents().map(h => h.type);
    for (const type of [
      'ai-ops.execution.queued.v1',
      'ai-ops.execution.started.v1',
      'ai-ops.step.started.v1',
      'ai-ops.step.succeeded.v1',
    ]) {
      assert.ok(types.includes(type), `${type} was published: ${types}`);
    }
    const outside = runEvents().filter(
      h => !(h.traceparent ?? '').startsWith(`00-${traceId}-`),
    );
    assert.deepEqual(
      outside.map(h => `${h.type} ${h.traceparent}`),
      [],
      'every event of the run carries the trace of the POST /executions request',
    );
  });

  it('serves Prometheus metrics with the documented names and labels', async () => {
    const backendMetrics = await waitFor('backend run metrics', async () => {
      const samples = await scrape(ports.backendMetrics);
      return (
        find(samples, 'aiops_executions_finished_total', {
          workflow: workflowRef,
          status: 'succeeded',
        }).length > 0 && samples
      );
    });
    assert.ok(
      find(backendMetrics, 'aiops_http_requests_total', {
        service: 'ai-ops-backend',
        method: 'POST',
        route: '/api/executions/executions',
        status: '202',
      })[0]?.value >= 1,
    );
    assert.ok(
      find(backendMetrics, 'aiops_http_request_duration_seconds_bucket', {
        service: 'ai-ops-backend',
        method: 'GET',
        route: '/api/executions/executions/:id',
        status: '200',
      }).length > 0,
    );
    assert.equal(
      find(backendMetrics, 'aiops_executions_started_total', {
        workflow: workflowRef,
      })[0]?.value,
      1,
    );
    const owner = 'group:default/ai-ops-admins';
    const tokens = dir =>
      find(backendMetrics, 'aiops_tokens_total', { owner, direction: dir });
    assert.equal(tokens('input')[0]?.value, 1000);
    assert.equal(tokens('output')[0]?.value, 500);
    assert.match(tokens('input')[0].labels.model, /^gpt-4o-mini/);
    assert.ok(
      find(backendMetrics, 'aiops_cost_usd_total', { owner })[0]?.value > 0,
    );
    for (const gauge of [
      'aiops_outbox_pending_events',
      'aiops_outbox_lag_seconds',
    ]) {
      assert.equal(find(backendMetrics, gauge).length, 1, gauge);
    }
    assert.equal(
      find(backendMetrics, 'aiops_events_queue_depth', { queue: historyQueue })
        .length,
      1,
    );

    const workerMetrics = await scrape(ports.workerMetrics);
    assert.ok(
      find(workerMetrics, 'aiops_step_duration_seconds_count', {
        component: chatRef,
        status: 'succeeded',
      })[0]?.value >= 1,
    );
    assert.equal(
      find(workerMetrics, 'aiops_evaluation_score_sum', {
        component: chatRef,
        evaluator: judgeRef,
      })[0]?.value,
      1,
    );
    assert.ok(
      find(workerMetrics, 'aiops_http_requests_total', {
        service: 'ai-ops-worker',
        method: 'GET',
        route: '/.backstage/health/v1/readiness',
        status: '200',
      })[0]?.value >= 1,
      'the worker counts its own HTTP requests (readiness probes)',
    );

    const temporal = await scrape(ports.temporalMetrics);
    assert.ok(
      temporal.some(s => s.name.startsWith('temporal_')),
      'the Temporal SDK serves temporal_* metrics',
    );
    assert.ok(
      temporal.some(
        s =>
          s.name.startsWith('temporal_activity_execution_latency') &&
          s.labels.task_queue === taskQueue,
      ),
    );
  });

  it('writes JSON logs with trace, correlation and execution ids, and a correlation id on every response', async () => {
    const generated = await call('/executions/executions?limit=1');
    assert.match(generated.headers['x-correlation-id'], /^[0-9a-f-]{36}$/);
    const ignored = await call('/executions/executions?limit=1', {
      headers: { 'x-correlation-id': 'not an id, it has spaces' },
    });
    assert.notEqual(
      ignored.headers['x-correlation-id'],
      'not an id, it has spaces',
    );

    const backendLines = jsonLines(backend.output());
    const ofRequest = backendLines.filter(
      l => l.correlation_id === correlationId,
    );
    assert.ok(ofRequest.length > 0, 'log lines carry the correlation id');
    for (const line of ofRequest) {
      assert.equal(line.trace_id, traceId);
      assert.match(line.span_id, /^[0-9a-f]{16}$/);
    }
    assert.ok(
      ofRequest.some(l => l.user === 'external-api-client'),
      'a line after authentication names the caller',
    );
    assert.ok(
      backendLines.some(
        l => l.execution_id === executionId && l.trace_id && l.correlation_id,
      ),
      "a run's requests log its execution id",
    );
    const workerLines = jsonLines(worker.output());
    assert.ok(workerLines.length > 0, 'the worker logs JSON in production');
  });
});
