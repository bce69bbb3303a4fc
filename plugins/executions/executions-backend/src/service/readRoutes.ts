import { executionReadPermission } from '@ai-ops/plugin-executions-common';
import { ExecutionFilter } from '@ai-ops/plugin-executions-node';
import { ACTIVE } from './ExecutionStarter';
import { parseWorkflowRef, workflowRefOf } from './refs';
import { executionToApi } from './representation';
import { asList, existingRun, RouteContext } from './routeContext';

const DEFAULT_LIMIT = 50;

/** Lists of runs and one run with its live state (steps: stepRoutes.ts). */
export function addReadRoutes(ctx: RouteContext) {
  const { router, store, access, starter, runner } = ctx;

  router.get('/executions', async (req, res) => {
    await access.authorize(req, executionReadPermission);
    const q = req.query;
    const filter: ExecutionFilter = {
      workflowRef: q.workflow
        ? workflowRefOf(parseWorkflowRef(q.workflow, 'workflow'))
        : undefined,
      status: asList(q.status),
      owners: q.owner ? [q.owner] : undefined,
      createdBy: q.createdBy,
      from: q.from,
      to: q.to,
      triggerTypes: asList(q.trigger),
      triggerIds: q.triggerId ? [q.triggerId] : undefined,
      overBudget: q.overBudget,
      pinned: q.pinned,
    };
    const page = await store.list({
      filter,
      limit: q.limit ?? DEFAULT_LIMIT,
      cursor: q.cursor,
    });
    res.json({
      items: page.items.map(run => executionToApi(run)),
      totalItems: page.totalItems,
      nextCursor: page.nextCursor,
    });
  });

  router.get('/executions/:id', async (req, res) => {
    await access.authorize(req, executionReadPermission);
    let run = await existingRun(store, req.params.id);
    if (!ACTIVE.includes(run.status)) {
      res.json(executionToApi(run));
      return;
    }
    try {
      run = await starter.refresh(run);
    } catch {
      // Temporal is unreachable: the store's state is the best there is.
      res.json(executionToApi(run));
      return;
    }
    const live = ACTIVE.includes(run.status)
      ? await runner.queryState(run.id)
      : undefined;
    if (live && !ACTIVE.includes(live.status)) {
      // The interpreter answers its final status only once that status and
      // the output are stored, which may be after `run` was read: read again
      // so a finished run never shows without its output.
      run = (await store.get(run.id)) ?? run;
    }
    res.json(executionToApi(run, live));
  });
}
