#!/usr/bin/env node
// One role of the events benchmark in a process of its own, so that the
// benchmark can kill it (SIGKILL, as a crash) and start it again. Run with
// the backend's TypeScript transform:
//
//   node --require <@backstage/cli-node/config/nodeTransform.cjs> agent.mjs <role> '<json options>'
//
// Roles: migrate, produce, relay, consume, relay-rate, bare-rate. Progress
// and results are JSON lines on stdout.
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../..',
);
const require = createRequire(
  path.join(repoRoot, 'packages/backend/package.json'),
);
const knexFactory = require('knex');
const amqp = require('amqplib');
const {
  DatabaseExecutionEventHistory,
  DatabaseExecutionStore,
  OutboxRelay,
  RabbitMqEventConsumer,
  RabbitMqEventPublisher,
} = require('@ai-ops/plugin-executions-node');

const [role, raw = '{}'] = process.argv.slice(2);
const options = JSON.parse(raw);
const emit = value => process.stdout.write(`${JSON.stringify(value)}\n`);

function database() {
  const knex = knexFactory({
    client: 'pg',
    connection: options.db,
    pool: { min: 0, max: options.pool ?? 10 },
  });
  return { knex, service: { getClient: async () => knex } };
}

const snapshot = name => ({
  workflowRef: `aiworkflow:default/${name}`,
  version: 1,
  document: {
    apiVersion: 'ai-ops.dev/v1alpha1',
    kind: 'AIWorkflow',
    metadata: { name },
    spec: {
      owner: 'group:default/team-a',
      lifecycle: 'experimental',
      steps: [{ id: 'step', component: 'aicomponent:default/upper-case' }],
    },
  },
  componentRevisions: { 'aicomponent:default/upper-case': 1 },
});

const sleep = ms => new Promise(r => setTimeout(r, ms));

async function migrate() {
  const { knex, service } = database();
  await DatabaseExecutionStore.create({ database: service });
  await DatabaseExecutionEventHistory.create({ database: service });
  await knex.destroy();
  emit({ migrated: true });
}

/**
 * Writes runs as the worker's activities do: each run is created running
 * (queued + started) and then `steps` attempts go running -> succeeded, so
 * a run has 2 + 2 * steps events. `concurrency` runs are written at once;
 * `paceMs` waits between the writes of one run.
 */
async function produce() {
  const { knex, service } = database();
  const store = await DatabaseExecutionStore.create({
    database: service,
    skipMigrations: true,
  });
  const { runs, steps, prefix, concurrency = 10, paceMs = 0 } = options;
  // With `reportCommits`, each write's events (run id and sequences, which
  // are deterministic here) and the time its commit was acknowledged.
  const committed = (id, ...sequences) => {
    if (options.reportCommits)
      emit({ commit: { id, sequences, at: Date.now() } });
  };
  let produced = 0;
  let next = 0;
  let lastReport = Date.now();
  const report = () => {
    if (Date.now() - lastReport > 200) {
      lastReport = Date.now();
      emit({ produced });
    }
  };
  const attempt = (id, index, status) => ({
    executionId: id,
    stepId: `step-${index}`,
    iteration: 0,
    attempt: 1,
    status,
    costUsd: status === 'succeeded' ? 0.001 : 0,
    tokens: { inputTokens: 10, outputTokens: 5 },
    latencyMs: status === 'succeeded' ? 5 : undefined,
    input: { text: 'x' },
    output: status === 'succeeded' ? { text: 'X' } : undefined,
  });
  async function lane() {
    while (next < runs) {
      const id = `${prefix}-${next++}`;
      await store.create({
        id,
        snapshot: snapshot(options.workflow ?? 'bench-events'),
        owner: 'group:default/team-a',
        input: { text: 'x' },
        trigger: { type: 'api' },
        status: 'running',
      });
      committed(id, 1, 2);
      produced += 2;
      report();
      for (let s = 0; s < steps; s++) {
        if (paceMs) await sleep(paceMs);
        await store.recordAttempt(attempt(id, s, 'running'));
        committed(id, 3 + 2 * s);
        produced += 1;
        if (paceMs) await sleep(paceMs);
        await store.recordAttempt(attempt(id, s, 'succeeded'));
        committed(id, 4 + 2 * s);
        produced += 1;
        report();
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, lane));
  await knex.destroy();
  emit({ produced, done: true });
}

async function relay() {
  const { knex } = database();
  const publisher = new RabbitMqEventPublisher({
    url: options.url,
    exchange: options.exchange,
  });
  const relayer = new OutboxRelay({
    knex,
    publisher,
    batchSize: options.batchSize,
    pollIntervalMs: options.pollIntervalMs,
    // As the executions backend runs it with RabbitMQ.
    publishWindow: 4,
  });
  relayer.start();
  emit({ ready: true });
}

/** The history consumer of the backend, with counters. */
async function consume() {
  const { service } = database();
  const history = await DatabaseExecutionEventHistory.create({
    database: service,
    skipMigrations: true,
  });
  let deliveries = 0;
  let stored = 0;
  let redelivered = 0;
  const consumer = new RabbitMqEventConsumer({
    url: options.url,
    exchange: options.exchange,
    queue: options.queue,
    prefetch: options.prefetch,
    reconnectDelayMs: 250,
    handler: async (event, delivery) => {
      deliveries += 1;
      if (delivery.redelivered) redelivered += 1;
      if (await history.append(event)) stored += 1;
    },
  });
  setInterval(() => emit({ deliveries, stored, redelivered }), 100);
  await consumer.start();
  emit({ ready: true });
}

/** The relay draining the unpublished rows, timed. */
async function relayRate() {
  const { knex } = database();
  const publisher = new RabbitMqEventPublisher({
    url: options.url,
    exchange: options.exchange,
  });
  const relayer = new OutboxRelay({
    knex,
    publisher,
    batchSize: options.batchSize,
    listen: false,
    publishWindow: 4,
  });
  // Connect before the clock starts, as the bare loop does.
  await publisher.publish([]);
  const started = process.hrtime.bigint();
  // The loop the relay runs while there is a backlog.
  const total = await relayer.drain();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await publisher.close();
  await knex.destroy();
  emit({ published: total, seconds, rate: total / seconds });
}

/**
 * The baseline: a bare amqplib confirm channel publishing `n` messages of
 * the relay's payload in batches of `batchSize`, with up to `window` batches
 * awaiting their confirms at once (1: publish a batch, wait for its
 * confirms, repeat), without any database.
 */
async function bareRate() {
  const connection = await amqp.connect(options.url);
  const channel = await connection.createConfirmChannel();
  await channel.assertExchange(options.exchange, 'topic', { durable: true });
  const { payload, batchSize, n } = options;
  const window = options.window ?? 1;
  const started = process.hrtime.bigint();
  let sent = 0;
  const pending = [];
  while (sent < n) {
    const size = Math.min(batchSize, n - sent);
    const confirms = [];
    for (let i = 0; i < size; i++) {
      const id = crypto.randomUUID();
      confirms.push(
        new Promise((resolve, reject) =>
          channel.publish(
            options.exchange,
            options.routingKey,
            Buffer.from(payload.replace(options.payloadId, id)),
            {
              persistent: true,
              messageId: id,
              type: 'ai-ops.step.succeeded.v1',
              contentType: 'application/json',
              headers: { subject: 'bench', sequence: sent + i + 1 },
            },
            error => (error ? reject(error) : resolve()),
          ),
        ),
      );
    }
    sent += size;
    pending.push(Promise.all(confirms));
    while (pending.length >= window) await pending.shift();
  }
  await Promise.all(pending);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await connection.close();
  emit({ published: sent, seconds, rate: sent / seconds });
}

const roles = {
  migrate,
  produce,
  relay,
  consume,
  'relay-rate': relayRate,
  'bare-rate': bareRate,
};
if (!roles[role]) {
  console.error(
    `unknown role '${role}'; one of ${Object.keys(roles).join(', ')}`,
  );
  process.exit(2);
}
roles[role]().catch(error => {
  console.error(error);
  process.exit(1);
});
