import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import {
  Client,
  Connection,
  WorkflowExecutionAlreadyStartedError,
  WorkflowFailedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { createTemporalClientInterceptors } from '@ai-ops/telemetry';
import {
  connectionOptions,
  TemporalSettings,
} from '@ai-ops/plugin-executions-node';
import {
  ApprovalDecision,
  decideApprovalUpdate,
  ExecutionUpdate,
  getStateQuery,
  INTERPRETER_WORKFLOW_TYPE,
  InterpreterState,
  RunWorkflowArgs,
  RunWorkflowResult,
} from '@ai-ops/plugin-executions-workflows';

/** What Temporal says about a run. */
export type RunOutcome =
  /** Temporal has no workflow with the run's id. */
  | { state: 'not-found' }
  | { state: 'open' }
  /** The workflow closed; `update` is the run's final state. */
  | { state: 'closed'; update: ExecutionUpdate };

/**
 * Control of runs on Temporal: start, cancel, describe, the interpreter's
 * live state and approval decisions. The API talks to Temporal through this
 * interface only.
 *
 * @internal
 */
export interface ExecutionRunner {
  /** Starts the interpreter; a run already started under this id is left as it is. */
  start(args: RunWorkflowArgs): Promise<void>;
  /** Requests cancellation; `not-found` when Temporal has no such workflow, `closed` when it already finished. */
  cancel(id: string): Promise<'requested' | 'not-found' | 'closed'>;
  outcome(id: string): Promise<RunOutcome>;
  /** The interpreter's live state, or undefined when it does not answer in time. */
  queryState(id: string): Promise<InterpreterState | undefined>;
  /** Sends an approval decision; a ConflictError carries the interpreter's refusal. */
  decideApproval(id: string, decision: ApprovalDecision): Promise<void>;
}

/** How long the live state may take before the store's state is shown. */
const QUERY_TIMEOUT_MS = 3_000;
/** How long an approval decision may take to be accepted by the run. */
const UPDATE_TIMEOUT_MS = 30_000;
/** How long connecting may take before a request is answered without Temporal. */
const CONNECT_TIMEOUT = '5s';

const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * The {@link ExecutionRunner} over a Temporal client. The connection opens
 * on first use (and again after a failure), so the plugin starts while
 * Temporal is down; `close` ends it at shutdown.
 *
 * @internal
 */
export class TemporalRunner implements ExecutionRunner {
  private client?: Promise<{ client: Client; connection: Connection }>;

  constructor(
    private readonly settings: TemporalSettings,
    private readonly logger: LoggerService,
  ) {}

  private async connect(): Promise<Client> {
    if (!this.client) {
      const { settings } = this;
      this.client = Connection.connect({
        ...connectionOptions(settings),
        connectTimeout: CONNECT_TIMEOUT,
      }).then(connection => ({
        connection,
        client: new Client({
          connection,
          namespace: settings.namespace,
          // A span per call, its context passed to the workflow in headers.
          interceptors: createTemporalClientInterceptors(),
        }),
      }));
      this.client.catch(() => {
        this.client = undefined;
      });
    }
    try {
      return (await this.client).client;
    } catch (error) {
      throw new ServiceUnavailableError(
        `Temporal at ${this.settings.address} is not reachable: ${messageOf(
          error,
        )}`,
      );
    }
  }

  /** The Temporal client (for the schedules); a 503 when Temporal is unreachable. */
  temporalClient(): Promise<Client> {
    return this.connect();
  }

  /** Runs a Temporal call; an unreachable server becomes a 503. */
  private async call<T>(fn: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.connect();
    try {
      return await fn(client);
    } catch (error) {
      if (
        error instanceof WorkflowNotFoundError ||
        error instanceof WorkflowExecutionAlreadyStartedError ||
        error instanceof WorkflowUpdateFailedError ||
        error instanceof ConflictError
      ) {
        throw error;
      }
      throw new ServiceUnavailableError(
        `Temporal (${this.settings.address}, namespace ${
          this.settings.namespace
        }) failed: ${messageOf(error)}`,
      );
    }
  }

  async start(args: RunWorkflowArgs): Promise<void> {
    try {
      await this.call(client =>
        client.workflow.start(INTERPRETER_WORKFLOW_TYPE, {
          workflowId: args.executionId,
          taskQueue: this.settings.taskQueue,
          args: [args],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw error;
    }
  }

  async cancel(id: string): Promise<'requested' | 'not-found' | 'closed'> {
    // Temporal accepts a cancellation of a closed workflow silently: look first.
    const before = await this.outcome(id);
    if (before.state !== 'open') return before.state;
    try {
      await this.call(client => client.workflow.getHandle(id).cancel());
      return 'requested';
    } catch (error) {
      const after = await this.outcome(id);
      if (after.state === 'open') throw error;
      return after.state;
    }
  }

  async outcome(id: string): Promise<RunOutcome> {
    let handle;
    let status;
    try {
      ({ handle, status } = await this.call(async client => {
        const h = client.workflow.getHandle(id);
        return { handle: h, status: (await h.describe()).status.name };
      }));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { state: 'not-found' };
      throw error;
    }
    const executionId = id;
    switch (status) {
      case 'RUNNING':
      case 'PAUSED':
      case 'CONTINUED_AS_NEW':
      case 'UNSPECIFIED':
      case 'UNKNOWN':
        return { state: 'open' };
      case 'COMPLETED': {
        const result = (await handle.result()) as RunWorkflowResult;
        return {
          state: 'closed',
          update: {
            executionId,
            status: result.status,
            output: result.output,
            error: result.error,
            costUsd: result.costUsd,
            tokens: result.tokens,
          },
        };
      }
      case 'CANCELLED':
        return {
          state: 'closed',
          update: { executionId, status: 'cancelled' },
        };
      case 'TERMINATED':
        return {
          state: 'closed',
          update: {
            executionId,
            status: 'cancelled',
            error: {
              code: 'terminated',
              message: 'The run was terminated in Temporal',
            },
          },
        };
      case 'TIMED_OUT':
        return {
          state: 'closed',
          update: {
            executionId,
            status: 'failed',
            error: {
              code: 'timed-out',
              message: 'The run passed its Temporal execution timeout',
            },
          },
        };
      default: {
        let message = `The interpreter failed (${status})`;
        try {
          await handle.result();
        } catch (error) {
          if (error instanceof WorkflowFailedError) {
            message = error.cause?.message ?? error.message;
          }
        }
        return {
          state: 'closed',
          update: {
            executionId,
            status: 'failed',
            error: { code: 'interpreter-failed', message },
          },
        };
      }
    }
  }

  async queryState(id: string): Promise<InterpreterState | undefined> {
    try {
      const client = await this.connect();
      return await client.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () =>
        client.workflow.getHandle(id).query(getStateQuery),
      );
    } catch (error) {
      this.logger.debug(`No live state of run ${id}: ${messageOf(error)}`);
      return undefined;
    }
  }

  async decideApproval(id: string, decision: ApprovalDecision): Promise<void> {
    try {
      await this.call(client =>
        client.withDeadline(Date.now() + UPDATE_TIMEOUT_MS, () =>
          client.workflow
            .getHandle(id)
            .executeUpdate(decideApprovalUpdate, { args: [decision] }),
        ),
      );
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        throw new ConflictError(
          `The run refused the decision: ${
            error.cause?.message ?? error.message
          }`,
        );
      }
      if (error instanceof WorkflowNotFoundError) {
        throw new ConflictError(`Run '${id}' is not running in Temporal`);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    const pending = this.client;
    this.client = undefined;
    if (!pending) return;
    try {
      await (await pending).connection.close();
    } catch {
      // The connection never opened; nothing to close.
    }
  }
}
