import {
  executionApprovePermission,
  executionReadPermission,
  ExecutionRecord,
} from '@ai-ops/plugin-executions-common';
import { ExecutionEventHistory } from '@ai-ops/plugin-executions-node';
import { mayDecide } from './approvers';
import { existingRun, RouteContext } from './routeContext';

const DEFAULT_EVENTS_LIMIT = 200;
/** Paused runs read per page while collecting the inbox. */
const PAUSED_PAGE = 500;

/** A run's stored event history, and the caller's pending approvals. */
export function addEventRoutes(
  ctx: RouteContext & { history: ExecutionEventHistory },
) {
  const { router, store, access, history, userInfo } = ctx;

  router.get('/executions/:id/events', async (req, res) => {
    await access.authorize(req, executionReadPermission);
    const run = await existingRun(store, req.params.id);
    const page = await history.list(run.id, {
      after: req.query.after,
      limit: req.query.limit ?? DEFAULT_EVENTS_LIMIT,
    });
    res.json({ items: page.items, nextAfter: page.nextAfter });
  });

  router.get('/approvals', async (req, res) => {
    const credentials = await access.authorize(req, executionReadPermission);
    if (
      credentials.principal.type !== 'user' ||
      !(await access.isAllowed(credentials, executionApprovePermission))
    ) {
      // Only users with the approve permission decide approvals.
      res.json({ items: [], totalItems: 0 });
      return;
    }
    const { ownershipEntityRefs } = await userInfo.getUserInfo(credentials);
    const waiting: ExecutionRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list({
        filter: { status: ['paused'] },
        limit: PAUSED_PAGE,
        cursor,
      });
      for (const run of page.items) {
        if (
          run.pendingApproval &&
          mayDecide(ownershipEntityRefs, run, run.pendingApproval)
        ) {
          waiting.push(run);
        }
      }
      cursor = page.nextCursor;
    } while (cursor);
    waiting.sort((a, b) =>
      a.pendingApproval!.requestedAt.localeCompare(
        b.pendingApproval!.requestedAt,
      ),
    );
    res.json({
      items: waiting.map(run => ({
        executionId: run.id,
        workflowRef: run.workflowRef,
        workflowVersion: run.workflowVersion,
        owner: run.owner,
        createdBy: run.createdBy,
        queuedAt: run.queuedAt,
        costUsd: run.costUsd,
        approval: {
          ...run.pendingApproval!,
          approvers: { ...run.pendingApproval!.approvers },
        },
      })),
      totalItems: waiting.length,
    });
  });
}
