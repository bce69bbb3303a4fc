import {
  ExecutionRetentionStore,
  ExecutionStore,
} from '@ai-ops/plugin-executions-node';
import {
  workflowReadPermission,
  workflowUpdatePermission,
} from '@ai-ops/plugin-workflows-common';
import { NotFoundError } from '@backstage/errors';
import { executionReadPermission } from '@ai-ops/plugin-executions-common';
import { actorOf, AnyRequest, ExecutionAccess } from './access';
import { existingRun, ExecutionsRouter } from './routeContext';
import { entityRefOf, ResourceAccess } from './resourceAccess';

/**
 * Retention of a workflow's finished runs, and pins that keep a run. Who
 * may update a workflow may change its retention and pin its runs.
 */
export function addRetentionRoutes(ctx: {
  router: ExecutionsRouter;
  store: ExecutionStore;
  access: ExecutionAccess;
  resources: ResourceAccess;
  retention: ExecutionRetentionStore;
}) {
  const { router, store, access, resources, retention } = ctx;

  router.get('/retention/workflows/:namespace/:name', async (req, res) => {
    const ref = entityRefOf('aiworkflow', req.params);
    await resources.authorize(
      req,
      workflowReadPermission,
      ref,
      'read the retention',
    );
    res.json(await retention.getPolicy(ref));
  });

  router.put('/retention/workflows/:namespace/:name', async (req, res) => {
    const ref = entityRefOf('aiworkflow', req.params);
    const credentials = await resources.authorize(
      req,
      workflowUpdatePermission,
      ref,
      'change the retention',
    );
    const policy = await access.audited(
      req,
      'execution-retention-update',
      { workflowRef: ref, days: req.body.days },
      () => retention.setPolicy(ref, req.body.days, actorOf(credentials)),
    );
    res.json(policy);
  });

  router.delete('/retention/workflows/:namespace/:name', async (req, res) => {
    const ref = entityRefOf('aiworkflow', req.params);
    await resources.authorize(
      req,
      workflowUpdatePermission,
      ref,
      'change the retention',
    );
    const policy = await access.audited(
      req,
      'execution-retention-delete',
      { workflowRef: ref },
      () => retention.deletePolicy(ref),
    );
    res.json(policy);
  });

  /** Pins or unpins a run for a caller who may read runs and update its workflow. */
  const setPinned = async (req: AnyRequest, id: string, pinned: boolean) => {
    const credentials = await access.authorize(req, executionReadPermission);
    const run = await existingRun(store, id);
    await resources.authorize(
      req,
      workflowUpdatePermission,
      run.workflowRef,
      pinned ? 'pin runs' : 'unpin runs',
    );
    await access.audited(
      req,
      pinned ? 'execution-pin' : 'execution-unpin',
      { executionId: run.id, actor: actorOf(credentials) },
      async () => {
        if (!(await store.setPinned(run.id, pinned))) {
          throw new NotFoundError(`No run '${run.id}'`);
        }
      },
    );
    return { id: run.id, pinned };
  };
  router.post('/executions/:id/pin', async (req, res) => {
    res.json(await setPinned(req, req.params.id, true));
  });
  router.delete('/executions/:id/pin', async (req, res) => {
    res.json(await setPinned(req, req.params.id, false));
  });
}
