import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import type {
  ExecutionRecord,
  ExecutionTrigger,
} from '@ai-ops/plugin-executions-common';
import { ExecutionStore } from '@ai-ops/plugin-executions-node';
import type {
  CompletedStep,
  RunWorkflowArgs,
  WorkflowSnapshot,
} from '@ai-ops/plugin-executions-workflows';
import { ExecutionRunner } from '../temporal/TemporalRunner';

/** What a new run needs besides its id. */
export interface StartRequest {
  snapshot: WorkflowSnapshot;
  label?: string;
  owner: string;
  input: unknown;
  trigger: ExecutionTrigger;
  parentExecutionId?: string;
  createdBy?: string;
  idempotencyKey?: string;
  completed?: Record<string, CompletedStep>;
}

/** Statuses whose runs hold a slot of the concurrency limit. */
export const ACTIVE: ExecutionRecord['status'][] = ['running', 'paused'];
/** Statuses a run does not leave. */
export const FINISHED: ExecutionRecord['status'][] = [
  'succeeded',
  'failed',
  'cancelled',
];

/** At most this many queued runs of one workflow start in one pass. */
const MAX_STARTS_PER_PASS = 100;

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * Starts runs on Temporal within their workflow's concurrency limit. A new
 * run is written as `queued` first and becomes `running` once Temporal has
 * accepted it, so a run is never lost between the two: when Temporal is
 * unreachable or the limit is reached it stays queued, and
 * {@link ExecutionStarter.startAllQueued} (a scheduled task) starts it later.
 *
 * @internal
 */
export class ExecutionStarter {
  /** Passes over the queue of one workflow run one at a time in this process. */
  private readonly queueLocks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly options: {
      store: ExecutionStore;
      runner: ExecutionRunner;
      logger: LoggerService;
    },
  ) {}

  /**
   * Writes a run and starts it unless the workflow's concurrency limit (or
   * earlier queued runs) hold it back. With an idempotency key that the
   * creator used before, returns that run and starts nothing.
   */
  async start(
    request: StartRequest,
  ): Promise<{ execution: ExecutionRecord; created: boolean }> {
    const { store } = this.options;
    const id = randomUUID();
    const { execution, created } = await store.create({
      id,
      snapshot: request.snapshot,
      workflowLabel: request.label,
      owner: request.owner,
      input: request.input,
      trigger: request.trigger,
      parentExecutionId: request.parentExecutionId,
      createdBy: request.createdBy,
      idempotencyKey: request.idempotencyKey,
      completed: request.completed,
      status: 'queued',
    });
    if (!created) return { execution, created };
    if (request.snapshot.document.spec.concurrency?.limit !== undefined) {
      await this.startQueued(execution.workflowRef);
    } else {
      // The arguments are at hand: no need to read back what was just written.
      const { claimed } = await this.startAndClaim(id, {
        executionId: id,
        snapshot: request.snapshot,
        input: request.input,
        ...(request.completed ? { completed: request.completed } : {}),
      });
      if (claimed) {
        return { execution: { ...execution, status: 'running' }, created };
      }
    }
    return { execution: (await store.get(id)) ?? execution, created };
  }

  /**
   * Starts a queued run on Temporal and marks it running; false when
   * Temporal could not be reached (the run stays queued).
   */
  private async startOne(id: string): Promise<boolean> {
    return (await this.startAndClaim(id)).started;
  }

  /**
   * {@link ExecutionStarter.startOne} with the run's arguments when the
   * caller has them; `claimed` when this call marked the run running.
   */
  private async startAndClaim(
    id: string,
    known?: RunWorkflowArgs,
  ): Promise<{ started: boolean; claimed: boolean }> {
    const { store, runner, logger } = this.options;
    const args = known ?? (await store.getRunArgs(id));
    if (!args) return { started: true, claimed: false };
    try {
      await runner.start(args);
    } catch (error) {
      logger.warn(
        `Run ${id} stays queued: it could not be started on Temporal: ${messageOf(
          error,
        )}`,
      );
      return { started: false, claimed: false };
    }
    const claimed = await store.updateIf(
      { executionId: id, status: 'running' },
      ['queued'],
    );
    if (!claimed) {
      // Cancelled while it was being started: cancel what was started. (A
      // run the interpreter already marked running or finished is fine.)
      const now = await store.get(id);
      if (now?.status === 'cancelled') {
        await runner
          .cancel(id)
          .catch(error =>
            logger.warn(
              `Run ${id} was cancelled while it started; cancelling it on Temporal failed: ${messageOf(
                error,
              )}`,
            ),
          );
      }
    }
    return { started: true, claimed };
  }

  /** Starts the oldest queued runs of a workflow while its limit allows. */
  async startQueued(workflowRef: string): Promise<void> {
    const previous = this.queueLocks.get(workflowRef) ?? Promise.resolve();
    const pass = previous.then(() => this.startQueuedNow(workflowRef));
    const settled = pass.catch(() => undefined);
    this.queueLocks.set(workflowRef, settled);
    try {
      await pass;
    } finally {
      if (this.queueLocks.get(workflowRef) === settled) {
        this.queueLocks.delete(workflowRef);
      }
    }
  }

  private async startQueuedNow(workflowRef: string): Promise<void> {
    const { store } = this.options;
    for (let i = 0; i < MAX_STARTS_PER_PASS; i++) {
      const next = await store.nextQueued(workflowRef);
      if (!next) return;
      const snapshot = await store.getSnapshot(next.id);
      const limit = snapshot?.document.spec.concurrency?.limit;
      if (
        limit !== undefined &&
        (await store.countActive(workflowRef)) >= limit
      ) {
        return;
      }
      if (!(await this.startOne(next.id))) return;
    }
  }

  /**
   * Brings a running run's state up to date with Temporal when Temporal has
   * closed it (the interpreter records its end itself; this catches runs
   * terminated or timed out in Temporal), then starts queued runs of its
   * workflow. Returns the run as it is now.
   */
  async refresh(run: ExecutionRecord): Promise<ExecutionRecord> {
    if (!ACTIVE.includes(run.status)) return run;
    const { store, runner } = this.options;
    const outcome = await runner.outcome(run.id);
    if (outcome.state !== 'closed') return run;
    await store.update(outcome.update);
    await this.startQueued(run.workflowRef);
    return (await store.get(run.id)) ?? run;
  }

  /**
   * One pass of the scheduled task: for every workflow with queued runs,
   * settles its finished runs and starts queued ones in the freed slots.
   */
  async startAllQueued(): Promise<void> {
    const { store, logger } = this.options;
    for (const ref of await store.listQueuedWorkflowRefs()) {
      try {
        for (const run of await store.listActive(ref)) {
          await this.refresh(run);
        }
        await this.startQueued(ref);
      } catch (error) {
        logger.warn(
          `Starting queued runs of ${ref} failed: ${messageOf(error)}`,
        );
      }
    }
  }
}
