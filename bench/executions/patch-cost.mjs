#!/usr/bin/env node
// A diagnostic beside run.mjs: what two patch checks cost the Temporal
// server. Runs the bare three-step workflow plain and after two `patched()`
// calls (patch-workflows.mjs) in one worker of this process, closed loop,
// 10 in flight, slices of BENCH_SLICE seconds (15) in the order
// A B B A A B, and prints the Temporal server's CPU per run (from /proc) for
// each. Writes nothing to results.md. Needs the Temporal server of
// scripts/services/temporal.sh.
//
//   source scripts/toolchain.sh && node bench/executions/patch-cost.mjs
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { envNumber } from '../lib/settings.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(
  path.resolve(
    here,
    '../../plugins/executions/executions-workflows/package.json',
  ),
);
const {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
} = require('@temporalio/worker');
const { Client, Connection } = require('@temporalio/client');

const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'ai-ops';
const sliceS = envNumber('BENCH_SLICE', 15);
const taskQueue = `bench-patches-${process.pid}`;

const temporalPids = fs.readdirSync('/proc').filter(pid => {
  try {
    return /\/temporal-v[^ ]*\/server .* start/.test(
      fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '),
    );
  } catch {
    return false;
  }
});
if (temporalPids.length === 0) {
  throw new Error('No Temporal server of scripts/services/temporal.sh runs');
}
const temporalCpuMs = () =>
  temporalPids.reduce((total, pid) => {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return total + (Number(fields[11]) + Number(fields[12])) * 10;
  }, 0);

const quiet = {
  trace() {},
  debug() {},
  info() {},
  log() {},
  warn: console.warn,
  error: console.error,
};
const workflowBundle = await bundleWorkflowCode({
  workflowsPath: path.join(here, 'patch-workflows.mjs'),
  logger: quiet,
});
const workerConnection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection: workerConnection,
  namespace,
  taskQueue,
  workflowBundle,
  activities: { noop: async ({ text }) => ({ text }) },
  maxConcurrentActivityTaskExecutions: 50,
  maxHeartbeatThrottleInterval: '5s',
});
const running = worker.run();
const connection = await Connection.connect({ address });
const client = new Client({ connection, namespace });

async function closedLoop(type, seconds) {
  const end = Date.now() + seconds * 1000;
  let runs = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (Date.now() < end) {
        const handle = await client.workflow.start(type, {
          taskQueue,
          workflowId: `${taskQueue}-${type}-${runs}-${Math.random()}`,
          args: [{ text: 'hi' }],
        });
        await handle.result();
        runs += 1;
      }
    }),
  );
  return runs;
}

try {
  await closedLoop('plain', 5);
  await closedLoop('patchedTwice', 5);
  const totals = {
    plain: { runs: 0, ms: 0 },
    patchedTwice: { runs: 0, ms: 0 },
  };
  for (const type of [
    'plain',
    'patchedTwice',
    'patchedTwice',
    'plain',
    'plain',
    'patchedTwice',
  ]) {
    const before = temporalCpuMs();
    const runs = await closedLoop(type, sliceS);
    const ms = temporalCpuMs() - before;
    totals[type].runs += runs;
    totals[type].ms += ms;
    console.log(
      `${type}: ${runs} runs, Temporal server ${(ms / runs).toFixed(
        1,
      )} ms of CPU per run`,
    );
  }
  for (const [type, { runs, ms }] of Object.entries(totals)) {
    console.log(
      `total ${type}: ${runs} runs, Temporal server ${(ms / runs).toFixed(
        1,
      )} ms of CPU per run`,
    );
  }
} finally {
  worker.shutdown();
  await running;
  await workerConnection.close();
  await connection.close();
}
