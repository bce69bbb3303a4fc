#!/usr/bin/env node
// Events benchmark (issue: lifecycle events over RabbitMQ). Three parts, all
// on the machine's PostgreSQL and RabbitMQ, results in the "## Events"
// section of bench/results.md:
//
// 1. Chaos: BENCH_EVENTS (10,000) events written through the execution store
//    (outbox in the same transaction), relayed by OutboxRelay and stored by
//    the history consumer, each in a process of its own (bench/events/agent.mjs),
//    while the relay and the consumer are killed (SIGKILL) and restarted and
//    the broker restarts (`rabbitmqctl stop_app` / `start_app`; with
//    BENCH_BROKER_RESTART=proxy only the connections through a loopback TCP
//    proxy are cut, for a broker other work uses at the time). Then: every
//    event stored, none twice, none lost.
// 2. Publish rate: the relay's loop over unpublished outbox rows vs a bare
//    amqplib confirm-channel loop with the same payloads and batch size, on
//    the same broker, interleaved rounds, each in a fresh process.
// 3. Event to browser: the real backend (packages/backend, production
//    configuration, RabbitMQ) and a real WebSocket client on /api/signals
//    signed in through OIDC; runs are written through the store into the
//    backend's database (as the worker does) and the latency is from the
//    event's `time` (set in the writing transaction, before its commit) to
//    the signal's arrival.
//
//   source scripts/toolchain.sh && node bench/events/run.mjs
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  productionConfigs,
  productionEnv,
  repoRoot,
  startBackend,
} from '../../tests/integration/lib/backend.mjs';
import {
  CookieJar,
  freePort,
  request,
  waitFor,
} from '../../tests/integration/lib/http.mjs';
import {
  signInWithOidc,
  startOidcProvider,
} from '../../tests/integration/lib/oidc.mjs';
import {
  dropDatabasesWithPrefix,
  postgres,
} from '../../tests/integration/lib/postgres.mjs';
import { gitState } from '../lib/git.mjs';
import { envNumber } from '../lib/settings.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(
  path.join(repoRoot, 'packages/backend/package.json'),
);
const { Client } = require('pg');
const amqp = require('amqplib');
const nodeTransform = require.resolve(
  '@backstage/cli-node/config/nodeTransform.cjs',
);

const settings = {
  events: envNumber('BENCH_EVENTS', 10_000),
  eventsPerRun: 100,
  chaosPaceMs: envNumber('BENCH_CHAOS_PACE_MS', 8),
  rateEvents: envNumber('BENCH_RATE_EVENTS', 10_000),
  rateRounds: envNumber('BENCH_RATE_ROUNDS', 3),
  batchSize: envNumber('BENCH_BATCH', 500),
  latencyRuns: envNumber('BENCH_LATENCY_RUNS', 10),
  latencySteps: envNumber('BENCH_LATENCY_STEPS', 25),
  latencyPaceMs: envNumber('BENCH_LATENCY_PACE_MS', 100),
  // `rabbitmqctl`: the broker application is stopped and started again
  // (stop_app/start_app: every connection drops, queues and persistent
  // messages come back from disk). `proxy`: only the connections through the
  // proxy are cut, for a broker that other work shares at the time.
  brokerRestart: process.env.BENCH_BROKER_RESTART ?? 'rabbitmqctl',
};
if (!['rabbitmqctl', 'proxy'].includes(settings.brokerRestart)) {
  throw new Error(
    `BENCH_BROKER_RESTART must be rabbitmqctl or proxy, got '${settings.brokerRestart}'`,
  );
}
const TARGET_RATE_RATIO = 0.7;
/** Batches the relay keeps in flight (its publishWindow with RabbitMQ). */
const RELAY_WINDOW = 4;
const TARGET_P99_MS = 250;
const SECTION = '## Events';
const BROKER = { host: '127.0.0.1', port: 5672 };
const BROKER_URL = `amqp://guest:guest@${BROKER.host}:${BROKER.port}`;
const resultsFile = path.resolve(
  repoRoot,
  process.env.BENCH_RESULTS ?? 'bench/results.md',
);
const tag = crypto.randomBytes(4).toString('hex');
const dbPrefix = `bench_events_${tag}_`;
const exchange = `ai-ops.executions.bench-${tag}`;
const command = [
  'source scripts/toolchain.sh &&',
  ...Object.keys(process.env)
    .filter(k => k.startsWith('BENCH_'))
    .sort()
    .map(k => `${k}=${process.env[k]}`),
  'node bench/events/run.mjs',
].join(' ');

const log = (...args) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
const sleep = ms => new Promise(r => setTimeout(r, ms));
const percentile = (sorted, p) =>
  sorted.length === 0
    ? NaN
    : sorted[
        Math.min(
          sorted.length,
          Math.max(1, Math.ceil((p / 100) * sorted.length)),
        ) - 1
      ];
const median = xs =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const fmt = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : 'n/a');

const dbUrl = name => ({
  host: postgres.host,
  port: postgres.port,
  user: postgres.user,
  database: name,
});

async function sql(database, text, params = []) {
  const client = new Client(dbUrl(database));
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

// --- child processes ---------------------------------------------------------

const children = new Set();

/** Starts an agent role; resolves its handle once it printed `ready` (or at once). */
function agent(role, options, { waitReady = false } = {}) {
  const child = spawn(
    process.execPath,
    [
      '--require',
      nodeTransform,
      path.join(here, 'agent.mjs'),
      role,
      JSON.stringify(options),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.add(child);
  const lines = [];
  let stderr = '';
  let buffer = '';
  const listeners = new Set();
  child.stdout.on('data', d => {
    buffer += d;
    let nl;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      try {
        const value = JSON.parse(line);
        lines.push(value);
        listeners.forEach(l => l(value));
      } catch {
        stderr += `${line}\n`;
      }
    }
  });
  child.stderr.on('data', d => (stderr += d));
  const exited = new Promise(resolve =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  const handle = {
    child,
    lines,
    last: () => lines[lines.length - 1],
    stderr: () => stderr,
    exited,
    /** The last JSON line once the process exits with 0. */
    async result() {
      const { code } = await exited;
      if (code !== 0)
        throw new Error(
          `agent ${role} exited with ${code}:\n${stderr.slice(-3000)}`,
        );
      return lines[lines.length - 1];
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  if (!waitReady) return Promise.resolve(handle);
  return new Promise((resolve, reject) => {
    if (lines.some(l => l.ready)) resolve(handle);
    listeners.add(l => l.ready && resolve(handle));
    exited.then(({ code }) =>
      reject(
        new Error(
          `agent ${role} exited (${code}) before ready:\n${stderr.slice(
            -3000,
          )}`,
        ),
      ),
    );
  });
}

/** Runs a rabbitmqctl command against the machine's broker. */
function rabbitmqctl(command) {
  execFileSync('rabbitmqctl', [command], { stdio: 'ignore', timeout: 120_000 });
}

/** A loopback TCP proxy in front of the broker that can cut every connection. */
async function startProxy() {
  const sockets = new Set();
  let refusing = false;
  const server = net.createServer(client => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = net.connect(BROKER);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `amqp://guest:guest@127.0.0.1:${server.address().port}`,
    cut() {
      refusing = true;
      const count = sockets.size;
      for (const s of sockets) s.destroy();
      return count;
    },
    restore() {
      refusing = false;
    },
    close: () =>
      new Promise(resolve => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

// --- 1. chaos ------------------------------------------------------------------

async function chaos() {
  const database = `${dbPrefix}chaos`;
  await sql('postgres', `CREATE DATABASE "${database}"`);
  await (await agent('migrate', { db: dbUrl(database) })).result();
  const proxy = await startProxy();
  const queue = `ai-ops.executions.history.bench-${tag}`;
  const runs = Math.ceil(settings.events / settings.eventsPerRun);
  const steps = (settings.eventsPerRun - 2) / 2;
  const total = runs * settings.eventsPerRun;
  const relayOptions = {
    db: dbUrl(database),
    url: proxy.url,
    exchange,
    batchSize: settings.batchSize,
  };
  const consumerOptions = {
    db: dbUrl(database),
    url: proxy.url,
    exchange,
    queue,
    prefetch: 50,
  };
  // The consumer first, so that its queue is bound before events flow.
  let consumer = await agent('consume', consumerOptions, { waitReady: true });
  let relay = await agent('relay', relayOptions, { waitReady: true });
  const consumerTotals = { deliveries: 0, stored: 0, redelivered: 0 };
  const addConsumerTotals = c => {
    const last = [...c.lines].reverse().find(l => l.deliveries !== undefined);
    if (last)
      for (const k of Object.keys(consumerTotals)) consumerTotals[k] += last[k];
  };
  const t0 = Date.now();
  const timeline = [];
  const mark = what => {
    const at = ((Date.now() - t0) / 1000).toFixed(1);
    timeline.push(`${at} s: ${what}`);
    log(`chaos ${at} s: ${what}`);
  };
  const producer = await agent('produce', {
    db: dbUrl(database),
    runs,
    steps,
    prefix: `chaos-${tag}`,
    concurrency: 10,
    paceMs: settings.chaosPaceMs,
  });
  mark(
    `producer started: ${runs} runs x ${settings.eventsPerRun} events = ${total} events`,
  );
  const produced = () =>
    producer.lines.filter(l => l.produced !== undefined).at(-1)?.produced ?? 0;
  const at = async (fraction, action) => {
    await waitFor(
      `${fraction * 100}% produced`,
      () => produced() >= total * fraction || producer.child.exitCode !== null,
      {
        timeoutMs: 600_000,
        intervalMs: 20,
      },
    );
    await action();
  };
  await at(0.15, async () => {
    await relay.kill();
    mark(`relay killed (SIGKILL) at ${produced()} produced`);
    await sleep(1000);
    relay = await agent('relay', relayOptions, { waitReady: true });
    mark('relay restarted');
  });
  await at(0.35, async () => {
    await consumer.kill();
    addConsumerTotals(consumer);
    mark(`consumer killed (SIGKILL) at ${produced()} produced`);
    await sleep(1000);
    consumer = await agent('consume', consumerOptions, { waitReady: true });
    mark('consumer restarted');
  });
  await at(0.55, async () => {
    if (settings.brokerRestart === 'rabbitmqctl') {
      rabbitmqctl('stop_app');
      mark(`broker stopped (rabbitmqctl stop_app) at ${produced()} produced`);
      await sleep(3000);
      rabbitmqctl('start_app');
      rabbitmqctl('await_startup');
      mark('broker started again (rabbitmqctl start_app)');
      return;
    }
    const cut = proxy.cut();
    mark(
      `broker restart: ${cut} sockets cut through the proxy, new connections refused`,
    );
    await sleep(3000);
    proxy.restore();
    mark('broker back: connections accepted again');
  });
  await at(0.75, async () => {
    await Promise.all([relay.kill(), consumer.kill()]);
    addConsumerTotals(consumer);
    mark(`relay and consumer killed together at ${produced()} produced`);
    await sleep(1000);
    consumer = await agent('consume', consumerOptions, { waitReady: true });
    relay = await agent('relay', relayOptions, { waitReady: true });
    mark('relay and consumer restarted');
  });
  await producer.result();
  mark(`producer done: ${produced()} events committed`);
  let stored = 0;
  await waitFor(
    'every event stored',
    async () => {
      [{ count: stored }] = await sql(
        database,
        'SELECT count(*)::int AS count FROM execution_events',
      );
      const [{ pending }] = await sql(
        database,
        'SELECT count(*)::int AS pending FROM execution_outbox WHERE published_at IS NULL',
      );
      return stored >= total && pending === 0;
    },
    { timeoutMs: 300_000, intervalMs: 250 },
  );
  mark(`all ${stored} events stored`);
  // Let the consumer settle its acks, then read the counters and the queue.
  await sleep(1500);
  await Promise.all([relay.kill(), consumer.kill()]);
  addConsumerTotals(consumer);
  const [check] = await sql(
    database,
    `SELECT count(*)::int AS rows,
            count(DISTINCT id)::int AS ids,
            count(DISTINCT (execution_id, sequence))::int AS positions
       FROM execution_events`,
  );
  const [outbox] = await sql(
    database,
    'SELECT count(*)::int AS rows FROM execution_outbox',
  );
  const gaps = await sql(
    database,
    `SELECT execution_id FROM execution_events GROUP BY execution_id
      HAVING max(sequence) <> count(*) OR min(sequence) <> 1`,
  );
  const missing = await sql(
    database,
    `SELECT count(*)::int AS missing FROM execution_outbox o
      WHERE NOT EXISTS (SELECT 1 FROM execution_events e WHERE e.id = o.id)`,
  );
  const connection = await amqp.connect(BROKER_URL);
  const channel = await connection.createChannel();
  const left = await channel.checkQueue(queue);
  await channel.deleteQueue(queue);
  await connection.close();
  await proxy.close();
  return {
    total,
    outboxRows: outbox.rows,
    storedRows: check.rows,
    distinctIds: check.ids,
    distinctPositions: check.positions,
    runsWithGaps: gaps.length,
    lost: missing[0].missing,
    duplicatesShown: check.rows - check.positions,
    queueLeft: left.messageCount,
    consumerTotals,
    timeline,
    seconds: (Date.now() - t0) / 1000,
  };
}

// --- 2. publish rate ---------------------------------------------------------------

async function publishRate() {
  const database = `${dbPrefix}rate`;
  await sql('postgres', `CREATE DATABASE "${database}"`);
  await (await agent('migrate', { db: dbUrl(database) })).result();
  // A queue bound to everything, so that both publish into a queue alike.
  const queue = `ai-ops.executions.rate.bench-${tag}`;
  const connection = await amqp.connect(BROKER_URL);
  const channel = await connection.createChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  await channel.assertQueue(queue, { durable: true });
  await channel.bindQueue(queue, exchange, '#');
  const runs = Math.ceil(settings.rateEvents / settings.eventsPerRun);
  const steps = (settings.eventsPerRun - 2) / 2;
  const n = runs * settings.eventsPerRun;
  const rounds = [];
  for (let round = 0; round < settings.rateRounds; round++) {
    await (
      await agent('produce', {
        db: dbUrl(database),
        runs,
        steps,
        prefix: `rate-${tag}-${round}`,
        concurrency: 10,
      })
    ).result();
    const [sample] = await sql(
      database,
      `SELECT routing_key, payload FROM execution_outbox
        WHERE published_at IS NULL AND payload LIKE '%step.succeeded%' LIMIT 1`,
    );
    const payloadId = JSON.parse(sample.payload).id;
    // The relay reads a table in steady state, not one still being written.
    await sql(database, 'VACUUM ANALYZE execution_outbox');
    await sleep(2000);
    const measure = {
      relay: async () =>
        (
          await agent('relay-rate', {
            db: dbUrl(database),
            url: BROKER_URL,
            exchange,
            batchSize: settings.batchSize,
          })
        ).result(),
      bare: async () =>
        (
          await agent('bare-rate', {
            url: BROKER_URL,
            exchange,
            batchSize: settings.batchSize,
            window: RELAY_WINDOW,
            n,
            payload: sample.payload,
            payloadId,
            routingKey: sample.routing_key,
          })
        ).result(),
      bareSerial: async () =>
        (
          await agent('bare-rate', {
            url: BROKER_URL,
            exchange,
            batchSize: settings.batchSize,
            window: 1,
            n,
            payload: sample.payload,
            payloadId,
            routingKey: sample.routing_key,
          })
        ).result(),
    };
    const order =
      round % 2 === 0
        ? ['bare', 'relay', 'bareSerial']
        : ['relay', 'bareSerial', 'bare'];
    const result = {};
    for (const which of order) {
      result[which] = await measure[which]();
      await channel.purgeQueue(queue);
      log(
        `rate round ${round + 1} ${which}: ${result[which].published} in ${fmt(
          result[which].seconds,
          2,
        )} s = ${fmt(result[which].rate, 0)}/s`,
      );
    }
    rounds.push(result);
  }
  await channel.deleteQueue(queue);
  await connection.close();
  const relay = median(rounds.map(r => r.relay.rate));
  const bare = median(rounds.map(r => r.bare.rate));
  const bareSerial = median(rounds.map(r => r.bareSerial.rate));
  return { n, rounds, relay, bare, bareSerial, ratio: relay / bare };
}

// --- 3. event to browser ----------------------------------------------------------

async function eventToBrowser(cleanupList) {
  const port = await freePort();
  const oidcPort = await freePort();
  const oidc = await startOidcProvider({
    port: oidcPort,
    redirectUri: `http://localhost:${port}/api/auth/oidc/handler/frame`,
    accounts: { ada: { email: 'ada@ai-ops.example', name: 'Ada Admin' } },
    clientId: 'ai-ops-console',
    clientSecret: 'bench-secret',
  });
  cleanupList.push(() => oidc.stop());
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ai-ops-bench-events-'));
  const historyQueue = `ai-ops.executions.history.bench-${tag}-backend`;
  const overlay = path.join(logDir, 'events.yaml');
  fs.writeFileSync(
    overlay,
    [
      'executions:',
      '  events:',
      '    rabbitmq:',
      `      url: ${BROKER_URL}`,
      `      exchange: ${exchange}`,
      `      historyQueue: ${historyQueue}`,
      '',
    ].join('\n'),
  );
  const externalToken = crypto.randomBytes(24).toString('hex');
  log(`starting the backend (port ${port})`);
  const backend = await startBackend({
    port,
    configs: productionConfigs(overlay),
    env: productionEnv({
      port,
      dbPrefix,
      externalToken,
      postgres,
      overrides: {
        OIDC_METADATA_URL: oidc.metadataUrl,
        OIDC_CLIENT_SECRET: 'bench-secret',
        CATALOG_ROOT_LOCATION: path.join(repoRoot, 'examples/all.yaml'),
      },
    }),
  });
  cleanupList.push(async () => {
    fs.writeFileSync(path.join(logDir, 'backend.log'), backend.output());
    await backend.stop();
  });
  const base = backend.baseUrl;
  await waitFor(
    'the catalog to ingest ada',
    async () => {
      const res = await request(
        `${base}/api/catalog/entities/by-query?filter=kind=user,metadata.name=ada`,
        {
          headers: { authorization: `Bearer ${externalToken}` },
        },
      );
      return res.status === 200 && res.json().items.length === 1;
    },
    { timeoutMs: 180_000 },
  );
  const identity = await signInWithOidc({
    backendUrl: base,
    login: 'ada',
    jar: new CookieJar(),
  });
  const token = identity.token;

  const runIds = Array.from(
    { length: settings.latencyRuns },
    (_, i) => `latency-${tag}-${i}`,
  );
  const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/api/signals`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const arrivals = [];
  socket.addEventListener('message', e => {
    const now = Date.now();
    const { channel, message } = JSON.parse(String(e.data));
    arrivals.push({ channel, message, now });
  });
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve);
    socket.addEventListener('error', () =>
      reject(new Error('the signals WebSocket did not open')),
    );
  });
  for (const id of runIds) {
    socket.send(
      JSON.stringify({
        action: 'subscribe',
        channel: `ai-ops-executions:${id}`,
      }),
    );
  }
  await sleep(1000);
  const database = `${dbPrefix}executions`;
  const expected = runIds.length * (2 + 2 * settings.latencySteps);
  log(
    `event to browser: ${runIds.length} runs x ${
      2 + 2 * settings.latencySteps
    } events, ${settings.latencyPaceMs} ms between a run's writes`,
  );
  const producer = await agent('produce', {
    db: dbUrl(database),
    runs: runIds.length,
    steps: settings.latencySteps,
    prefix: `latency-${tag}`,
    concurrency: runIds.length,
    paceMs: settings.latencyPaceMs,
    reportCommits: true,
  });
  await producer.result();
  const commits = new Map();
  for (const line of producer.lines) {
    if (!line.commit) continue;
    for (const sequence of line.commit.sequences) {
      commits.set(`${line.commit.id}:${sequence}`, line.commit.at);
    }
  }
  await waitFor('every signal', () => arrivals.length >= expected, {
    timeoutMs: 60_000,
    intervalMs: 100,
  }).catch(() => undefined);
  await sleep(1000);
  socket.close();
  const ids = arrivals.map(a => a.message.id);
  // From the commit (when the writer got it acknowledged) and, as an upper
  // bound, from the event's `time` (taken before the commit).
  const latencies = arrivals
    .map(
      a =>
        a.now - commits.get(`${a.message.executionId}:${a.message.sequence}`),
    )
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const fromTime = arrivals
    .map(a => a.now - Date.parse(a.message.time))
    .sort((a, b) => a - b);
  // The history through the API, for one run: each event once, in order.
  const events = await request(
    `${base}/api/executions/executions/${runIds[0]}/events?limit=1000`,
    {
      headers: { authorization: `Bearer ${token}` },
    },
  );
  const history = events.status === 200 ? events.json().items : [];
  // Where the time goes: commit to the relay's publish (outbox), then on.
  const relayLag = (
    await sql(
      database,
      `SELECT (extract(epoch FROM published_at - created_at) * 1000)::float AS ms
         FROM execution_outbox WHERE execution_id LIKE $1 ORDER BY 1`,
      [`latency-${tag}-%`],
    )
  ).map(r => r.ms);
  const connection = await amqp.connect(BROKER_URL);
  const channel = await connection.createChannel();
  cleanupList.push(async () => {
    await channel.deleteQueue(historyQueue).catch(() => undefined);
    await connection.close().catch(() => undefined);
  });
  return {
    expected,
    received: arrivals.length,
    distinct: new Set(ids).size,
    matched: latencies.length,
    timeP50: percentile(fromTime, 50),
    timeP99: percentile(fromTime, 99),
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1],
    historyStatus: events.status,
    historyCount: history.length,
    historyInOrder: history.every((e, i) => e.sequence === i + 1),
    user: identity.identity.userEntityRef,
    loadAverage: os.loadavg()[0],
    relayLagP50: percentile(relayLag, 50),
    relayLagP99: percentile(relayLag, 99),
  };
}

// --- results -------------------------------------------------------------------------

const loadAtStart = os.loadavg()[0];

function writeResults({ startedAt, chaosResult: c, rate: r, latency: l }) {
  const chaosPass =
    c.lost === 0 &&
    c.duplicatesShown === 0 &&
    c.storedRows === c.total &&
    c.runsWithGaps === 0;
  const ratePass = r.ratio >= TARGET_RATE_RATIO;
  const latencyPass =
    l.p99 <= TARGET_P99_MS &&
    l.received === l.expected &&
    l.distinct === l.received &&
    l.matched === l.received;
  const pass = chaosPass && ratePass && latencyPass;
  const section = [
    `${SECTION}: lifecycle events through outbox, RabbitMQ, history and signals (\`bench/events/run.mjs\`)`,
    '',
    `**Overall: ${
      pass ? 'PASS' : 'FAIL'
    }** (targets: 0 lost and 0 duplicates shown over >= 10,000 events through kills and a broker restart; relay publish rate >= ${TARGET_RATE_RATIO}x a bare confirm-channel loop; event to browser p99 <= ${TARGET_P99_MS} ms)`,
    '',
    `- Date: ${startedAt.toISOString()} (finished ${new Date().toISOString()})`,
    `- Machine: ${os.cpus().length} cores (${os
      .cpus()[0]
      ?.model?.trim()}), ${fmt(os.totalmem() / 2 ** 30)} GiB memory; Node ${
      process.version
    }; PostgreSQL and RabbitMQ on 127.0.0.1`,
    `- Code: ${gitState(repoRoot)}`,
    `- Machine load: 1-minute load average ${fmt(
      loadAtStart,
      2,
    )} at the start, ${fmt(
      l.loadAverage,
      2,
    )} after the event-to-browser part (${
      os.cpus().length
    } cores; other work shares the machine, PostgreSQL and RabbitMQ)`,
    '- Command (from the repository root):',
    '',
    '  ```sh',
    `  ${command}`,
    '  ```',
    '',
    `### Chaos: ${c.total} events, kills and a broker restart — ${
      chaosPass ? 'PASS' : 'FAIL'
    }`,
    '',
    `Events written through \`DatabaseExecutionStore\` (${
      c.total / settings.eventsPerRun
    } runs x ${settings.eventsPerRun} events, 10 runs at a time, ${
      settings.chaosPaceMs
    } ms between a run's writes) by a producer process; \`OutboxRelay\` + \`RabbitMqEventPublisher\` (batch ${
      settings.batchSize
    }) and the history consumer (\`RabbitMqEventConsumer\`, prefetch 50, durable queue, manual acks, \`DatabaseExecutionEventHistory\`) each in a process of its own (\`bench/events/agent.mjs\`), connected to RabbitMQ through a loopback TCP proxy. ${
      settings.brokerRestart === 'rabbitmqctl'
        ? 'The **broker restarts for real**: `rabbitmqctl stop_app`, 3 s, `rabbitmqctl start_app` (every connection drops; the durable queue and persistent messages come back from disk).'
        : 'The **broker restart is simulated by the proxy** (`BENCH_BROKER_RESTART=proxy`): every connection is cut and new ones refused for 3 s; durable queue and persistent messages keep what was in flight.'
    }`,
    '',
    'Timeline:',
    '',
    ...c.timeline.map(t => `- ${t}`),
    '',
    '| Check | Result |',
    '| --- | ---: |',
    `| events committed (outbox rows) | ${c.outboxRows} |`,
    `| events stored in the history | ${c.storedRows} |`,
    `| distinct ids / distinct (run, sequence) | ${c.distinctIds} / ${c.distinctPositions} |`,
    `| **lost** (outbox rows not in the history) | **${c.lost}** |`,
    `| **duplicates shown** (history rows - distinct positions) | **${c.duplicatesShown}** |`,
    `| runs with a sequence gap | ${c.runsWithGaps} |`,
    `| messages left on the history queue | ${c.queueLeft} |`,
    `| deliveries seen by the consumers (until each kill's last report) | ${c.consumerTotals.deliveries} |`,
    `| of them redelivered by the broker | ${c.consumerTotals.redelivered} |`,
    `| duplicates on the wire, dropped by the history (deliveries - stored) | ${
      c.consumerTotals.deliveries - c.consumerTotals.stored
    } |`,
    `| time until everything was stored | ${fmt(c.seconds)} s |`,
    '',
    `### Publish rate — ${ratePass ? 'PASS' : 'FAIL'}`,
    '',
    `${r.n} events per round. Relay: \`OutboxRelay.drain\` as the backend runs it with RabbitMQ (batches of ${settings.batchSize}, up to ${RELAY_WINDOW} in flight: select unpublished rows in outbox order, parse each with the contract's zod schema, publish on a confirm channel, wait for the confirms, mark the rows published) until the outbox is empty; the table is vacuumed/analyzed after it was filled. Baseline (the target's): a bare amqplib confirm channel publishing the same payload (a fresh id per message) with the same properties, in batches of ${settings.batchSize} with the same ${RELAY_WINDOW} batches awaiting confirms at once, no database. Also shown: the bare loop one batch at a time (publish ${settings.batchSize}, wait for their confirms, repeat). Same broker, same exchange and bound durable queue (purged after each), a fresh process each, rounds interleaved (order rotating).`,
    '',
    `| Round | Bare, ${RELAY_WINDOW} batches in flight (msg/s) | Bare, one batch at a time (msg/s) | Relay (msg/s) | Relay / bare (${RELAY_WINDOW} in flight) |`,
    '| ---: | ---: | ---: | ---: | ---: |',
    ...r.rounds.map(
      (x, i) =>
        `| ${i + 1} | ${fmt(x.bare.rate, 0)} | ${fmt(
          x.bareSerial.rate,
          0,
        )} | ${fmt(x.relay.rate, 0)} | ${fmt(x.relay.rate / x.bare.rate, 2)} |`,
    ),
    `| **median** | **${fmt(r.bare, 0)}** | ${fmt(r.bareSerial, 0)} | **${fmt(
      r.relay,
      0,
    )}** | **${fmt(r.ratio, 2)}** (target >= ${TARGET_RATE_RATIO}) |`,
    '',
    `### Event to browser — ${latencyPass ? 'PASS' : 'FAIL'}`,
    '',
    `The backend from source (\`packages/backend\`, NODE_ENV=production, \`app-config.yaml\` + \`app-config.production.yaml\` + RabbitMQ: PostgreSQL, Redis, OIDC sign-in against a local provider); a WebSocket client (Node's) on \`/api/signals\` with ${
      l.user
    }'s Backstage token, subscribed to the channels of ${
      settings.latencyRuns
    } runs. A producer process writes the runs into the backend's executions database through the store, as the worker does (${
      settings.latencyRuns
    } runs at once, ${2 + 2 * settings.latencySteps} events each, ${
      settings.latencyPaceMs
    } ms between a run's writes). Path: commit -> PostgreSQL NOTIFY -> relay -> RabbitMQ -> the backend's own live queue -> signals -> WebSocket. Latency = arrival - the time the writer got its commit acknowledged (the state change commit; the producer reports it per write, and the sequences of a write's events are known). As an upper bound also from the event's \`time\`, taken inside the writing transaction before the commit (it includes the transaction itself and the writer's wait for the commit on a loaded machine).`,
    '',
    '| Signals expected | received | distinct | p50 (ms) | p95 (ms) | p99 (ms) | max (ms) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${l.expected} | ${l.received} | ${l.distinct} | ${fmt(l.p50)} | ${fmt(
      l.p95,
    )} | **${fmt(l.p99)}** | ${fmt(l.max)} |`,
    '',
    `From the event's \`time\` instead: p50 ${fmt(l.timeP50)} ms, p99 ${fmt(
      l.timeP99,
    )} ms. Signals matched to a commit: ${l.matched} of ${l.received}.`,
    '',
    `Of that, commit to publish (the outbox row's \`published_at - created_at\`): p50 ${fmt(
      l.relayLagP50,
    )} ms, p99 ${fmt(l.relayLagP99)} ms.`,
    '',
    `History through the API (\`GET /api/executions/executions/{id}/events\`, first run): HTTP ${
      l.historyStatus
    }, ${l.historyCount} events, in sequence order: ${
      l.historyInOrder ? 'yes' : 'no'
    }.`,
    '',
  ].join('\n');
  let text = fs.existsSync(resultsFile)
    ? fs.readFileSync(resultsFile, 'utf8')
    : '# Benchmark results\n';
  const start = text.indexOf(`\n${SECTION}`);
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    text = text.slice(0, start) + (next >= 0 ? text.slice(next) : '');
  }
  fs.writeFileSync(resultsFile, `${text.trimEnd()}\n\n${section.trimEnd()}\n`);
  return pass;
}

async function main() {
  const startedAt = new Date();
  log(
    `settings ${JSON.stringify(
      settings,
    )}; db prefix ${dbPrefix}; exchange ${exchange}`,
  );
  const cleanupList = [];
  try {
    const only = process.env.BENCH_ONLY;
    if (only && only !== 'latency' && only !== 'rate' && only !== 'chaos') {
      throw new Error(
        `BENCH_ONLY must be chaos, rate or latency, got '${only}'`,
      );
    }
    const chaosResult = !only || only === 'chaos' ? await chaos() : undefined;
    if (chaosResult)
      log(`chaos: ${JSON.stringify({ ...chaosResult, timeline: undefined })}`);
    const rate = !only || only === 'rate' ? await publishRate() : undefined;
    if (rate)
      log(
        `rate: relay ${fmt(rate.relay, 0)}/s, bare ${fmt(
          rate.bare,
          0,
        )}/s, ratio ${fmt(rate.ratio, 2)}`,
      );
    const latency =
      !only || only === 'latency'
        ? await eventToBrowser(cleanupList)
        : undefined;
    if (latency) log(`latency: ${JSON.stringify(latency)}`);
    if (only) {
      log(
        `BENCH_ONLY=${only}: ${path.relative(
          repoRoot,
          resultsFile,
        )} not written`,
      );
      return;
    }
    const pass = writeResults({ startedAt, chaosResult, rate, latency });
    log(
      `wrote ${path.relative(repoRoot, resultsFile)}: ${
        pass ? 'PASS' : 'FAIL'
      }`,
    );
    process.exitCode = pass ? 0 : 1;
  } finally {
    for (const child of children) child.kill('SIGKILL');
    for (const step of cleanupList.reverse())
      await step().catch(e => log(`cleanup: ${e}`));
    const connection = await amqp.connect(BROKER_URL);
    const channel = await connection.createChannel();
    await channel.deleteExchange(exchange).catch(() => undefined);
    await connection.close().catch(() => undefined);
    const dropped = await dropDatabasesWithPrefix(dbPrefix);
    log(`dropped ${dropped.length} databases (${dbPrefix}*)`);
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
