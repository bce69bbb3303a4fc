#!/usr/bin/env node
// Executions benchmark: a three-step no-op workflow run through the console
// (POST /api/executions/executions on the real backend, executed by the real
// worker process, both on the production configuration with PostgreSQL)
// versus the same three steps on a bare Temporal client and worker
// (bench/executions/workflows.mjs, three no-op activities), on the same
// Temporal server in the same run. Closed loop, BENCH_CONCURRENCY runs in
// flight; throughput and end-to-end latency (start request until the run's
// Temporal result). See bench/README.md; results go to the "## Executions"
// section of bench/results.md.
//
//   source scripts/toolchain.sh && node bench/executions/run.mjs
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  productionConfigs,
  productionEnv,
  repoRoot,
  startBackend,
  workerDir,
} from '../../tests/integration/lib/backend.mjs';
import { freePort, request } from '../../tests/integration/lib/http.mjs';
import {
  dropDatabasesWithPrefix,
  postgres,
} from '../../tests/integration/lib/postgres.mjs';
import { gitState } from '../lib/git.mjs';
import { envNumber } from '../lib/settings.mjs';
import { cmdlineOf, cpuSampler, postgresPids } from '../lib/proc.mjs';
import { ensureService } from '../lib/services.mjs';
import {
  temporalAddress,
  temporalNamespace as namespace,
  temporalPids,
  temporalRequire,
} from './temporal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { Client, Connection } = temporalRequire('@temporalio/client');

const settings = {
  concurrency: envNumber('BENCH_CONCURRENCY', 10),
  durationS: envNumber('BENCH_DURATION', 40),
  rounds: envNumber('BENCH_ROUNDS', 4),
  warmupS: envNumber('BENCH_WARMUP', 10),
  rampS: envNumber('BENCH_RAMP', 2),
  maxOtherCentiCores: envNumber('BENCH_MAX_OTHER', 30),
  quietWaitS: envNumber('BENCH_QUIET_WAIT', 600),
  sliceRetries: envNumber('BENCH_SLICE_RETRIES', 3),
  breakdownRuns: envNumber('BENCH_BREAKDOWN_RUNS', 40),
};
const resultsFile = path.resolve(
  repoRoot,
  process.env.BENCH_RESULTS ?? 'bench/results.md',
);
// A diagnostic: Node/V8 flags for the console's backend and worker and for
// the bare worker (e.g. `--cpu-prof --cpu-prof-dir=DIR`), space-separated.
const nodeArgsOf = name => (process.env[name] ?? '').split(' ').filter(Boolean);
const BACKEND_NODE_ARGS = nodeArgsOf('BENCH_BACKEND_NODE_ARGS');
const WORKER_NODE_ARGS = nodeArgsOf('BENCH_WORKER_NODE_ARGS');
const BARE_NODE_ARGS = nodeArgsOf('BENCH_BARE_NODE_ARGS');
const TARGET_THROUGHPUT_RATIO = 0.87;
const TARGET_P95_RATIO = 1.2;
const SECTION = '## Executions';

const benchEnvVars = Object.keys(process.env)
  .filter(k => k.startsWith('BENCH_'))
  .sort()
  .map(k => `${k}=${process.env[k]}`);
const command = [
  'source scripts/toolchain.sh &&',
  ...benchEnvVars,
  'node bench/executions/run.mjs',
].join(' ');

const log = (...args) =>
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...args);
const sleep = ms => new Promise(r => setTimeout(r, ms));

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
const ms = v => (Number.isFinite(v) ? v.toFixed(1) : 'n/a');
const mean = xs => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);

// --- CPU accounting from /proc (Linux) --------------------------------------

/** The process groups the CPU table shows; filled in once they run. */
const groups = {
  backend: () => (backend ? [backend.pid] : []),
  worker: () => (worker ? [worker.pid] : []),
  bareWorker: () => (bareWorker ? [bareWorker.pid] : []),
  temporal: temporalPids,
  postgres: postgresPids,
};
const GROUP_LABELS = {
  backend: 'Backend',
  worker: 'Console worker',
  bareWorker: 'Bare worker',
  temporal: 'Temporal server',
  postgres: 'PostgreSQL',
  bench: 'Load generator',
  other: 'Other',
};

const { sample: cpuSample, between: cpuBetween } = cpuSampler(groups);

const maxOther = () => settings.maxOtherCentiCores / 100;

/** Waits until processes other than the bench's leave the machine alone. */
async function waitForQuiet(what) {
  const deadline = Date.now() + settings.quietWaitS * 1000;
  let waited = false;
  for (;;) {
    const before = cpuSample();
    await sleep(3000);
    const { other } = cpuBetween(before, cpuSample());
    if (other <= maxOther()) {
      if (waited) log(`machine quiet again (others ${other.toFixed(2)} cores)`);
      return true;
    }
    if (Date.now() > deadline) {
      log(`machine still busy (others ${other.toFixed(2)} cores); going on`);
      return false;
    }
    if (!waited) {
      log(
        `waiting for a quiet machine before ${what}: others use ${other.toFixed(
          2,
        )} cores`,
      );
    }
    waited = true;
  }
}

// --- the stack ---------------------------------------------------------------

const runId = crypto.randomBytes(4).toString('hex');
const dbPrefix = `aiops_bench_${runId}_`;
const externalToken = crypto.randomBytes(24).toString('base64url');
const consoleQueue = `bench-console-${runId}`;
const bareQueue = `bench-bare-${runId}`;
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `${dbPrefix}`));
let backend;
let worker;
let bareWorker;
let connection;
let cleaning;
// Stopped again at the end when this run started it.
let temporal;
const temporalScript = path.join(repoRoot, 'scripts/services/temporal.sh');

async function startBareWorker() {
  const child = spawn(
    process.execPath,
    [...BARE_NODE_ARGS, path.join(here, 'bare-worker.mjs')],
    {
      env: {
        ...process.env,
        BENCH_TASK_QUEUE: bareQueue,
        TEMPORAL_ADDRESS: temporalAddress,
        TEMPORAL_NAMESPACE: namespace,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const exited = new Promise(resolve => child.on('exit', resolve));
  await new Promise((resolve, reject) => {
    child.stdout.on('data', d => {
      output += d;
      if (output.includes('ready')) resolve();
    });
    child.stderr.on('data', d => (output += d));
    child.on('exit', code =>
      reject(new Error(`the bare worker exited with ${code}:\n${output}`)),
    );
  });
  return {
    pid: child.pid,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

async function cleanup() {
  cleaning ??= (async () => {
    for (const [name, proc] of [
      ['backend', backend],
      ['worker', worker],
      ['bare-worker', bareWorker],
    ]) {
      if (proc)
        fs.writeFileSync(path.join(logDir, `${name}.log`), proc.output());
    }
    log(`process logs: ${logDir}`);
    await connection?.close().catch(() => undefined);
    await bareWorker?.stop().catch(e => log(`stopping the bare worker: ${e}`));
    await worker?.stop().catch(e => log(`stopping the worker: ${e}`));
    await backend?.stop().catch(e => log(`stopping the backend: ${e}`));
    const dropped = await dropDatabasesWithPrefix(dbPrefix).catch(e => {
      log(`dropping databases: ${e}`);
      return [];
    });
    log(
      `stopped backend and workers; dropped ${dropped.length} databases (${dbPrefix}*)`,
    );
    if (temporal) {
      try {
        temporal.stop();
      } catch (e) {
        log(`stopping Temporal: ${e}`);
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

// --- load -------------------------------------------------------------------

/**
 * Keeps `concurrency` runs in flight for ramp + duration seconds; keeps the
 * runs that finished inside the measured window (after the ramp). Runs still
 * in flight at the end are waited for and not counted.
 */
async function closedLoop(runOnce, { durationS, rampS }) {
  const t0 = performance.now();
  const windowStart = t0 + rampS * 1000;
  const windowEnd = windowStart + durationS * 1000;
  const runs = [];
  const errors = [];
  const lane = async () => {
    while (performance.now() < windowEnd) {
      const startedAt = performance.now();
      try {
        const run = await runOnce();
        const endedAt = performance.now();
        if (endedAt >= windowStart && endedAt <= windowEnd) {
          runs.push({ ...run, latencyMs: endedAt - startedAt, startedAt });
        }
      } catch (error) {
        errors.push(String(error?.message ?? error));
        await sleep(100);
      }
    }
  };
  await Promise.all(Array.from({ length: settings.concurrency }, lane));
  return { runs, errors, windowS: durationS };
}

let client;
const consoleIds = [];
const bareIds = [];

async function consoleRun() {
  const startedAt = performance.now();
  const res = await request(`${backend.baseUrl}/api/executions/executions`, {
    method: 'POST',
    body: { workflow: 'aiworkflow:default/bench-three', input: { text: 'hi' } },
    headers: { authorization: `Bearer ${externalToken}` },
  });
  if (res.status !== 202) {
    throw new Error(`POST /executions answered ${res.status}: ${res.text}`);
  }
  const acceptedMs = performance.now() - startedAt;
  const { id } = res.json();
  consoleIds.push(id);
  const result = await client.workflow.getHandle(id).result();
  if (result?.status !== 'succeeded') {
    throw new Error(`run ${id} ended ${JSON.stringify(result).slice(0, 300)}`);
  }
  return { id, acceptedMs };
}

async function bareRun() {
  const startedAt = performance.now();
  const id = `bench-bare-${crypto.randomUUID()}`;
  const handle = await client.workflow.start('benchThreeSteps', {
    taskQueue: bareQueue,
    workflowId: id,
    args: [{ text: 'hi' }],
  });
  const acceptedMs = performance.now() - startedAt;
  bareIds.push(id);
  const result = await handle.result();
  if (result?.status !== 'succeeded') {
    throw new Error(`run ${id} ended ${JSON.stringify(result).slice(0, 300)}`);
  }
  return { id, acceptedMs };
}

const scenarios = [
  {
    key: 'console',
    name: 'console: POST /api/executions/executions',
    runOnce: consoleRun,
  },
  {
    key: 'bare',
    name: 'baseline: bare Temporal client + worker',
    runOnce: bareRun,
  },
];

// --- where the time goes: from the runs' Temporal histories -----------------

const tsMs = t =>
  t ? Number(t.seconds?.toString() ?? 0) * 1000 + (t.nanos ?? 0) / 1e6 : NaN;

/**
 * Reads a run's history: server-side time from start to completion, time
 * activities waited in the task queue and ran (by activity type), and the
 * rest (workflow tasks: queue wait and the interpreter's own work).
 */
function breakdown(history) {
  const events = history.events ?? [];
  const started = tsMs(events[0]?.eventTime);
  const completed = tsMs(events[events.length - 1]?.eventTime);
  const scheduled = new Map();
  const startedAt = new Map();
  const byType = {};
  let activityWall = 0;
  let workflowTasks = 0;
  let localActivities = 0;
  let wftQueue = 0;
  let wftRun = 0;
  let wftScheduledAt;
  let wftStartedAt;
  for (const event of events) {
    const at = tsMs(event.eventTime);
    const id = Number(event.eventId?.toString());
    if (event.activityTaskScheduledEventAttributes) {
      scheduled.set(id, {
        type: event.activityTaskScheduledEventAttributes.activityType?.name,
        at,
      });
    } else if (event.activityTaskStartedEventAttributes) {
      const s = Number(
        event.activityTaskStartedEventAttributes.scheduledEventId?.toString(),
      );
      startedAt.set(s, at);
    } else if (event.activityTaskCompletedEventAttributes) {
      const s = Number(
        event.activityTaskCompletedEventAttributes.scheduledEventId?.toString(),
      );
      const sched = scheduled.get(s);
      const st = startedAt.get(s) ?? at;
      const entry = (byType[sched.type] ??= { count: 0, queueMs: 0, runMs: 0 });
      entry.count += 1;
      entry.queueMs += st - sched.at;
      entry.runMs += at - st;
      activityWall += at - sched.at;
    } else if (
      event.markerRecordedEventAttributes?.markerName === 'core_local_activity'
    ) {
      localActivities += 1;
    } else if (event.workflowTaskScheduledEventAttributes) {
      wftScheduledAt = at;
    } else if (event.workflowTaskStartedEventAttributes) {
      wftStartedAt = at;
      workflowTasks += 1;
      wftQueue += at - (wftScheduledAt ?? at);
    } else if (event.workflowTaskCompletedEventAttributes) {
      wftRun += at - (wftStartedAt ?? at);
    }
  }
  return {
    totalMs: completed - started,
    byType,
    activityWall,
    workflowTasks,
    localActivities,
    wftQueue,
    wftRun,
    events: events.length,
  };
}

async function profileRuns(ids) {
  const sample = ids.slice(-settings.breakdownRuns);
  const rows = [];
  for (const id of sample) {
    const history = await client.workflow.getHandle(id).fetchHistory();
    rows.push(breakdown(history));
  }
  const types = {};
  for (const row of rows) {
    for (const [type, e] of Object.entries(row.byType)) {
      const t = (types[type] ??= { count: 0, queueMs: 0, runMs: 0 });
      t.count += e.count;
      t.queueMs += e.queueMs;
      t.runMs += e.runMs;
    }
  }
  const n = rows.length || 1;
  return {
    runs: rows.length,
    totalMs: mean(rows.map(r => r.totalMs)),
    events: mean(rows.map(r => r.events)),
    workflowTasks: mean(rows.map(r => r.workflowTasks)),
    localActivities: mean(rows.map(r => r.localActivities)),
    wftQueueMs: mean(rows.map(r => r.wftQueue)),
    wftRunMs: mean(rows.map(r => r.wftRun)),
    types: Object.fromEntries(
      Object.entries(types).map(([type, t]) => [
        type,
        {
          perRun: t.count / n,
          queueMs: t.queueMs / t.count,
          runMs: t.runMs / t.count,
          perRunMs: (t.queueMs + t.runMs) / n,
        },
      ]),
    ),
  };
}

// --- main ---------------------------------------------------------------------

async function main() {
  const startedAt = new Date();
  log(`settings ${JSON.stringify(settings)}; run ${runId}`);

  log('Temporal: scripts/services/temporal.sh start (idempotent)');
  temporal = ensureService(temporalScript, {
    env: { ...process.env, TEMPORAL_NAMESPACE: namespace },
  });

  const port = await freePort();
  const workerPort = await freePort();
  const temporalYaml = `temporal:\n  address: ${temporalAddress}\n  namespace: ${namespace}\n  taskQueue: ${consoleQueue}\n`;
  const backendConfig = path.join(logDir, 'backend.yaml');
  fs.writeFileSync(backendConfig, temporalYaml);
  const workerConfig = path.join(logDir, 'worker.yaml');
  fs.writeFileSync(
    workerConfig,
    `${temporalYaml}backend:\n  baseUrl: http://localhost:${workerPort}\n  listen:\n    port: ${workerPort}\ndiscovery:\n  endpoints:\n    - target: http://localhost:${port}/api/{{pluginId}}\n      plugins: [ai-components, workflows, executions, catalog, auth, permission]\n`,
  );
  const env = productionEnv({ port, dbPrefix, externalToken, postgres });
  log(`starting the backend (port ${port}, db prefix ${dbPrefix})`);
  backend = await startBackend({
    port,
    nodeArgs: BACKEND_NODE_ARGS,
    configs: productionConfigs(backendConfig),
    env,
  });
  log('starting the worker process (packages/worker)');
  worker = await startBackend({
    port: workerPort,
    nodeArgs: WORKER_NODE_ARGS,
    configs: productionConfigs(workerConfig),
    env: {
      ...env,
      WORKER_PORT: String(workerPort),
      BACKEND_PORT: String(workerPort),
      BACKEND_BASE_URL: `http://localhost:${workerPort}`,
    },
    packageDir: workerDir,
  });
  log('starting the bare worker (bench/executions/bare-worker.mjs)');
  bareWorker = await startBareWorker();

  connection = await Connection.connect({ address: temporalAddress });
  client = new Client({ connection, namespace });

  // The console's workflow: three jsonata steps in a row (no network).
  const call = (p, body) =>
    request(`${backend.baseUrl}/api${p}`, {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${externalToken}` },
    });
  const textSchema = {
    type: 'object',
    properties: { text: { type: 'string' } },
  };
  let res = await call('/ai-components/components', {
    name: 'bench-noop',
    type: 'tool',
    owner: 'group:default/ai-ops-admins',
    lifecycle: 'experimental',
    tags: [],
    runtime: { type: 'jsonata', config: { expression: '{ "text": text }' } },
    inputSchema: textSchema,
    outputSchema: textSchema,
  });
  if (res.status !== 201)
    throw new Error(`component: ${res.status} ${res.text}`);
  const step = (id, text, needs) => ({
    id,
    component: 'aicomponent:default/bench-noop',
    with: { text },
    ...(needs ? { needs: [needs] } : {}),
  });
  res = await call('/workflows/workflows', {
    document: {
      apiVersion: 'ai-ops.dev/v1alpha1',
      kind: 'AIWorkflow',
      metadata: { name: 'bench-three' },
      spec: {
        owner: 'group:default/ai-ops-admins',
        lifecycle: 'experimental',
        input: textSchema,
        steps: [
          step('a', '${{ input.text }}'),
          step('b', '${{ steps.a.output.text }}', 'a'),
          step('c', '${{ steps.b.output.text }}', 'b'),
        ],
        output: { text: '${{ steps.c.output.text }}' },
      },
    },
  });
  if (res.status !== 201)
    throw new Error(`workflow: ${res.status} ${res.text}`);

  // Both paths work before anything is measured.
  await consoleRun();
  await bareRun();

  log(`warm-up: ${settings.warmupS} s per scenario (discarded)`);
  for (const s of scenarios) {
    await closedLoop(s.runOnce, { durationS: settings.warmupS, rampS: 0 });
  }

  const sliceS = settings.durationS / settings.rounds;
  const measured = Object.fromEntries(
    scenarios.map(s => [
      s.key,
      { runs: [], errors: [], windowS: 0, perRound: [], cpu: [], rerun: 0 },
    ]),
  );
  let noisySlices = 0;
  for (let round = 0; round < settings.rounds; round++) {
    // ABBA: the order alternates so that drift falls on both alike.
    const order = round % 2 === 0 ? scenarios : [...scenarios].reverse();
    for (const s of order) {
      for (let attempt = 0; ; attempt++) {
        await waitForQuiet(`${s.key} round ${round + 1}`);
        const before = cpuSample();
        const slice = await closedLoop(s.runOnce, {
          durationS: sliceS,
          rampS: settings.rampS,
        });
        const cpu = cpuBetween(before, cpuSample());
        const m = measured[s.key];
        if (cpu.other > maxOther() && attempt < settings.sliceRetries) {
          m.rerun += 1;
          log(
            `${s.key} round ${round + 1}: others used ${cpu.other.toFixed(
              2,
            )} cores; re-running the slice`,
          );
          continue;
        }
        if (cpu.other > maxOther()) noisySlices += 1;
        m.runs.push(...slice.runs);
        m.errors.push(...slice.errors);
        m.windowS += slice.windowS;
        m.perRound.push(slice.runs.length / slice.windowS);
        m.cpu.push(cpu);
        log(
          `${s.key} round ${round + 1}: ${(
            slice.runs.length / slice.windowS
          ).toFixed(2)} runs/s, p95 ${ms(
            percentile(
              slice.runs.map(r => r.latencyMs).sort((a, b) => a - b),
              95,
            ),
          )} ms, ${slice.errors.length} errors`,
        );
        break;
      }
    }
  }

  const stats = {};
  for (const s of scenarios) {
    const m = measured[s.key];
    const lat = m.runs.map(r => r.latencyMs).sort((a, b) => a - b);
    const acc = m.runs.map(r => r.acceptedMs).sort((a, b) => a - b);
    const cpu = {};
    for (const k of Object.keys(m.cpu[0] ?? {}))
      cpu[k] = mean(m.cpu.map(c => c[k]));
    stats[s.key] = {
      name: s.name,
      runs: lat.length,
      throughput: lat.length / m.windowS,
      p50: percentile(lat, 50),
      p95: percentile(lat, 95),
      p99: percentile(lat, 99),
      max: lat[lat.length - 1],
      mean: mean(lat),
      acceptedP50: percentile(acc, 50),
      acceptedP95: percentile(acc, 95),
      perRound: m.perRound,
      errors: m.errors,
      cpu,
      rerun: m.rerun,
    };
  }

  log('reading the histories of the last runs for the breakdown');
  const profile = {
    console: await profileRuns(consoleIds),
    bare: await profileRuns(bareIds),
  };

  const throughputRatio = stats.console.throughput / stats.bare.throughput;
  const p95Ratio = stats.console.p95 / stats.bare.p95;
  const errors = stats.console.errors.length + stats.bare.errors.length;
  const targets = [
    {
      name: `console throughput ≥ ${TARGET_THROUGHPUT_RATIO} × bare`,
      value: `${stats.console.throughput.toFixed(
        2,
      )} / ${stats.bare.throughput.toFixed(
        2,
      )} runs/s = ${throughputRatio.toFixed(2)}×`,
      pass: throughputRatio >= TARGET_THROUGHPUT_RATIO,
    },
    {
      name: `console p95 ≤ ${TARGET_P95_RATIO} × bare p95`,
      value: `${ms(stats.console.p95)} / ${ms(
        stats.bare.p95,
      )} ms = ${p95Ratio.toFixed(2)}×`,
      pass: p95Ratio <= TARGET_P95_RATIO,
    },
    {
      name: 'no failed run or start request',
      value: `${errors} errors`,
      pass: errors === 0,
    },
  ];

  const report = render({
    startedAt,
    finishedAt: new Date(),
    stats,
    profile,
    targets,
    noisySlices,
  });
  writeSection(report);
  console.log(`\n${report}`);
  log(
    `wrote the "${SECTION}" section of ${path.relative(
      process.cwd(),
      resultsFile,
    )}`,
  );
  return targets.every(t => t.pass);
}

function writeSection(section) {
  let text = fs.existsSync(resultsFile)
    ? fs.readFileSync(resultsFile, 'utf8')
    : '# Benchmark results\n';
  const start = text.indexOf(`\n${SECTION}`);
  if (start >= 0) {
    const next = text.indexOf('\n## ', start + 1);
    text = text.slice(0, start) + (next >= 0 ? text.slice(next) : '\n');
  }
  fs.writeFileSync(resultsFile, `${text.trimEnd()}\n\n${section.trimEnd()}\n`);
}

function versions() {
  let pg = 'unknown';
  try {
    pg = execFileSync(
      'psql',
      [
        '-h',
        postgres.host,
        '-p',
        String(postgres.port),
        '-U',
        postgres.user,
        '-d',
        'postgres',
        '-Atc',
        'SELECT version()',
      ],
      { encoding: 'utf8' },
    )
      .trim()
      .replace(/ on .*$/, '');
  } catch {}
  const sdk = temporalRequire('@temporalio/client/package.json').version;
  return { pg, sdk };
}

function render({
  startedAt,
  finishedAt,
  stats,
  profile,
  targets,
  noisySlices,
}) {
  const cpus = os.cpus();
  const { pg, sdk } = versions();
  const pass = targets.every(t => t.pass);
  const sliceS = settings.durationS / settings.rounds;
  const lines = [];
  const p = (...l) => lines.push(...l);
  p(
    `${SECTION}: console runs vs bare Temporal (\`bench/executions/run.mjs\`)`,
    '',
    `**Overall: ${pass ? 'PASS' : 'FAIL'}** (targets below)`,
    '',
    `- Date: ${startedAt.toISOString()} (finished ${finishedAt.toISOString()})`,
    `- Machine: ${cpus.length} cores (${cpus[0]?.model.trim()}), ${(
      os.totalmem() /
      2 ** 30
    ).toFixed(1)} GiB memory, ${os.type()} ${os.release()}`,
    `- Node ${
      process.version
    }; ${pg}; Temporal server ${temporalServerVersion()} (SQLite, \`scripts/services/temporal.sh\`) at ${temporalAddress}, namespace ${namespace}; Temporal TypeScript SDK ${sdk}`,
    `- Code: ${gitState(repoRoot)}`,
    '- Command (from the repository root):',
    '',
    '  ```sh',
    `  ${command}`,
    '  ```',
    '',
    '- Console: the backend from source (`packages/backend`, NODE_ENV=production,',
    '  `app-config.yaml` + `app-config.production.yaml` + a task-queue override; PostgreSQL,',
    '  Redis) and the worker process from source (`packages/worker`, same configuration,',
    '  pre-built interpreter bundle; no telemetry preloaded, so no traces are exported and the',
    '  worker loads the bundle without tracing interceptors, as the bare worker has none) on',
    '  task queue `bench-console-*`. Workflow `bench-three`:',
    '  three `jsonata` steps in a row (`{ "text": text }`), each a `runStep` activity that',
    '  runs the component in the worker (`executionsWorkerModuleRuntimes`; the pinned revision',
    '  read once from the ai-components API and cached) and records the attempt once; the',
    "  run's result is recorded by a local activity.",
    '  A run: `POST /api/executions/executions` with the static token, then the Temporal',
    "  handle's `result()` by the returned id.",
    '- Baseline: `bench/executions/workflows.mjs` (three no-op activities in a row, the',
    "  interpreter's component activity options) bundled with `bundleWorkflowCode`, run by",
    '  `bench/executions/bare-worker.mjs` in its own process with the same worker settings',
    '  (maxConcurrentActivityTaskExecutions 50, maxHeartbeatThrottleInterval 5s, SDK defaults',
    "  otherwise) on task queue `bench-bare-*`. A run: `client.workflow.start`, then the handle's",
    '  `result()`.',
    `- Load: closed loop, ${settings.concurrency} runs in flight, from this process. After a`,
    `  ${settings.warmupS} s warm-up per scenario (discarded), ${settings.durationS} s measured per scenario as ${settings.rounds} slices`,
    `  of ${sliceS} s, interleaved ABBA (console, bare, bare, console, …). Each slice starts with a`,
    `  ${settings.rampS} s ramp (not counted); a run counts when it finishes inside the slice's window.`,
    '  Latency: from sending the start request to the run observed finished (`result()`',
    '  resolved); nearest-rank percentiles over every counted run.',
    '',
    '### Results',
    '',
    'Times in ms. "Start" is the start request alone (POST answered 202 / `workflow.start` returned).',
    '',
    '| Scenario | Runs | Runs/s | p50 | p95 | p99 | max | mean | Start p50 | Start p95 | Runs/s per slice | Errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  );
  for (const key of ['bare', 'console']) {
    const s = stats[key];
    p(
      `| ${s.name} | ${s.runs} | ${s.throughput.toFixed(2)} | ${ms(
        s.p50,
      )} | **${ms(s.p95)}** | ${ms(s.p99)} | ${ms(s.max)} | ${ms(
        s.mean,
      )} | ${ms(s.acceptedP50)} | ${ms(s.acceptedP95)} | ${s.perRound
        .map(v => v.toFixed(2))
        .join(' / ')} | ${s.errors.length} |`,
    );
  }
  p(
    '',
    '### Targets',
    '',
    '| Target | Measured | Result |',
    '| --- | --- | --- |',
  );
  for (const t of targets)
    p(`| ${t.name} | ${t.value} | ${t.pass ? 'PASS' : '**FAIL**'} |`);
  const firstErrors = [...stats.console.errors, ...stats.bare.errors].slice(
    0,
    5,
  );
  if (firstErrors.length) {
    p(
      '',
      'First errors:',
      '',
      ...firstErrors.map(e => `- \`${e.slice(0, 300)}\``),
    );
  }
  p(
    '',
    '### CPU',
    '',
    `Cores used per process group, mean over the measured slices. A slice during which other`,
    `processes used more than ${maxOther().toFixed(
      2,
    )} cores was re-run once the machine was quiet`,
    `(${
      stats.console.rerun + stats.bare.rerun
    } re-run; ${noisySlices} kept although noisy after ${
      settings.sliceRetries
    } retries).`,
    '',
    `| Scenario | Machine busy | ${Object.values(GROUP_LABELS).join(' | ')} |`,
    `| --- | ---: | ${Object.keys(GROUP_LABELS)
      .map(() => '---:')
      .join(' | ')} |`,
  );
  for (const key of ['bare', 'console']) {
    const c = stats[key].cpu;
    p(
      `| ${stats[key].name} | ${((c.machine ?? 0) * 100).toFixed(
        0,
      )}% | ${Object.keys(GROUP_LABELS)
        .map(g => (c[g] ?? 0).toFixed(2))
        .join(' | ')} |`,
    );
  }
  p(
    '',
    'CPU time per run (ms): cores used × 1000 / runs per second, per process group.',
    '',
    `| Scenario | ${Object.values(GROUP_LABELS).join(
      ' | ',
    )} | Total (machine) |`,
    `| --- | ${Object.keys(GROUP_LABELS)
      .map(() => '---:')
      .join(' | ')} | ---: |`,
  );
  for (const key of ['bare', 'console']) {
    const c = stats[key].cpu;
    const per = v => ms(((v ?? 0) * 1000) / stats[key].throughput);
    p(
      `| ${stats[key].name} | ${Object.keys(GROUP_LABELS)
        .map(g => per(c[g]))
        .join(' | ')} | ${per((c.machine ?? 0) * os.cpus().length)} |`,
    );
  }
  p(
    '',
    '### Where the time goes',
    '',
    `From the Temporal histories of the last ${profile.console.runs} runs of each scenario (server`,
    'timestamps; means per run). "Queue" is from an activity scheduled to started (task queue',
    'wait), "run" from started to completed (the activity itself, worker round trips included).',
    'Workflow tasks: queue wait and processing (worker round trip, replay/command work).',
    '',
    '| | Bare | Console |',
    '| --- | ---: | ---: |',
    `| Client-observed latency, mean | ${ms(stats.bare.mean)} | ${ms(
      stats.console.mean,
    )} |`,
    `| Start request (client), p50 | ${ms(stats.bare.acceptedP50)} | ${ms(
      stats.console.acceptedP50,
    )} |`,
    `| Workflow started → completed (server) | ${ms(
      profile.bare.totalMs,
    )} | ${ms(profile.console.totalMs)} |`,
    `| History events per run | ${profile.bare.events.toFixed(
      0,
    )} | ${profile.console.events.toFixed(0)} |`,
    `| Workflow tasks per run | ${profile.bare.workflowTasks.toFixed(
      1,
    )} | ${profile.console.workflowTasks.toFixed(1)} |`,
    `| Local activities per run (inside workflow tasks) | ${profile.bare.localActivities.toFixed(
      1,
    )} | ${profile.console.localActivities.toFixed(1)} |`,
    `| Workflow tasks: queue + processing per run | ${ms(
      profile.bare.wftQueueMs,
    )} + ${ms(profile.bare.wftRunMs)} | ${ms(
      profile.console.wftQueueMs,
    )} + ${ms(profile.console.wftRunMs)} |`,
  );
  const types = [
    ...new Set([
      ...Object.keys(profile.bare.types),
      ...Object.keys(profile.console.types),
    ]),
  ];
  for (const type of types) {
    const cell = t =>
      t
        ? `${t.perRun.toFixed(1)} × (queue ${ms(t.queueMs)} + run ${ms(
            t.runMs,
          )}) = ${ms(t.perRunMs)}`
        : '–';
    p(
      `| Activity \`${type}\` per run | ${cell(
        profile.bare.types[type],
      )} | ${cell(profile.console.types[type])} |`,
    );
  }
  p('', ...notes(stats, profile));
  return lines.join('\n');
}

/** What the numbers say, computed from them (so that a re-run keeps them true). */
function notes(stats, profile) {
  const cores = os.cpus().length;
  const perRun = (key, group) =>
    ((stats[key].cpu[group] ?? 0) * 1000) / stats[key].throughput;
  // What the scenario's own processes cost, without the rest of the machine
  // (other work on a shared machine shows in "Other").
  const ownCpu = key =>
    ['backend', 'worker', 'bareWorker', 'temporal', 'postgres', 'bench']
      .map(group => perRun(key, group))
      .reduce((a, b) => a + b, 0);
  const bareCpu = ownCpu('bare');
  const consoleCpu = ownCpu('console');
  const otherShare = key => stats[key].cpu.other ?? 0;
  const serverExtra =
    perRun('console', 'temporal') - perRun('bare', 'temporal');
  const consoleOwn =
    perRun('console', 'backend') +
    perRun('console', 'worker') +
    perRun('console', 'postgres') -
    perRun('bare', 'bareWorker');
  const act = (key, type) =>
    profile[key].types[type] ?? { perRun: 0, runMs: 0, queueMs: 0 };
  const runStep = act('console', 'runStep');
  const noop = act('bare', 'noop');
  return [
    '### Notes',
    '',
    `- The machine is the limit: both scenarios keep ${settings.concurrency} runs in flight on ${cores} cores, so`,
    '  throughput follows the CPU time a run costs across all processes. Counting the',
    "  scenario's own processes (backend, workers, Temporal server, PostgreSQL, load generator),",
    `  a bare run costs ${ms(bareCpu)} ms of CPU, a console run ${ms(
      consoleCpu,
    )} ms (${(consoleCpu / bareCpu).toFixed(2)}×); the measured throughput`,
    `  ratio is ${(stats.console.throughput / stats.bare.throughput).toFixed(
      2,
    )}×. Reaching ${TARGET_THROUGHPUT_RATIO}× on a machine of its own would need a console run to cost`,
    `  at most about ${ms(bareCpu / TARGET_THROUGHPUT_RATIO)} ms of CPU.`,
    `- Other processes used ${otherShare('bare').toFixed(
      2,
    )} cores during the bare slices and ${otherShare('console').toFixed(
      2,
    )} during the console slices`,
    '  (column "Other"). When that is well above zero the machine was shared, every queue wait',
    '  grows, and the console run, which passes through more processes (load generator, backend,',
    '  Temporal, worker, PostgreSQL) than the bare one, loses more than its CPU share.',
    `- Temporal server: ${serverExtra >= 0 ? '+' : ''}${ms(
      serverExtra,
    )} ms of CPU per run. The interpreter makes`,
    `  ${profile.console.workflowTasks.toFixed(
      1,
    )} workflow tasks and ${profile.console.events.toFixed(
      0,
    )} history events per run against the bare workflow's`,
    `  ${profile.bare.workflowTasks.toFixed(
      1,
    )} and ${profile.bare.events.toFixed(
      0,
    )}: the run's result is written by a local activity inside the last workflow task`,
    `  (${profile.console.localActivities.toFixed(
      1,
    )} per run; a marker event each), and each of the interpreter's two patches in force`,
    "  (`patched('local-bookkeeping')`, `patched('plain-mappings')`) adds a marker and a",
    '  search-attribute upsert per run. `bench/executions/patch-cost.mjs` measures what two',
    '  patch checks cost the server (bench/README.md).',
    `- Console processes: ${consoleOwn >= 0 ? '+' : ''}${ms(
      consoleOwn,
    )} ms of CPU per run in the backend, the worker and PostgreSQL`,
    '  over the bare worker. Per step, `runStep` takes',
    `  ${ms(runStep.runMs)} ms from started to completed against ${ms(
      noop.runMs,
    )} ms for a no-op activity: it runs the`,
    '  jsonata component in the worker (input, config and output checked against their',
    '  schemas) and writes the attempt and its events (`step.started`, `step.succeeded`) to',
    `  PostgreSQL in one transaction. The start request costs ${ms(
      stats.console.acceptedP50,
    )} ms (p50) against ${ms(stats.bare.acceptedP50)} ms for`,
    '  `workflow.start`: the API checks the run permission, reads the workflow and the',
    '  component as the caller (the version and its validation are reused while the component',
    '  is unchanged, and its component is then read beside the workflow), inserts the run with',
    '  its `queued` event, starts the workflow and marks the',
    '  run running (`started` event); the outbox relay then publishes the events.',
    `- Latency follows: server-side a console run lasts ${ms(
      profile.console.totalMs,
    )} ms against ${ms(profile.bare.totalMs)} ms, queue waits`,
    '  (activities and workflow tasks) grow with the CPU contention, and the start request adds to it.',
    `- The breakdown reads the last ${settings.breakdownRuns} runs started, including runs that finished after the last`,
    '  measured window (not counted in the table above), so its means can differ slightly.',
  ];
}

function temporalServerVersion() {
  const pid = temporalPids()[0];
  if (!pid) return 'unknown';
  const match = /temporal-(v[0-9.]+)/.exec(cmdlineOf(pid));
  return match ? match[1] : 'unknown';
}

main().then(
  async ok => {
    await cleanup();
    process.exit(ok ? 0 : 1);
  },
  async error => {
    console.error(error);
    await cleanup();
    process.exit(2);
  },
);
