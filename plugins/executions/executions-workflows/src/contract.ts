import type { WorkflowDocument } from '@ai-ops/plugin-workflows-common';
import type {
  ExecutionError,
  ExecutionStatus,
  PendingApproval,
  StepStatus,
  TokenTotals,
} from '@ai-ops/plugin-executions-common';

/** The Temporal task queue workers of the console poll by default. @public */
export const DEFAULT_TASK_QUEUE = 'ai-ops-executions';

/** Name of the interpreter workflow type. @public */
export const INTERPRETER_WORKFLOW_TYPE = 'runWorkflowVersion';

/** A frozen workflow version: what a run executes, whatever happens to the workflow later. @public */
export interface WorkflowSnapshot {
  /** `aiworkflow:<namespace>/<name>` */
  workflowRef: string;
  version: number;
  document: WorkflowDocument;
  /** Component ref (as normalized in the document) -> registry revision pinned at start. */
  componentRevisions: Record<string, number>;
}

/** Output of a step that an earlier run completed, reused by a resumed run. @public */
export interface CompletedStep {
  output: unknown;
  costUsd: number;
  tokens: TokenTotals;
}

/** The one argument of the interpreter workflow. @public */
export interface RunWorkflowArgs {
  /** Also the Temporal workflow id. */
  executionId: string;
  snapshot: WorkflowSnapshot;
  input: unknown;
  /** Steps completed by the run this one resumes: not invoked again. */
  completed?: Record<string, CompletedStep>;
  /** State carried over by continue-as-new; absent on the first run. */
  carried?: unknown;
}

/** The interpreter's result. @public */
export interface RunWorkflowResult {
  status: Extract<ExecutionStatus, 'succeeded' | 'failed' | 'cancelled'>;
  output?: unknown;
  error?: ExecutionError;
  costUsd: number;
  tokens: TokenTotals;
}

/** What the `getState` query answers. @public */
export interface InterpreterState {
  status: ExecutionStatus;
  steps: Record<
    string,
    { status: StepStatus; attempts: number; costUsd: number }
  >;
  costUsd: number;
  tokens: TokenTotals;
  pendingApproval?: PendingApproval;
}

/** The argument of the `decideApproval` update. @public */
export interface ApprovalDecision {
  stepId: string;
  decision: 'approve' | 'reject';
  /** User entity ref; the API checks the permission and the approvers before sending. */
  decidedBy: string;
  comment?: string;
}

/** What one step attempt asks the activity to do. @public */
export interface RunStepArgs {
  executionId: string;
  stepId: string;
  iteration: number;
  componentRef: string;
  revision?: number;
  input: unknown;
}

/** @public */
export interface RunStepResult {
  output: unknown;
  costUsd: number;
  tokens: TokenTotals;
  latencyMs: number;
  model?: string;
}

/** How a wait for a decision ended. @public */
export interface ApprovalResolution {
  stepId: string;
  kind: PendingApproval['kind'];
  outcome: 'approved' | 'rejected' | 'timed_out';
  /** Who decided; absent when the wait timed out. */
  decidedBy?: string;
}

/** A state change the activities write to the execution store, idempotently. @public */
export interface ExecutionUpdate {
  executionId: string;
  status: ExecutionStatus;
  output?: unknown;
  error?: ExecutionError;
  costUsd?: number;
  tokens?: TokenTotals;
  pendingApproval?: PendingApproval | null;
  /**
   * Set on the write that ends a wait for a decision: the store writes
   * `approval.decided` or `approval.timed_out` from it. Not stored.
   */
  resolution?: ApprovalResolution;
}

/** A step state change the interpreter records (skips, waits, decisions). @public */
export interface StepStateUpdate {
  executionId: string;
  stepId: string;
  iteration: number;
  status: StepStatus;
  output?: unknown;
  error?: ExecutionError;
}

/**
 * The activities the interpreter calls. Implemented in
 * `@ai-ops/plugin-executions-node` (`createExecutionActivities`); workflow
 * code imports this interface as a type only.
 *
 * @public
 */
export interface ExecutionActivities {
  /**
   * Invokes one component version with the step's input, heartbeating while it
   * runs, and records the attempt (execution, step, iteration, attempt as the
   * key). Throws an ApplicationFailure whose type is the runtime's error code,
   * non-retryable when the runtime says so.
   */
  runStep(args: RunStepArgs): Promise<RunStepResult>;
  /** Records a run state change. */
  recordExecution(update: ExecutionUpdate): Promise<void>;
  /** Records a step state change that is not an attempt (skipped, waiting, decided). */
  recordStepState(update: StepStateUpdate): Promise<void>;
  /** Snapshot of a sub-workflow (`ref`, `ref@label` or `ref@v3`), pinned for the child run. */
  resolveWorkflow(args: { ref: string }): Promise<WorkflowSnapshot>;
  /**
   * Creates the run record of a sub-workflow's child run (trigger `parent`)
   * before the child starts; nothing when it exists already.
   */
  recordChildExecution(args: ChildExecution): Promise<void>;
}

/** A child run a sub-workflow step starts. @public */
export interface ChildExecution {
  /** Also the child's Temporal workflow id: `<parent>--<step>[-<iteration>]`. */
  executionId: string;
  parentExecutionId: string;
  stepId: string;
  snapshot: WorkflowSnapshot;
  input: unknown;
}

/** Name of the workflow a trigger's Temporal Schedule starts. @public */
export const SCHEDULED_TRIGGER_WORKFLOW_TYPE = 'scheduledTrigger';

/** Id of the Temporal Schedule of a schedule trigger. @public */
export const scheduleIdOf = (triggerId: string) =>
  `ai-ops-trigger-${triggerId}`;

/** The prefix of every Temporal Schedule the console keeps. @public */
export const SCHEDULE_ID_PREFIX = 'ai-ops-trigger-';

/** The one argument of `scheduledTrigger`, fixed when the schedule is made. @public */
export interface ScheduledTriggerArgs {
  triggerId: string;
}

/** What one firing of a schedule did. @public */
export interface ScheduledRunResult {
  /** The run started (or started before, for a retried firing). */
  executionId?: string;
  /** Why nothing started: the trigger is gone, disabled or no schedule any more. */
  skipped?: string;
}

/**
 * The activity of `scheduledTrigger`. Implemented in
 * `@ai-ops/plugin-executions-node` (`createScheduleActivities`).
 *
 * @public
 */
export interface ScheduleActivities {
  /**
   * Asks the executions API to start a run of the trigger (a fresh run
   * record and snapshot, input validation, the concurrency queue). The
   * idempotency key makes a retried activity start the same run.
   */
  startScheduledRun(args: {
    triggerId: string;
    idempotencyKey: string;
  }): Promise<ScheduledRunResult>;
}
