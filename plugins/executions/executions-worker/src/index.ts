/**
 * The Temporal worker of the executions capability, as a backend plugin for
 * a process of its own (packages/worker).
 *
 * @packageDocumentation
 */

export { executionsWorkerPlugin as default } from './plugin';
export { executionsWorkerPlugin } from './plugin';
export { executionsWorkerModuleRuntimes } from './runtimes';
