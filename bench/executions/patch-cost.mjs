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
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CLK_TCK, procTicks } from '../lib/proc.mjs';
import { envNumber } from '../lib/settings.mjs';
import {
  quietBundlerLogger,
  temporalAddress as address,
  temporalNamespace as namespace,
  temporalPids,
  temporalRequire,
} from './temporal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { bundleWorkflowCode, NativeConnection, Worker } =
  temporalRequire('@temporalio/worker');
const { Client, Connection } = temporalRequire('@temporalio/client');

const sliceS = envNumber('BENCH_SLICE', 15);
const taskQueue = `bench-patches-${process.pid}`;

const serverPids = temporalPids();
if (serverPids.length === 0) {
  throw new Error('No Temporal server of scripts/services/temporal.sh runs');
}
const temporalCpuMs = () =>
  serverPids.reduce(
    (total, pid) => total + (procTicks(pid) * 1000) / CLK_TCK,
    0,
  );

const workflowBundle = await bundleWorkflowCode({
  workflowsPath: path.join(here, 'patch-workflows.mjs'),
  logger: quietBundlerLogger,
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
