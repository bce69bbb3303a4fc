/*
 * The interpreter workflow: runs one frozen workflow version step by step on
 * Temporal. Deterministic code only: no Node APIs, activities imported as
 * types. The semantics are those of docs/workflow-spec.md.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowFailure,
  condition,
  continueAsNew,
  executeChild,
  isCancellation,
  log,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  TimeoutFailure,
  workflowInfo,
} from '@temporalio/workflow';
import type {
  ExecutionError,
  ExecutionStatus,
  PendingApproval,
  StepStatus,
  TokenTotals,
} from '@ai-ops/plugin-executions-common';
import { resolveMapping } from '@ai-ops/plugin-workflows-common';
import type {
  ExpressionScope,
  WorkflowStep,
} from '@ai-ops/plugin-workflows-common';
import type {
  ApprovalDecision,
  ApprovalResolution,
  ExecutionActivities,
  ExecutionUpdate,
  InterpreterState,
  RunWorkflowArgs,
  RunWorkflowResult,
  StepStateUpdate,
} from './contract';
import {
  APPROVAL_UPDATE_ERRORS,
  decideApprovalUpdate,
  getStateQuery,
} from './definitions';
import {
  addUsd,
  approversOf,
  asCarry,
  branchTargets,
  componentActivityOptions,
  DEFAULT_FOREACH_CONCURRENCY,
  durationMs,
  gotoTarget,
  isTruthy,
  leafSteps,
  MAX_HISTORY_EVENTS,
  messageOf,
} from './plan';
import type { InterpreterCarry, StepProgress } from './plan';

/** Store writes and look-ups: short, retried for a few minutes. */
const BOOKKEEPING_OPTIONS = {
  startToCloseTimeout: '30s',
  retry: {
    initialInterval: '1s',
    backoffCoefficient: 2,
    maximumInterval: '30s',
    maximumAttempts: 10,
  },
} as const;

const bookkeeping = proxyActivities<ExecutionActivities>(BOOKKEEPING_OPTIONS);

/**
 * The same store writes as local activities: the worker runs them inside
 * the workflow task, so they cost no task-queue round trip, no activity
 * task and no extra workflow task.
 */
const localBookkeeping =
  proxyLocalActivities<ExecutionActivities>(BOOKKEEPING_OPTIONS);

/**
 * Runs started before this patch record their state with (remote)
 * activities; runs started after it with local activities.
 */
export const LOCAL_BOOKKEEPING_PATCH = 'local-bookkeeping';

/**
 * Runs started after this patch read plain-path mappings
 * (`${{ steps.a.output.text }}`) directly instead of through JSONata's
 * evaluator: the same values in fewer microtasks (and far fewer promises,
 * each of which the sandbox traces), which changes the order in which
 * concurrent branches issue their commands, so older runs keep JSONata.
 */
export const PLAIN_MAPPINGS_PATCH = 'plain-mappings';

type StateWrites = Pick<
  ExecutionActivities,
  'recordExecution' | 'recordStepState'
>;

/** A step failure the interpreter raises itself (expressions, items, a failed child run). */
class StepError extends Error {
  constructor(
    readonly error: Omit<ExecutionError, 'stepId'>,
    /** Whether the step state was recorded already. */
    readonly recorded = false,
  ) {
    super(error.message);
    this.name = 'StepError';
  }
}

/** A failure that fails the run whatever the step's onError says: a rejection. */
class RunFailure extends Error {
  constructor(readonly error: ExecutionError) {
    super(error.message);
    this.name = 'RunFailure';
  }
}

const FINISHED: ReadonlySet<StepStatus> = new Set([
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
]);

const zeroTokens = (): TokenTotals => ({ inputTokens: 0, outputTokens: 0 });

const addTokens = (a: TokenTotals, b: TokenTotals): TokenTotals => ({
  inputTokens: a.inputTokens + b.inputTokens,
  outputTokens: a.outputTokens + b.outputTokens,
});

const toText = (value: unknown) =>
  typeof value === 'string' ? value : JSON.stringify(value);

/** What a failed activity, child run or evaluation tells the run view. */
function toExecutionError(error: unknown, stepId: string): ExecutionError {
  if (error instanceof StepError || error instanceof RunFailure) {
    return { ...error.error, stepId };
  }
  const cause =
    (error instanceof ActivityFailure ||
      error instanceof ChildWorkflowFailure) &&
    error.cause
      ? error.cause
      : error;
  if (cause instanceof ApplicationFailure) {
    return {
      code: cause.type ?? 'Error',
      message: cause.message,
      stepId,
      retryable: !cause.nonRetryable,
    };
  }
  if (cause instanceof TimeoutFailure) {
    return {
      code: 'Timeout',
      message: `The step did not finish in time (${cause.timeoutType})`,
      stepId,
      retryable: true,
    };
  }
  return { code: 'InternalError', message: messageOf(cause), stepId };
}

/**
 * Runs the steps of one snapshot: every step whose needs have finished, in
 * parallel; `if`, `forEach`, retries and timeouts, `onError`, approvals and
 * the budget; sub-workflows as child runs. State changes go to the store
 * through activities; `getState` answers from memory.
 */
class Interpreter {
  private readonly steps: Map<string, WorkflowStep>;
  private readonly order: string[];
  private readonly branches: Set<string>;
  private readonly progress: Record<string, StepProgress>;
  private readonly activated: Set<string>;
  private readonly budgetApproved: Set<string>;
  private readonly resumedFromCarry: boolean;
  private costUsd: number;
  private tokens: TokenTotals;
  private status: ExecutionStatus = 'running';
  private failure?: ExecutionError;

  /** Approvals (and budget decisions) waited for, by step, oldest first. */
  private readonly pending = new Map<string, PendingApproval>();
  private readonly decisions = new Map<string, ApprovalDecision>();
  private readonly budgetWaits = new Map<string, Promise<void>>();

  /** Steps in flight; the run ends when none is and none can start. */
  private readonly stepTasks = new Set<Promise<void>>();
  /** Step state writes nothing waits for (skips). */
  private readonly recordTasks = new Set<Promise<void>>();
  /** Run state writes, in the order they were made. */
  private executionWrites: Promise<void> = Promise.resolve();

  private readonly root = CancellationScope.current();
  /** Cancelled when the run fails, so that nothing else keeps running. */
  private readonly stepsScope = new CancellationScope();
  /**
   * Runs started after {@link LOCAL_BOOKKEEPING_PATCH}: state changes are
   * local activities, and the run is not marked running again at its start
   * (the API marks it running once Temporal accepted it; a child run is
   * created running).
   */
  private readonly localWrites: boolean;
  /** Where run and step state changes go. */
  private readonly writes: StateWrites;
  /** Runs started after {@link PLAIN_MAPPINGS_PATCH}. */
  private readonly readPlainPaths: boolean;

  constructor(private readonly args: RunWorkflowArgs) {
    this.localWrites = patched(LOCAL_BOOKKEEPING_PATCH);
    this.writes = this.localWrites ? localBookkeeping : bookkeeping;
    this.readPlainPaths = patched(PLAIN_MAPPINGS_PATCH);
    const steps = args.snapshot.document.spec.steps;
    this.steps = new Map(steps.map(step => [step.id, step]));
    this.order = steps.map(step => step.id);
    this.branches = branchTargets(steps);

    const carry = asCarry(args.carried);
    this.resumedFromCarry = !!carry;
    if (carry) {
      this.progress = carry.steps;
      this.activated = new Set(carry.activated);
      this.budgetApproved = new Set(carry.budgetApproved);
      this.costUsd = carry.costUsd;
      this.tokens = carry.tokens;
      return;
    }
    this.progress = {};
    this.activated = new Set();
    this.budgetApproved = new Set();
    this.costUsd = 0;
    this.tokens = zeroTokens();
    for (const id of this.order) {
      const done = args.completed?.[id];
      this.progress[id] = done
        ? {
            status: 'succeeded',
            output: done.output,
            attempts: 0,
            costUsd: done.costUsd,
            tokens: done.tokens,
          }
        : { status: 'pending', attempts: 0, costUsd: 0, tokens: zeroTokens() };
      if (done) {
        this.costUsd = addUsd(this.costUsd, done.costUsd);
        this.tokens = addTokens(this.tokens, done.tokens);
      }
    }
  }

  // --- handlers -----------------------------------------------------------

  state(): InterpreterState {
    const first = this.pending.values().next();
    return {
      status: this.status,
      steps: Object.fromEntries(
        this.order.map(id => {
          const { status, attempts, costUsd } = this.progress[id];
          return [id, { status, attempts, costUsd }];
        }),
      ),
      costUsd: this.costUsd,
      tokens: this.tokens,
      ...(first.done ? {} : { pendingApproval: first.value }),
    };
  }

  validateDecision(decision: ApprovalDecision): void {
    if (
      !decision ||
      (decision.decision !== 'approve' && decision.decision !== 'reject')
    ) {
      throw ApplicationFailure.nonRetryable(
        `Unknown decision '${String(
          decision?.decision,
        )}': a decision is approve or reject`,
        APPROVAL_UPDATE_ERRORS.invalid,
      );
    }
    if (typeof decision.decidedBy !== 'string' || !decision.decidedBy) {
      throw ApplicationFailure.nonRetryable(
        'A decision names who decided (decidedBy)',
        APPROVAL_UPDATE_ERRORS.invalid,
      );
    }
    if (
      !this.pending.has(decision.stepId) ||
      this.decisions.has(decision.stepId)
    ) {
      throw ApplicationFailure.nonRetryable(
        `Step '${decision.stepId}' is not waiting for a decision`,
        APPROVAL_UPDATE_ERRORS.notPending,
      );
    }
  }

  /**
   * Hands the decision to the waiting step; returns once the step stopped
   * waiting and the run's new status is recorded.
   */
  async decide(decision: ApprovalDecision): Promise<void> {
    this.decisions.set(decision.stepId, decision);
    await condition(() => !this.decisions.has(decision.stepId));
  }

  // --- the run ------------------------------------------------------------

  async run(): Promise<RunWorkflowResult> {
    if (!this.resumedFromCarry) {
      if (!this.localWrites) {
        await this.writeExecution({ status: 'running', pendingApproval: null });
      }
      await Promise.all(
        Object.keys(this.args.completed ?? {})
          .filter(id => this.steps.has(id))
          .map(id =>
            this.recordStep(id, 0, {
              status: 'succeeded',
              output: this.progress[id].output,
            }),
          ),
      );
    }
    for (;;) {
      if (this.root.consideredCancelled) break;
      if (!this.failure) {
        const ready = this.advance();
        if (
          ready.length > 0 &&
          this.historyIsLong() &&
          !this.onlyDecisionsInFlight()
        ) {
          // Start nothing more; once nothing is in flight, continue as new.
          if (this.stepTasks.size === 0) await this.continueAsNew();
        } else {
          for (const id of ready) this.launch(id);
        }
      }
      if (this.stepTasks.size === 0) break;
      await Promise.race(this.stepTasks);
    }
    if (this.root.consideredCancelled) return this.cancelled();
    return this.finish();
  }

  /**
   * Settles steps that can no longer run (a need was skipped or jumped
   * away from; a branch nobody jumped to once nothing else can run) and
   * returns the ids of steps ready to start.
   */
  private advance(): string[] {
    for (;;) {
      const ready: string[] = [];
      let settled = false;
      for (const id of this.order) {
        if (this.progress[id].status !== 'pending') continue;
        const needs = this.steps.get(id)!.needs ?? [];
        const finished = needs.every(need => {
          const status = this.progress[need]?.status;
          return status !== undefined && FINISHED.has(status);
        });
        if (!finished) continue;
        if (this.branches.has(id)) {
          if (this.activated.has(id)) ready.push(id);
        } else if (needs.some(need => this.progress[need].blocksDependants)) {
          this.skip(id);
          settled = true;
        } else {
          ready.push(id);
        }
      }
      if (settled) continue;
      if (ready.length === 0 && this.stepTasks.size === 0) {
        const unreached = this.order.filter(
          id =>
            this.progress[id].status === 'pending' &&
            this.branches.has(id) &&
            !this.activated.has(id),
        );
        if (unreached.length > 0) {
          unreached.forEach(id => this.skip(id));
          continue;
        }
      }
      return ready;
    }
  }

  private historyIsLong(): boolean {
    const info = workflowInfo();
    return (
      info.continueAsNewSuggested || info.historyLength > MAX_HISTORY_EVENTS
    );
  }

  /**
   * Whether every step in flight waits for a person: then other steps keep
   * starting even with a long history, rather than wait on the decision.
   */
  private onlyDecisionsInFlight(): boolean {
    return this.stepTasks.size > 0 && this.pending.size >= this.stepTasks.size;
  }

  private async continueAsNew(): Promise<never> {
    await Promise.all(this.recordTasks);
    await this.executionWrites;
    await condition(allHandlersFinished);
    const carried: InterpreterCarry = {
      steps: this.progress,
      activated: [...this.activated],
      budgetApproved: [...this.budgetApproved],
      costUsd: this.costUsd,
      tokens: this.tokens,
    };
    log.info('Continuing as new to keep the history short', {
      historyLength: workflowInfo().historyLength,
    });
    return continueAsNew<typeof runWorkflowVersion>({
      ...this.args,
      carried,
    });
  }

  private launch(id: string) {
    this.progress[id].status = 'running';
    const task: Promise<void> = this.stepsScope
      .run(() => this.execute(id))
      .finally(() => this.stepTasks.delete(task));
    this.stepTasks.add(task);
  }

  private skip(id: string) {
    const progress = this.progress[id];
    progress.status = 'skipped';
    progress.blocksDependants = true;
    this.background(this.recordStep(id, 0, { status: 'skipped' }));
  }

  private background(write: Promise<void>) {
    const task: Promise<void> = write
      .catch(error => {
        this.fail({
          code: 'InternalError',
          message: `Could not record a step state: ${messageOf(error)}`,
        });
      })
      .finally(() => this.recordTasks.delete(task));
    this.recordTasks.add(task);
  }

  /** Fails the run: nothing new starts, what runs is cancelled. */
  private fail(error: ExecutionError) {
    if (this.failure) return;
    this.failure = error;
    this.stepsScope.cancel();
  }

  private async finish(): Promise<RunWorkflowResult> {
    await Promise.all(this.recordTasks);
    let output: unknown;
    if (!this.failure) {
      try {
        output = await this.output();
      } catch (error) {
        this.failure = {
          code: 'ExpressionError',
          message: `output: ${messageOf(error)}`,
        };
      }
    }
    const { costUsd, tokens } = this;
    const result: RunWorkflowResult = this.failure
      ? { status: 'failed', error: this.failure, costUsd, tokens }
      : { status: 'succeeded', output, costUsd, tokens };
    await this.writeExecution({
      status: result.status,
      ...(result.error ? { error: result.error } : { output }),
      pendingApproval: null,
    });
    // Only now: a `getState` that answered the final status earlier would
    // let a reader see the run finished before its output is stored.
    this.status = result.status;
    return result;
  }

  /** Records the cancellation once what was running has stopped. */
  async cancelled(): Promise<RunWorkflowResult> {
    return CancellationScope.nonCancellable(async () => {
      await Promise.all([...this.stepTasks, ...this.recordTasks]);
      for (const id of this.order) {
        const progress = this.progress[id];
        if (progress.status === 'running' || progress.status === 'waiting') {
          progress.status = 'cancelled';
        }
      }
      await this.writeExecution({ status: 'cancelled', pendingApproval: null });
      this.status = 'cancelled';
      return {
        status: 'cancelled',
        costUsd: this.costUsd,
        tokens: this.tokens,
      };
    });
  }

  /** The output mapping, or the outputs of the last steps that ran. */
  private async output(): Promise<unknown> {
    const { spec } = this.args.snapshot.document;
    if (spec.output !== undefined) {
      return resolveMapping(spec.output, this.scope(), {
        readPlainPaths: this.readPlainPaths,
      });
    }
    const leaves = leafSteps(spec.steps).filter(
      id => this.progress[id].status === 'succeeded',
    );
    if (leaves.length === 1) return this.progress[leaves[0]].output ?? null;
    return Object.fromEntries(
      leaves.map(id => [id, this.progress[id].output ?? null]),
    );
  }

  // --- one step -----------------------------------------------------------

  private async execute(id: string): Promise<void> {
    const step = this.steps.get(id)!;
    try {
      const scope = this.scope();
      if (
        step.if !== undefined &&
        !isTruthy(await this.evaluate(step.if, scope, 'if'))
      ) {
        this.skip(id);
        return;
      }
      if (step.approval) {
        await this.approval(step, scope);
        return;
      }
      const output = step.forEach
        ? await this.forEach(step, scope)
        : await this.invoke(
            step,
            await this.evaluate(step.with ?? {}, scope, 'with'),
            0,
            false,
          );
      this.progress[id].status = 'succeeded';
      this.progress[id].output = output;
    } catch (error) {
      await this.failed(step, error);
    }
  }

  /** Applies a step failure: onError decides between failing the run, continuing and jumping. */
  private async failed(step: WorkflowStep, error: unknown) {
    const progress = this.progress[step.id];
    if (
      isCancellation(error) ||
      CancellationScope.current().consideredCancelled
    ) {
      progress.status = 'cancelled';
      return;
    }
    const failure = toExecutionError(error, step.id);
    progress.status = 'failed';
    progress.error = failure;
    if (error instanceof StepError && !error.recorded) {
      await this.recordStep(step.id, 0, { status: 'failed', error: failure });
    }
    if (error instanceof RunFailure) {
      progress.blocksDependants = true;
      this.fail(failure);
      return;
    }
    const onError = step.onError ?? 'fail';
    if (onError === 'continue') {
      progress.output = null;
      return;
    }
    progress.blocksDependants = true;
    const target = gotoTarget(onError);
    if (target) {
      this.activated.add(target);
    } else {
      this.fail(failure);
    }
  }

  private async forEach(
    step: WorkflowStep,
    scope: ExpressionScope,
  ): Promise<unknown[]> {
    const items = await this.evaluate(step.forEach!.items, scope, 'forEach');
    if (!Array.isArray(items)) {
      throw new StepError({
        code: 'InvalidItems',
        message: `forEach.items gave ${
          items === null ? 'null' : typeof items
        }, not an array`,
        retryable: false,
      });
    }
    const limit = step.forEach!.concurrency ?? DEFAULT_FOREACH_CONCURRENCY;
    const outputs: unknown[] = items.map(() => null);
    const iterations = new CancellationScope();
    let next = 0;
    let firstError: { error: unknown } | undefined;
    const lane = async () => {
      while (!firstError && next < items.length) {
        const index = next++;
        try {
          const input = await this.evaluate(
            step.with ?? {},
            { ...scope, item: items[index], index },
            'with',
          );
          outputs[index] = await this.invoke(step, input, index, true);
        } catch (error) {
          if (!firstError) {
            firstError = { error };
            iterations.cancel();
          }
        }
      }
    };
    await iterations.run(() =>
      Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane)),
    );
    if (firstError) throw firstError.error;
    return outputs;
  }

  /** One component call or child run (one iteration of a forEach step). */
  private async invoke(
    step: WorkflowStep,
    input: unknown,
    iteration: number,
    inForEach: boolean,
  ): Promise<unknown> {
    await this.budgetGate(step.id);
    if (step.workflow) {
      return this.child(step, input, iteration, inForEach);
    }
    const componentRef = step.component!;
    const { runStep } = proxyActivities<ExecutionActivities>(
      componentActivityOptions(step),
    );
    this.progress[step.id].attempts += 1;
    const revision = this.args.snapshot.componentRevisions[componentRef];
    const result = await runStep({
      executionId: this.args.executionId,
      stepId: step.id,
      iteration,
      componentRef,
      ...(revision !== undefined ? { revision } : {}),
      input,
    });
    this.addCost(step.id, result.costUsd, result.tokens);
    return result.output;
  }

  private async child(
    step: WorkflowStep,
    input: unknown,
    iteration: number,
    inForEach: boolean,
  ): Promise<unknown> {
    const executionId = `${this.args.executionId}--${step.id}${
      inForEach ? `-${iteration}` : ''
    }`;
    const snapshot = await bookkeeping.resolveWorkflow({ ref: step.workflow! });
    await bookkeeping.recordChildExecution({
      executionId,
      parentExecutionId: this.args.executionId,
      stepId: step.id,
      snapshot,
      input,
    });
    await this.recordStep(step.id, iteration, { status: 'running' });
    this.progress[step.id].attempts += 1;
    const result = await executeChild(runWorkflowVersion, {
      workflowId: executionId,
      args: [{ executionId, snapshot, input }],
    });
    this.addCost(step.id, result.costUsd, result.tokens);
    if (result.status !== 'succeeded') {
      const error: ExecutionError = {
        code:
          result.status === 'cancelled'
            ? 'ChildCancelled'
            : result.error?.code ?? 'ChildFailed',
        message: `The child run ${executionId} ${
          result.status === 'cancelled'
            ? 'was cancelled'
            : `failed: ${result.error?.message ?? 'unknown error'}`
        }`,
        stepId: step.id,
      };
      await this.recordStep(step.id, iteration, { status: 'failed', error });
      throw new StepError(error, true);
    }
    await this.recordStep(step.id, iteration, {
      status: 'succeeded',
      output: result.output,
    });
    return result.output;
  }

  private async approval(step: WorkflowStep, scope: ExpressionScope) {
    const approval = step.approval!;
    const timeoutMs = durationMs(approval.timeout);
    const message =
      approval.message === undefined
        ? undefined
        : toText(
            await this.evaluate(approval.message, scope, 'approval.message'),
          );
    const now = Date.now();
    const decision = await this.awaitDecision(
      {
        stepId: step.id,
        kind: 'approval',
        ...(message !== undefined ? { message } : {}),
        approvers: approversOf(approval),
        requestedAt: new Date(now).toISOString(),
        deadline: new Date(now + timeoutMs).toISOString(),
      },
      timeoutMs,
    );
    const progress = this.progress[step.id];
    const approved = decision
      ? decision.decision === 'approve'
      : approval.onTimeout === 'approve';
    const output = decision
      ? {
          approved,
          decidedBy: decision.decidedBy,
          comment: decision.comment ?? null,
        }
      : { approved, timedOut: true };
    if (approved) {
      await this.recordStep(step.id, 0, { status: 'succeeded', output });
      progress.status = 'succeeded';
      progress.output = output;
      return;
    }
    const error: ExecutionError = decision
      ? {
          code: 'ApprovalRejected',
          message: `Rejected by ${decision.decidedBy}${
            decision.comment ? `: ${decision.comment}` : ''
          }`,
          stepId: step.id,
        }
      : {
          code: 'ApprovalTimedOut',
          message: `Nobody decided within ${approval.timeout}`,
          stepId: step.id,
        };
    await this.recordStep(step.id, 0, { status: 'failed', output, error });
    progress.status = 'failed';
    progress.output = output;
    progress.error = error;
    const target =
      (decision ? undefined : gotoTarget(approval.onTimeout)) ??
      gotoTarget(approval.onReject);
    if (!target) throw new RunFailure(error);
    progress.blocksDependants = true;
    this.activated.add(target);
  }

  /**
   * Before a step that costs, pauses the run for a decision once its cost
   * has reached the budget. Approving lets that step run (it is not asked
   * about again); rejecting fails the run.
   */
  private async budgetGate(stepId: string): Promise<void> {
    const max = this.args.snapshot.document.spec.budget?.maxCostUsd;
    if (max === undefined || this.budgetApproved.has(stepId)) return;
    if (this.costUsd < max) return;
    let wait = this.budgetWaits.get(stepId);
    if (!wait) {
      wait = this.askBudget(stepId, max);
      this.budgetWaits.set(stepId, wait);
    }
    await wait;
  }

  private async askBudget(stepId: string, max: number): Promise<void> {
    const progress = this.progress[stepId];
    const before = progress.status;
    progress.status = 'waiting';
    const decision = await this.awaitDecision({
      stepId,
      kind: 'budget',
      message: `The run has cost ${this.costUsd} USD of its ${max} USD budget; run step '${stepId}' anyway?`,
      approvers: approversOf(undefined),
      requestedAt: new Date().toISOString(),
    });
    progress.status = before;
    if (decision!.decision === 'approve') {
      this.budgetApproved.add(stepId);
      return;
    }
    throw new RunFailure({
      code: 'BudgetExceeded',
      message: `The run reached its budget of ${max} USD and ${
        decision!.decidedBy
      } did not let step '${stepId}' run${
        decision!.comment ? `: ${decision!.comment}` : ''
      }`,
      stepId,
    });
  }

  /** Pauses the run until a decision for the step arrives, or the timeout passes. */
  private async awaitDecision(
    request: PendingApproval,
    timeoutMs?: number,
  ): Promise<ApprovalDecision | undefined> {
    const { stepId } = request;
    const progress = this.progress[stepId];
    this.pending.set(stepId, request);
    let decision: ApprovalDecision | undefined;
    let timedOut = false;
    try {
      if (request.kind === 'approval') {
        progress.status = 'waiting';
        await this.recordStep(stepId, 0, { status: 'waiting' });
      }
      await this.writeRunStatus();
      const decided = () => this.decisions.has(stepId);
      if (timeoutMs === undefined) {
        await condition(decided);
      } else {
        timedOut = !(await condition(decided, timeoutMs));
      }
      decision = this.decisions.get(stepId);
    } finally {
      this.pending.delete(stepId);
      let resolution: ApprovalResolution | undefined;
      if (decision) {
        resolution = {
          stepId,
          kind: request.kind,
          outcome: decision.decision === 'approve' ? 'approved' : 'rejected',
          decidedBy: decision.decidedBy,
        };
      } else if (timedOut) {
        resolution = { stepId, kind: request.kind, outcome: 'timed_out' };
      }
      try {
        await this.writeRunStatus(resolution);
      } finally {
        // Releases the update that brought the decision.
        this.decisions.delete(stepId);
      }
    }
    return decision;
  }

  // --- helpers ------------------------------------------------------------

  /** What expressions read: the input and the outputs of steps that finished. */
  private scope(): ExpressionScope {
    const steps: Record<string, { output: unknown }> = {};
    for (const id of this.order) {
      const { status, output } = this.progress[id];
      if (status === 'succeeded' || status === 'failed') {
        steps[id] = { output: output ?? null };
      }
    }
    return { input: this.args.input ?? null, steps };
  }

  private async evaluate(
    value: unknown,
    scope: ExpressionScope,
    field: string,
  ): Promise<unknown> {
    try {
      return await resolveMapping(value, scope, {
        readPlainPaths: this.readPlainPaths,
      });
    } catch (error) {
      throw new StepError({
        code: 'ExpressionError',
        message: `${field}: ${messageOf(error)}`,
        retryable: false,
      });
    }
  }

  private addCost(stepId: string, costUsd: number, tokens: TokenTotals) {
    const progress = this.progress[stepId];
    progress.costUsd = addUsd(progress.costUsd, costUsd);
    progress.tokens = addTokens(progress.tokens, tokens);
    this.costUsd = addUsd(this.costUsd, costUsd);
    this.tokens = addTokens(this.tokens, tokens);
  }

  private recordStep(
    stepId: string,
    iteration: number,
    update: Omit<StepStateUpdate, 'executionId' | 'stepId' | 'iteration'>,
  ): Promise<void> {
    return CancellationScope.nonCancellable(() =>
      this.writes.recordStepState({
        executionId: this.args.executionId,
        stepId,
        iteration,
        ...update,
      }),
    );
  }

  /**
   * Paused while a decision is awaited, running otherwise; with how the
   * wait that just ended was resolved (decided or timed out).
   */
  private writeRunStatus(resolution?: ApprovalResolution): Promise<void> {
    const first = this.pending.values().next();
    const pendingApproval = first.done ? null : first.value;
    this.status = pendingApproval ? 'paused' : 'running';
    return this.writeExecution({
      status: this.status,
      pendingApproval,
      ...(resolution ? { resolution } : {}),
    });
  }

  /** Writes a run state change after the ones made before it, cost included. */
  private writeExecution(
    update: Omit<ExecutionUpdate, 'executionId' | 'costUsd' | 'tokens'>,
  ): Promise<void> {
    const full: ExecutionUpdate = {
      executionId: this.args.executionId,
      ...update,
      costUsd: this.costUsd,
      tokens: this.tokens,
    };
    const write = this.executionWrites.then(() =>
      CancellationScope.nonCancellable(() => this.writes.recordExecution(full)),
    );
    this.executionWrites = write.catch(() => undefined);
    return write;
  }
}

/**
 * The interpreter workflow: runs one workflow version (a frozen snapshot)
 * with an input, and returns its status, output or error, and cost. Queried
 * with `getState`, decided with the `decideApproval` update.
 *
 * @public
 */
export async function runWorkflowVersion(
  args: RunWorkflowArgs,
): Promise<RunWorkflowResult> {
  const interpreter = new Interpreter(args);
  setHandler(getStateQuery, () => interpreter.state());
  setHandler(decideApprovalUpdate, decision => interpreter.decide(decision), {
    validator: decision => interpreter.validateDecision(decision),
  });
  try {
    return await interpreter.run();
  } catch (error) {
    if (isCancellation(error)) return interpreter.cancelled();
    throw error;
  }
}

export { scheduledTrigger } from './scheduledTrigger';
