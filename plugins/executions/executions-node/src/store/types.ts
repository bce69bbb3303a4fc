import type {
  ExecutionRecord,
  ExecutionStatus,
  StepAttemptRecord,
} from '@ai-ops/plugin-executions-common';
import type {
  CompletedStep,
  ExecutionUpdate,
  RunWorkflowArgs,
  StepStateUpdate,
  WorkflowSnapshot,
} from '@ai-ops/plugin-executions-workflows';
import type { AttemptPage, StepIterationsPage } from './steps';

/** What starting a run writes before Temporal is asked to run it. @public */
export interface NewExecution {
  id: string;
  snapshot: WorkflowSnapshot;
  workflowLabel?: string;
  owner: string;
  input: unknown;
  trigger: ExecutionRecord['trigger'];
  parentExecutionId?: string;
  createdBy?: string;
  /** `queued` when a concurrency limit holds it back, else `running`. */
  status: Extract<ExecutionStatus, 'queued' | 'running'>;
  /** The Idempotency-Key of the request that started it, if any. */
  idempotencyKey?: string;
  /** Outputs of steps reused from the run this one resumes or re-runs. */
  completed?: Record<string, CompletedStep>;
}

/** @public */
export interface ExecutionFilter {
  workflowRef?: string;
  status?: ExecutionStatus[];
  owners?: string[];
  createdBy?: string;
  /** ISO timestamps on queuedAt. */
  from?: string;
  to?: string;
  /** `trigger.type` of the run. */
  triggerTypes?: ExecutionRecord['trigger']['type'][];
  /** `trigger.triggerId` of the run: runs started by these schedule or webhook triggers. */
  triggerIds?: string[];
  /**
   * true: runs that cost more than their version's budget or paused for it;
   * false: the others.
   */
  overBudget?: boolean;
  pinned?: boolean;
}

/** @public */
export interface ExecutionPage {
  items: ExecutionRecord[];
  totalItems: number;
  nextCursor?: string;
}

/** One attempt's result, written by the step activity. @public */
export interface AttemptWrite
  extends Omit<StepAttemptRecord, 'startedAt' | 'finishedAt'> {
  startedAt?: string;
  finishedAt?: string;
}

/**
 * Persistence of runs and step attempts, shared by the executions API (reads,
 * starts) and the worker's activities (state changes, attempts). Every write
 * is idempotent: the same update twice leaves one row in the same state.
 *
 * @public
 */
export interface ExecutionStore {
  /**
   * Inserts a run. When `idempotencyKey` was already used by the same
   * creator, returns the existing run and `created: false`.
   */
  create(
    run: NewExecution,
  ): Promise<{ execution: ExecutionRecord; created: boolean }>;
  get(id: string): Promise<ExecutionRecord | undefined>;
  /** The snapshot a run executes (for resume and re-run). */
  getSnapshot(id: string): Promise<WorkflowSnapshot | undefined>;
  list(options: {
    filter: ExecutionFilter;
    limit: number;
    cursor?: string;
  }): Promise<ExecutionPage>;
  /** Applies a run state change; timestamps (startedAt/finishedAt) follow the status. */
  update(update: ExecutionUpdate): Promise<void>;
  /** Inserts or replaces the attempt keyed by (execution, step, iteration, attempt). */
  recordAttempt(attempt: AttemptWrite): Promise<void>;
  /** Records a non-attempt step state (skipped, waiting, decided) as attempt 0. */
  recordStepState(update: StepStateUpdate): Promise<void>;
  /** Every attempt of a run, ordered by start time. */
  listAttempts(executionId: string): Promise<StepAttemptRecord[]>;
  /** A page of a run's attempts in start order (keyset cursor). */
  pageAttempts(
    executionId: string,
    options: { limit: number; cursor?: string },
  ): Promise<AttemptPage>;
  /**
   * One step of a run: totals and a page of its iterations with their
   * attempts; `undefined` when it has no attempt yet.
   */
  stepIterations(
    executionId: string,
    stepId: string,
    options: { iteration?: number; limit: number; cursor?: string },
  ): Promise<StepIterationsPage | undefined>;
  /** Pins or unpins a run; false when there is no such run. */
  setPinned(id: string, pinned: boolean): Promise<boolean>;
  /** Runs of a workflow in the given statuses (for the concurrency limit). */
  countActive(workflowRef: string): Promise<number>;
  /** The oldest queued run of a workflow, to start when a slot frees. */
  nextQueued(workflowRef: string): Promise<ExecutionRecord | undefined>;
  /**
   * Applies a run state change only while the run is in one of `from`
   * (e.g. queued -> running when a queued run is started); true when it did.
   */
  updateIf(update: ExecutionUpdate, from: ExecutionStatus[]): Promise<boolean>;
  /** The argument the interpreter workflow is started with (for queued runs). */
  getRunArgs(id: string): Promise<RunWorkflowArgs | undefined>;
  /** Running and paused runs of a workflow (to check them against Temporal). */
  listActive(workflowRef: string): Promise<ExecutionRecord[]>;
  /** Workflows that have queued runs. */
  listQueuedWorkflowRefs(): Promise<string[]>;
}
