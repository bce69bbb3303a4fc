import { ConflictError, InputError } from '@backstage/errors';
import {
  ExecutionRecord,
  executionRunPermission,
} from '@ai-ops/plugin-executions-common';
import type { WorkflowSnapshot } from '@ai-ops/plugin-executions-workflows';
import { actorOf, Credentials } from './access';
import { completedSteps, downstreamOf } from './completedSteps';
import { FINISHED } from './ExecutionStarter';
import { existingRun, idempotencyKeyOf, RouteContext } from './routeContext';
import { assertValidInput, stepIdsOf } from './WorkflowResolver';

/** Starting runs: of a workflow version, by resuming a run, or re-running one from a step. */
export function addStartRoutes(ctx: RouteContext) {
  const { router, store, access, starter, resolver } = ctx;

  const accepted = (execution: ExecutionRecord) => ({
    id: execution.id,
    status: execution.status,
  });

  router.post('/executions', async (req, res) => {
    const credentials = await access.authorize(req, executionRunPermission);
    const { workflow, version, label } = req.body;
    const input = req.body.input ?? {};
    const idempotencyKey = idempotencyKeyOf(req);
    const result = await access.audited(
      req,
      'execution-start',
      { workflow, version, label, idempotencyKey },
      async () => {
        const resolved = await resolver.resolve(
          { workflow, version, label },
          credentials,
        );
        assertValidInput(resolved.snapshot.document, input);
        return starter.start({
          snapshot: resolved.snapshot,
          label: resolved.label,
          owner: resolved.owner,
          input,
          trigger:
            credentials.principal.type === 'user'
              ? { type: 'manual', actor: actorOf(credentials) }
              : { type: 'api', actor: actorOf(credentials) },
          createdBy: actorOf(credentials),
          idempotencyKey,
        });
      },
      r => ({
        executionId: r.execution.id,
        workflowRef: r.execution.workflowRef,
        workflowVersion: r.execution.workflowVersion,
        status: r.execution.status,
        created: r.created,
      }),
    );
    res.status(202).json(accepted(result.execution));
  });

  /** A finished run and its snapshot, for a new run of the same version. */
  async function finishedRun(
    id: string,
    allowed: ExecutionRecord['status'][],
    verb: string,
  ): Promise<{ run: ExecutionRecord; snapshot: WorkflowSnapshot }> {
    const run = await existingRun(store, id);
    if (!allowed.includes(run.status)) {
      throw new ConflictError(
        `Run '${id}' is ${run.status}; only a run that is ${allowed.join(
          ' or ',
        )} can be ${verb}`,
      );
    }
    const snapshot = await store.getSnapshot(id);
    if (!snapshot) throw new ConflictError(`Run '${id}' has no snapshot`);
    return { run, snapshot };
  }

  const startFrom = (
    run: ExecutionRecord,
    snapshot: WorkflowSnapshot,
    credentials: Credentials,
    rest: {
      input: unknown;
      trigger: ExecutionRecord['trigger'];
      completed: ReturnType<typeof completedSteps>;
      idempotencyKey?: string;
    },
  ) =>
    starter.start({
      snapshot,
      label: run.workflowLabel,
      owner: run.owner,
      parentExecutionId: run.id,
      createdBy: actorOf(credentials),
      ...rest,
    });

  router.post('/executions/:id/resume', async (req, res) => {
    const credentials = await access.authorize(req, executionRunPermission);
    const { id } = req.params;
    const idempotencyKey = idempotencyKeyOf(req);
    const result = await access.audited(
      req,
      'execution-resume',
      { fromExecutionId: id, idempotencyKey },
      async () => {
        const { run, snapshot } = await finishedRun(
          id,
          ['failed', 'cancelled'],
          'resumed',
        );
        const completed = completedSteps(
          snapshot.document,
          await store.listAttempts(id),
        );
        return startFrom(run, snapshot, credentials, {
          input: run.input,
          trigger: {
            type: 'resume',
            fromExecutionId: id,
            actor: actorOf(credentials),
          },
          completed,
          idempotencyKey,
        });
      },
      r => ({ executionId: r.execution.id, created: r.created }),
    );
    res.status(202).json(accepted(result.execution));
  });

  router.post('/executions/:id/rerun', async (req, res) => {
    const credentials = await access.authorize(req, executionRunPermission);
    const { id } = req.params;
    const { fromStepId } = req.body;
    const idempotencyKey = idempotencyKeyOf(req);
    const result = await access.audited(
      req,
      'execution-rerun',
      { fromExecutionId: id, fromStepId, idempotencyKey },
      async () => {
        const { run, snapshot } = await finishedRun(id, FINISHED, 're-run');
        const { document } = snapshot;
        if (!stepIdsOf(document).includes(fromStepId)) {
          throw new InputError(
            `fromStepId: '${fromStepId}' is not a step of ${snapshot.workflowRef} version ${snapshot.version}`,
          );
        }
        const input = req.body.input === undefined ? run.input : req.body.input;
        if (req.body.input !== undefined) assertValidInput(document, input);
        const again = downstreamOf(document, fromStepId);
        const completed = Object.fromEntries(
          Object.entries(
            completedSteps(document, await store.listAttempts(id)),
          ).filter(([stepId]) => !again.has(stepId)),
        );
        return startFrom(run, snapshot, credentials, {
          input,
          trigger: {
            type: 'rerun',
            fromExecutionId: id,
            fromStepId,
            actor: actorOf(credentials),
          },
          completed,
          idempotencyKey,
        });
      },
      r => ({ executionId: r.execution.id, created: r.created }),
    );
    res.status(202).json(accepted(result.execution));
  });
}
