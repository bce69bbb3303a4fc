// The bare Temporal worker of bench/executions/run.mjs, in a process of its
// own as the console's worker (packages/worker) is: polls BENCH_TASK_QUEUE
// with the worker settings of plugins/executions/executions-worker
// (maxConcurrentActivityTaskExecutions 50, maxHeartbeatThrottleInterval 5s,
// SDK defaults otherwise) and runs workflows.mjs with a no-op activity.
// Prints "ready" once it polls; stops on SIGTERM.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  quietBundlerLogger,
  temporalAddress as address,
  temporalNamespace as namespace,
  temporalRequire,
} from './temporal.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { bundleWorkflowCode, NativeConnection, Worker } =
  temporalRequire('@temporalio/worker');

const taskQueue = process.env.BENCH_TASK_QUEUE;
if (!taskQueue) throw new Error('BENCH_TASK_QUEUE is not set');

const activities = {
  async noop({ text }) {
    return { text };
  },
};

const workflowBundle = await bundleWorkflowCode({
  workflowsPath: path.join(here, 'workflows.mjs'),
  logger: quietBundlerLogger,
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
