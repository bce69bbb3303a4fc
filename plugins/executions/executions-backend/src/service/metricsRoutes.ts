import { aiComponentReadPermission } from '@ai-ops/plugin-ai-components-common';
import {
  ExecutionMetricsStore,
  MetricsQuery,
} from '@ai-ops/plugin-executions-node';
import { workflowReadPermission } from '@ai-ops/plugin-workflows-common';
import { InputError } from '@backstage/errors';
import { ExecutionsRouter } from './routeContext';
import { entityRefOf, ResourceAccess } from './resourceAccess';

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** How far back an estimate looks when the request does not say. */
const ESTIMATE_DAYS = 30;

function timeOf(value: string, field: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new InputError(`${field}: '${value}' is not an ISO 8601 timestamp`);
  }
  return date;
}

/** The range and bucket of a metrics request: by default the last 7 days by day. */
export function metricsQueryOf(query: {
  from?: string;
  to?: string;
  bucket?: 'hour' | 'day';
}): MetricsQuery {
  const to = query.to ? timeOf(query.to, 'to') : new Date();
  const from = query.from
    ? timeOf(query.from, 'from')
    : new Date(to.getTime() - WEEK_MS);
  return { from, to, bucket: query.bucket ?? 'day' };
}

/**
 * Metrics of a workflow's runs and of a component's calls, and the estimate
 * of a workflow's next run, each for callers who may read that workflow or
 * component.
 */
export function addMetricsRoutes(ctx: {
  router: ExecutionsRouter;
  resources: ResourceAccess;
  metrics: ExecutionMetricsStore;
}) {
  const { router, resources, metrics } = ctx;

  router.get('/metrics/workflows/:namespace/:name', async (req, res) => {
    const ref = entityRefOf('aiworkflow', req.params);
    await resources.authorize(
      req,
      workflowReadPermission,
      ref,
      'read the metrics',
    );
    res.json(await metrics.workflowMetrics(ref, metricsQueryOf(req.query)));
  });

  router.get('/estimates/workflows/:namespace/:name', async (req, res) => {
    const ref = entityRefOf('aiworkflow', req.params);
    await resources.authorize(
      req,
      workflowReadPermission,
      ref,
      'read the estimate',
    );
    const days = req.query.days ?? ESTIMATE_DAYS;
    res.json(
      await metrics.runEstimate(ref, {
        ...(req.query.version !== undefined
          ? { version: req.query.version }
          : {}),
        since: new Date(Date.now() - days * DAY_MS),
      }),
    );
  });

  router.get('/metrics/components/:namespace/:name', async (req, res) => {
    const ref = entityRefOf('aicomponent', req.params);
    await resources.authorize(
      req,
      aiComponentReadPermission,
      ref,
      'read the metrics',
    );
    res.json(await metrics.componentMetrics(ref, metricsQueryOf(req.query)));
  });
}
