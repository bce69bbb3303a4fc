import {
  createExternalRouteRef,
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

/**
 * A workflow's page in the workflows plugin (`workflows.workflow` unless the
 * app binds it elsewhere): the run page links its workflow there.
 */
export const workflowPageRouteRef = createExternalRouteRef({
  params: ['namespace', 'name'],
  defaultTarget: 'workflows.workflow',
});

/**
 * An AI component's page in the ai-components plugin
 * (`ai-components.component` unless the app binds it elsewhere): the step
 * drawer links a step's component there.
 */
export const componentPageRouteRef = createExternalRouteRef({
  params: ['namespace', 'name'],
  defaultTarget: 'ai-components.component',
});
