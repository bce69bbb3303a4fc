// The bare Temporal worker of bench/executions/run.mjs, in a process of its
// own as the console's worker (packages/worker) is: polls BENCH_TASK_QUEUE
// with the worker settings of plugins/executions/executions-worker
// (maxConcurrentActivityTaskExecutions 50, maxHeartbeatThrottleInterval 5s,
// SDK defaults otherwise) and runs workflows.mjs with a no-op activity.
// Prints "ready" once it polls; stops on SIGTERM.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const namespace = process.env.TEMPORAL_NAMESPACE ?? 'ai-ops';
const taskQueue = process.env.BENCH_TASK_QUEUE;
if (!taskQueue) throw new Error('BENCH_TASK_QUEUE is not set');

const activities = {
  async noop({ text }) {
    return { text };
  },
};

const workflowBundle = await bundleWorkflowCode({
  workflowsPath: path.join(here, 'workflows.mjs'),
  logger: {
    trace() {},
    debug() {},
    info() {},
    warn: console.warn,
    error: console.error,
    log() {},
  },
});
const connection = await NativeConnection.connect({ address });
const worker = await Worker.create({
  connection,
  namespace,
  taskQueue,
  workflowBundle,
  activities,
  maxConcurrentActivityTaskExecutions: 50,
  maxHeartbeatThrottleInterval: '5s',
});
process.once('SIGTERM', () => worker.shutdown());
process.once('SIGINT', () => worker.shutdown());
const running = worker.run();
console.log('ready');
await running;
await connection.close();
