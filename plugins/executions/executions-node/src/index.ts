/**
 * The execution store, the Temporal connection settings and the step
 * activities, shared by the executions API and its worker.
 *
 * @packageDocumentation
 */

export { DatabaseExecutionStore } from './store/DatabaseExecutionStore';
export type {
  AttemptWrite,
  ExecutionFilter,
  ExecutionPage,
  ExecutionStore,
  NewExecution,
} from './store/types';
export {
  connectionOptions,
  readTemporalSettings,
  type TemporalSettings,
} from './temporal/config';
export * from './activities';
export * from './events';
