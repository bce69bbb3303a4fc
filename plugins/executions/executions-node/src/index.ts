/**
 * The execution store, the Temporal connection settings and the step
 * activities, shared by the executions API and its worker.
 *
 * @packageDocumentation
 */

export { DatabaseExecutionStore } from './store/DatabaseExecutionStore';
export {
  DatabaseExecutionEventHistory,
  type ExecutionEventHistory,
  type ExecutionEventPage,
} from './store/DatabaseExecutionEventHistory';
export type {
  AttemptWrite,
  ExecutionFilter,
  ExecutionPage,
  ExecutionStore,
  NewExecution,
} from './store/types';
export {
  evaluatorScores,
  type AttemptPage,
  type StepIterationsPage,
} from './store/steps';
export {
  DatabaseExecutionMetrics,
  percentileCont,
  MAX_BUCKETS,
  ESTIMATE_RUNS,
  type EstimateRange,
  type RunEstimateRecord,
  type RunOutcomes,
  type ExecutionMetricsStore,
  type FailureCountRecord,
  type MetricsBucketRecord,
  type MetricsBucketSize,
  type MetricsQuery,
  type MetricsReport,
} from './store/metrics';
export {
  DatabaseExecutionRetention,
  readRetentionSettings,
  type RetentionSettings,
  type ExecutionRetentionStore,
  type PruneResult,
  type RetentionPolicyRecord,
} from './store/retention';
export {
  connectionOptions,
  readTemporalSettings,
  type TemporalSettings,
} from './temporal/config';
export * from './activities';
export * from './events';
