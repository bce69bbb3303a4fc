import {
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The runs list, `/executions`. */
export const rootRouteRef = createRouteRef();

/** One run: its live graph, timeline and steps, `/executions/runs/:id`. */
export const runRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/runs/:id',
});

/** The approvals the user may decide, `/executions/approvals`. */
export const approvalsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/approvals',
});

/** Metrics of one workflow, `/executions/metrics/workflows/:namespace/:name`. */
export const workflowMetricsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/metrics/workflows/:namespace/:name',
});

/** Metrics of one AI component, `/executions/metrics/components/:namespace/:name`. */
export const componentMetricsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/metrics/components/:namespace/:name',
});
