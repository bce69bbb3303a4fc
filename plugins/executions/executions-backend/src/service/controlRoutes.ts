import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  executionApprovePermission,
  executionCancelPermission,
  ExecutionRecord,
  PendingApproval,
} from '@ai-ops/plugin-executions-common';
import { Credentials } from './access';
import { ACTIVE, FINISHED } from './ExecutionStarter';
import { mayDecide } from './approvers';
import { existingRun, RouteContext } from './routeContext';

/** Cancelling runs and deciding their approvals. */
export function addControlRoutes(ctx: RouteContext) {
  const { router, store, access, starter, runner, userInfo } = ctx;

  router.post('/executions/:id/cancel', async (req, res) => {
    await access.authorize(req, executionCancelPermission);
    const { id } = req.params;
    const status = await access.audited(
      req,
      'execution-cancel',
      { executionId: id },
      async (): Promise<ExecutionRecord['status']> => {
        const run = await existingRun(store, id);
        if (FINISHED.includes(run.status)) {
          throw new ConflictError(`Run '${id}' is already ${run.status}`);
        }
        // A queued run has nothing on Temporal yet: it ends here.
        if (
          await store.updateIf({ executionId: id, status: 'cancelled' }, [
            'queued',
          ])
        ) {
          return 'cancelled';
        }
        const result = await runner.cancel(id);
        if (result === 'closed') {
          // Our copy may still say queued if it started meanwhile.
          const now = await starter.refresh({ ...run, status: 'running' });
          throw new ConflictError(`Run '${id}' is already ${now.status}`);
        }
        if (result === 'not-found') {
          await store.updateIf({ executionId: id, status: 'cancelled' }, [
            'queued',
            'running',
            'paused',
          ]);
          return 'cancelled';
        }
        return (await store.get(id))?.status ?? run.status;
      },
      s => ({ status: s }),
    );
    res.status(202).json({ id, status });
  });

  /** Whether the user may decide the approval: an owner, a group member or a role holder. */
  async function assertApprover(
    credentials: Credentials,
    run: ExecutionRecord,
    pending: PendingApproval,
  ) {
    if (pending.approvers.roles.length) return;
    const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
    if (mayDecide(ownershipEntityRefs, run, pending)) return;
    throw new NotAllowedError(
      `You are not an approver of step '${pending.stepId}' of run '${run.id}'`,
    );
  }

  router.post('/executions/:id/approvals', async (req, res) => {
    const credentials = await access.authorize(req, executionApprovePermission);
    if (credentials.principal.type !== 'user') {
      throw new NotAllowedError('Only users decide approvals');
    }
    const decidedBy = credentials.principal.userEntityRef;
    const { id } = req.params;
    const { stepId, decision, comment } = req.body;
    await access.audited(
      req,
      'execution-approval',
      { executionId: id, stepId, decision, decidedBy },
      async () => {
        const run = await existingRun(store, id);
        if (!ACTIVE.includes(run.status)) {
          throw new ConflictError(
            `Run '${id}' is ${run.status}; nothing waits for a decision`,
          );
        }
        const live = await runner.queryState(id);
        const pending = live ? live.pendingApproval : run.pendingApproval;
        if (!pending || pending.stepId !== stepId) {
          throw new ConflictError(
            `stepId: run '${id}' waits for no decision on step '${stepId}'${
              pending ? ` (it waits on '${pending.stepId}')` : ''
            }`,
          );
        }
        await assertApprover(credentials, run, pending);
        await runner.decideApproval(id, {
          stepId,
          decision,
          decidedBy,
          ...(comment ? { comment } : {}),
        });
      },
    );
    res.json({ id, stepId, decision, decidedBy });
  });
}
