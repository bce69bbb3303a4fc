// Runs on the real Temporal server (scripts/services/temporal.sh), executed by
// the real worker process (packages/worker) next to the backend, both on the
// production configuration (PostgreSQL, Redis, RBAC, OIDC sign-in): the happy
// path, retries, a non-retryable failure, an approval decided by a signed-in
// user, cancel mid-step, resume from the failed step without calling the
// completed steps again, a worker killed mid-run whose run still finishes,
// and RabbitMQ restarted while runs write events, with none lost or doubled.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import {
  productionConfigs,
  productionEnv,
  repoRoot,
  startBackend,
  workerDir,
} from './lib/backend.mjs';
import { CookieJar, freePort, request, waitFor } from './lib/http.mjs';
import { dropDatabasesWithPrefix, postgres } from './lib/postgres.mjs';
import { signInWithOidc, startOidcProvider } from './lib/oidc.mjs';
import { Client, Connection } from '@temporalio/client';
import { connect as amqpConnect } from 'amqplib';

const dbPrefix = `aiops_it_${crypto.randomBytes(4).toString('hex')}_`;
const externalToken = crypto.randomBytes(24).toString('base64url');
const taskQueue = `it-executions-${crypto.randomBytes(4).toString('hex')}`;
const eventsExchange = `it-events-${crypto.randomBytes(4).toString('hex')}`;
let amqp;
const events = [];
let backend;
let worker;
let workerEnv;
let workerConfig;
let oidc;
let tool;
let adaToken;

/**
 * An HTTP tool the `http` runtime components call: counts calls per path and
 * answers by path (ok, flaky: 503 twice then 200, bad: 400, slow: 6 s,
 * toggle: 500 until switched on).
 */
async function startTool() {
  const calls = {};
  let toggle = false;
  let flaky = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', async () => {
      const name = new URL(req.url, 'http://x').pathname.slice(1);
      calls[name] = (calls[name] ?? 0) + 1;
      const send = (status, payload) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const input = body ? JSON.parse(body) : {};
      if (name === 'flaky' && ++flaky <= 2) return send(503, { error: 'busy' });
      if (name === 'bad') return send(400, { error: 'no such thing' });
      if (name === 'toggle' && !toggle) return send(500, { error: 'not yet' });
      if (name === 'slow') await new Promise(r => setTimeout(r, 6000));
      return send(200, { text: `${name}:${input.text ?? ''}` });
    });
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    calls,
    switchOn: () => (toggle = true),
    stop: () => new Promise(r => server.close(r)),
  };
}

const call = (
  p,
  { method = 'GET', body, token = externalToken, headers } = {},
) =>
  request(`${backend.baseUrl}/api${p}`, {
    method,
    body,
    headers: { authorization: `Bearer ${token}`, ...headers },
  });

const textSchema = {
  type: 'object',
  properties: { text: { type: 'string' } },
};

async function httpComponent(name) {
  const res = await call('/ai-components/components', {
    method: 'POST',
    body: {
      name: `it-${name}`,
      type: 'tool',
      owner: 'group:default/ai-ops-admins',
      lifecycle: 'experimental',
      tags: [],
      runtime: {
        type: 'http',
        config: {
          method: 'POST',
          url: `${tool.url}/${name}`,
          timeoutMs: 20000,
        },
      },
      inputSchema: textSchema,
      outputSchema: textSchema,
    },
  });
  assert.equal(res.status, 201, res.text);
}

async function saveWorkflow(name, steps, extra = {}) {
  const res = await call('/workflows/workflows', {
    method: 'POST',
    body: {
      document: {
        apiVersion: 'ai-ops.dev/v1alpha1',
        kind: 'AIWorkflow',
        metadata: { name },
        spec: {
          owner: 'group:default/ai-ops-admins',
          lifecycle: 'experimental',
          input: textSchema,
          steps,
          ...extra,
        },
      },
    },
  });
  assert.equal(res.status, 201, res.text);
}

async function start(workflow, input = { text: 'hi' }, headers = {}) {
  const res = await call('/executions/executions', {
    method: 'POST',
    body: { workflow: `aiworkflow:default/${workflow}`, input },
    headers,
  });
  assert.equal(res.status, 202, res.text);
  return res.json().id;
}

async function settle(id, statuses = ['succeeded', 'failed', 'cancelled']) {
  return waitFor(
    `execution ${id} to reach ${statuses.join('/')}`,
    async () => {
      const res = await call(`/executions/executions/${id}`);
      const run = res.json();
      return statuses.includes(run.status) && run;
    },
    { timeoutMs: 60_000 },
  );
}

const attempts = async id =>
  (await call(`/executions/executions/${id}/steps`)).json().items;

async function startWorker() {
  return startBackend({
    port: Number(workerEnv.WORKER_PORT),
    configs: productionConfigs(workerConfig),
    env: workerEnv,
    packageDir: workerDir,
  });
}

before(async () => {
  const port = await freePort();
  const oidcPort = await freePort();
  const workerPort = await freePort();
  tool = await startTool();
  oidc = await startOidcProvider({
    port: oidcPort,
    redirectUri: `http://localhost:${port}/api/auth/oidc/handler/frame`,
    accounts: { ada: { email: 'ada@ai-ops.example', name: 'Ada Admin' } },
    clientId: 'ai-ops-console',
    clientSecret: 'integration-test-secret',
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-ops-exec-'));
  const temporal = `temporal:\n  taskQueue: ${taskQueue}\n`;
  const backendConfig = path.join(dir, 'backend.yaml');
  fs.writeFileSync(
    backendConfig,
    `${temporal}executions:\n  events:\n    rabbitmq:\n      url: amqp://guest:guest@127.0.0.1:5672\n      exchange: ${eventsExchange}\n`,
  );
  // A consumer of the lifecycle events, bound before anything is published.
  amqp = await amqpConnect('amqp://guest:guest@127.0.0.1:5672');
  const channel = await amqp.createChannel();
  await channel.assertExchange(eventsExchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true });
  await channel.bindQueue(queue, eventsExchange, 'default.it-happy.#');
  await channel.consume(queue, message => {
    events.push(JSON.parse(message.content.toString()));
    channel.ack(message);
  });
  workerConfig = path.join(dir, 'worker.yaml');
  fs.writeFileSync(
    workerConfig,
    `${temporal}backend:\n  baseUrl: http://localhost:${workerPort}\n  listen:\n    port: ${workerPort}\ndiscovery:\n  endpoints:\n    - target: http://localhost:${port}/api/{{pluginId}}\n      plugins: [ai-components, workflows, executions, catalog, auth, permission]\n`,
  );
  const env = productionEnv({
    port,
    dbPrefix,
    externalToken,
    postgres,
    overrides: {
      OIDC_METADATA_URL: oidc.metadataUrl,
      OIDC_CLIENT_SECRET: 'integration-test-secret',
    },
  });
  backend = await startBackend({
    port,
    configs: productionConfigs(backendConfig),
    env,
  });
  workerEnv = {
    ...env,
    WORKER_PORT: String(workerPort),
    BACKEND_PORT: String(workerPort),
    BACKEND_BASE_URL: `http://localhost:${workerPort}`,
  };
  worker = await startWorker();
  await waitFor('the catalog to know ada', async () => {
    const res = await call('/catalog/entities/by-name/user/default/ada');
    return res.status === 200;
  });
  const identity = await signInWithOidc({
    backendUrl: backend.baseUrl,
    login: 'ada',
    jar: new CookieJar(),
  });
  adaToken = identity.token;
  for (const name of ['ok', 'flaky', 'bad', 'slow', 'toggle']) {
    await httpComponent(name);
  }
});

/**
 * Runs a rabbitmqctl command on the machine's broker. AI_OPS_RABBITMQCTL
 * names another way to reach it (CI: `docker exec <container> rabbitmqctl`).
 */
function rabbitmqctl(...args) {
  const [command, ...prefix] = (
    process.env.AI_OPS_RABBITMQCTL ?? 'rabbitmqctl'
  ).split(/\s+/);
  execFileSync(command, [...prefix, ...args], {
    stdio: 'pipe',
    timeout: 120_000,
  });
}

after(async () => {
  if (amqp) {
    // A new connection: the broker restart test closed the first one.
    const connection = await amqpConnect('amqp://guest:guest@127.0.0.1:5672');
    const channel = await connection.createChannel();
    await channel.deleteExchange(eventsExchange).catch(() => undefined);
    await connection.close();
    await amqp.close().catch(() => undefined);
  }
  await worker?.stop();
  await backend?.stop();
  await oidc?.stop?.();
  await tool?.stop();
  await dropDatabasesWithPrefix(dbPrefix);
});

describe('runs on Temporal', () => {
  it('runs parallel branches, skips a false condition, and answers a retried start with the same run', async () => {
    await saveWorkflow(
      'it-happy',
      [
        {
          id: 'a',
          component: 'aicomponent:default/it-ok',
          with: { text: '${{ input.text }}' },
        },
        {
          id: 'b',
          component: 'aicomponent:default/it-ok',
          with: { text: 'b' },
        },
        {
          id: 'c',
          component: 'aicomponent:default/it-ok',
          needs: ['a', 'b'],
          with: {
            text: '${{ steps.a.output.text & "+" & steps.b.output.text }}',
          },
        },
        {
          id: 'never',
          component: 'aicomponent:default/it-ok',
          needs: ['a'],
          if: '${{ input.text = "nope" }}',
        },
      ],
      { output: { result: '${{ steps.c.output.text }}' } },
    );
    const key = crypto.randomUUID();
    const id = await start(
      'it-happy',
      { text: 'hi' },
      { 'idempotency-key': key },
    );
    assert.equal(
      await start('it-happy', { text: 'hi' }, { 'idempotency-key': key }),
      id,
    );
    const run = await settle(id);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.deepEqual(run.output, { result: 'ok:ok:hi+ok:b' });
    const steps = await attempts(id);
    assert.equal(steps.find(s => s.stepId === 'never').status, 'skipped');
    assert.equal(steps.filter(s => s.status === 'succeeded').length, 3);

    // Its lifecycle events reached RabbitMQ, in sequence, through the outbox.
    const mine = await waitFor("the run's events on RabbitMQ", async () => {
      const list = events.filter(e => e.subject === id);
      return list.some(e => e.type === 'ai-ops.execution.succeeded.v1') && list;
    });
    const types = mine.map(e => e.type);
    assert.equal(types[0], 'ai-ops.execution.queued.v1');
    assert.ok(types.includes('ai-ops.execution.started.v1'));
    assert.equal(types.filter(t => t === 'ai-ops.step.succeeded.v1').length, 3);
    assert.ok(types.includes('ai-ops.step.skipped.v1'));
    assert.deepEqual(
      mine.map(e => e.sequence),
      mine.map((_, i) => i + 1),
    );
  });

  it('retries a retryable failure and stops at a non-retryable one', async () => {
    await saveWorkflow('it-retry', [
      {
        id: 'flaky',
        component: 'aicomponent:default/it-flaky',
        with: { text: 'x' },
        retry: {
          maxAttempts: 4,
          initialInterval: '100ms',
          backoffCoefficient: 1,
        },
      },
    ]);
    const ok = await settle(await start('it-retry'));
    assert.equal(ok.status, 'succeeded', JSON.stringify(ok.error));
    const flaky = (await attempts(ok.id)).filter(s => s.stepId === 'flaky');
    assert.deepEqual(
      flaky.map(a => a.status),
      ['failed', 'failed', 'succeeded'],
    );

    await saveWorkflow('it-bad', [
      {
        id: 'bad',
        component: 'aicomponent:default/it-bad',
        with: { text: 'x' },
        retry: { maxAttempts: 5, initialInterval: '100ms' },
      },
    ]);
    const before = tool.calls.bad ?? 0;
    const failed = await settle(await start('it-bad'));
    assert.equal(failed.status, 'failed');
    assert.equal(failed.error.stepId, 'bad');
    assert.equal(
      tool.calls.bad - before,
      1,
      'a non-retryable failure is not retried',
    );
  });

  it('waits for an approval that a signed-in approver gives', async () => {
    await saveWorkflow('it-approval', [
      {
        id: 'draft',
        component: 'aicomponent:default/it-ok',
        with: { text: 'draft' },
      },
      {
        id: 'review',
        needs: ['draft'],
        approval: {
          message: 'Ship ${{ steps.draft.output.text }}?',
          timeout: '1h',
        },
      },
      {
        id: 'ship',
        component: 'aicomponent:default/it-ok',
        needs: ['review'],
        with: { text: 'ship' },
      },
    ]);
    const id = await start('it-approval');
    const paused = await settle(id, ['paused']);
    assert.equal(paused.pendingApproval.stepId, 'review');
    const refused = await call(`/executions/executions/${id}/approvals`, {
      method: 'POST',
      body: { stepId: 'review', decision: 'approve' },
    });
    assert.equal(refused.status, 403, 'a service is not an approver');
    const decided = await call(`/executions/executions/${id}/approvals`, {
      method: 'POST',
      token: adaToken,
      body: { stepId: 'review', decision: 'approve', comment: 'go' },
    });
    assert.equal(decided.status, 200, decided.text);
    const run = await settle(id);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
  });

  it('cancels a run mid-step', async () => {
    await saveWorkflow('it-cancel', [
      {
        id: 'slow',
        component: 'aicomponent:default/it-slow',
        with: { text: 'x' },
        timeout: '1m',
      },
    ]);
    const id = await start('it-cancel');
    await waitFor('the slow step to start', async () =>
      (
        await attempts(id)
      ).some(s => s.stepId === 'slow' && s.status === 'running'),
    );
    const cancelled = await call(`/executions/executions/${id}/cancel`, {
      method: 'POST',
    });
    assert.equal(cancelled.status, 202, cancelled.text);
    const run = await settle(id);
    assert.equal(run.status, 'cancelled');
  });

  it('resumes a failed run from the failed step without calling the completed steps again', async () => {
    await saveWorkflow('it-resume', [
      {
        id: 'first',
        component: 'aicomponent:default/it-ok',
        with: { text: 'one' },
      },
      {
        id: 'second',
        component: 'aicomponent:default/it-toggle',
        needs: ['first'],
        with: { text: '${{ steps.first.output.text }}' },
        retry: { maxAttempts: 1 },
      },
    ]);
    const failed = await settle(await start('it-resume'));
    assert.equal(failed.status, 'failed');
    const okCalls = tool.calls.ok;
    tool.switchOn();
    const resumed = await call(`/executions/executions/${failed.id}/resume`, {
      method: 'POST',
    });
    assert.equal(resumed.status, 202, resumed.text);
    const run = await settle(resumed.json().id);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    assert.equal(
      tool.calls.ok,
      okCalls,
      'the completed step was not invoked again',
    );
    assert.equal(run.parentExecutionId, failed.id);
  });

  it('finishes a run whose worker was killed mid-step and restarted', async () => {
    await saveWorkflow('it-crash', [
      {
        id: 'slow',
        component: 'aicomponent:default/it-slow',
        with: { text: 'x' },
        timeout: '30s',
      },
      {
        id: 'after',
        component: 'aicomponent:default/it-ok',
        needs: ['slow'],
        with: { text: 'after' },
      },
    ]);
    const id = await start('it-crash');
    await waitFor('the slow step to start', async () =>
      (
        await attempts(id)
      ).some(s => s.stepId === 'slow' && s.status === 'running'),
    );
    await worker.kill();
    worker = await startWorker();
    const run = await settle(id);
    assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
  });

  it('starts runs from a webhook authenticated by its own secret, and from a Temporal Schedule', async () => {
    await saveWorkflow(
      'it-triggered',
      [
        {
          id: 'a',
          component: 'aicomponent:default/it-ok',
          with: { text: '${{ input.text }}' },
        },
      ],
      { output: { text: '${{ steps.a.output.text }}' } },
    );
    const base = '/workflows/workflows/default/it-triggered/triggers';
    const hook = await call(base, {
      method: 'POST',
      body: { type: 'webhook', version: 1, input: { text: 'from-trigger' } },
    });
    assert.equal(hook.status, 201, hook.text);
    const { id: hookId, secret } = hook.json();
    assert.ok(secret, 'the secret is shown once, at creation');
    const webhook = (headers, body = { text: 'from-body' }) =>
      request(`${backend.baseUrl}/api/executions/webhooks/${hookId}`, {
        method: 'POST',
        body,
        headers,
      });
    assert.equal(
      (await webhook({ authorization: 'Bearer wrong' })).status,
      401,
    );
    const accepted = await webhook({ authorization: `Bearer ${secret}` });
    assert.equal(accepted.status, 202, accepted.text);
    const hooked = await settle(accepted.json().id);
    assert.equal(hooked.status, 'succeeded', JSON.stringify(hooked.error));
    assert.deepEqual(hooked.output, { text: 'ok:from-body' });
    assert.equal(hooked.trigger.type, 'webhook');

    const schedule = await call(base, {
      method: 'POST',
      body: {
        type: 'schedule',
        cron: '0 3 * * *',
        timezone: 'UTC',
        version: 1,
        input: { text: 'nightly' },
      },
    });
    assert.equal(schedule.status, 201, schedule.text);
    const scheduleId = `ai-ops-trigger-${schedule.json().id}`;
    const connection = await Connection.connect({ address: '127.0.0.1:7233' });
    try {
      const client = new Client({ connection, namespace: 'ai-ops' });
      const handle = client.schedule.getHandle(scheduleId);
      await waitFor(
        'the schedule to be created in Temporal',
        async () => {
          try {
            await handle.describe();
            return true;
          } catch {
            return false;
          }
        },
        { timeoutMs: 60_000 },
      );
      await handle.trigger();
      const run = await waitFor(
        'the schedule to start a run',
        async () => {
          const list = (
            await call(
              '/executions/executions?workflow=aiworkflow:default/it-triggered',
            )
          ).json();
          return list.items.find(r => r.trigger.type === 'schedule');
        },
        { timeoutMs: 60_000 },
      );
      const done = await settle(run.id);
      assert.equal(done.status, 'succeeded', JSON.stringify(done.error));
      assert.deepEqual(done.output, { text: 'ok:nightly' });
      await call(`${base}/${schedule.json().id}`, { method: 'DELETE' });
    } finally {
      await connection.close();
    }
  });

  it('loses no lifecycle event and shows none twice when RabbitMQ restarts mid-run', async () => {
    await saveWorkflow('it-broker', [
      {
        id: 'a',
        component: 'aicomponent:default/it-ok',
        with: { text: '${{ input.text }}' },
      },
      {
        id: 'b',
        component: 'aicomponent:default/it-slow',
        with: { text: '${{ steps.a.output.text }}' },
        needs: ['a'],
      },
      {
        id: 'c',
        component: 'aicomponent:default/it-ok',
        with: { text: '${{ steps.b.output.text }}' },
        needs: ['b'],
      },
    ]);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await start('it-broker'));
    const history = async id =>
      (await call(`/executions/executions/${id}/events?limit=100`)).json()
        .items;
    // Events of every run went through the broker before it stops...
    await waitFor('every run to have step b started in its history', async () =>
      (
        await Promise.all(ids.map(history))
      ).every(items =>
        items.some(
          e => e.type === 'ai-ops.step.started.v1' && e.data.stepId === 'b',
        ),
      ),
    );
    // ...and the rest are written while it is down: step b takes 6 s.
    rabbitmqctl('stop_app');
    try {
      await new Promise(r => setTimeout(r, 7000));
    } finally {
      rabbitmqctl('start_app');
      rabbitmqctl('await_startup');
    }
    for (const id of ids) {
      const run = await settle(id);
      assert.equal(run.status, 'succeeded', JSON.stringify(run.error));
    }
    // The relay resent what was not confirmed and the consumer reconnected:
    // each run's history is complete, in sequence, every event once.
    for (const id of ids) {
      const items = await waitFor(
        `the history of ${id} to reach its end`,
        async () => {
          const list = await history(id);
          return (
            list.some(e => e.type === 'ai-ops.execution.succeeded.v1') && list
          );
        },
        { timeoutMs: 60_000 },
      );
      assert.deepEqual(
        items.map(e => e.sequence),
        items.map((_, i) => i + 1),
        `${id}: ${items.map(e => `${e.sequence} ${e.type}`).join(', ')}`,
      );
      assert.equal(new Set(items.map(e => e.id)).size, items.length);
      assert.deepEqual(
        items
          .filter(e => e.type === 'ai-ops.step.succeeded.v1')
          .map(e => e.data.stepId)
          .sort(),
        ['a', 'b', 'c'],
      );
    }
  });
});
