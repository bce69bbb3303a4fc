import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The workflow list, `/workflows`. */
export const rootRouteRef = createRouteRef();

/** The editor of a new workflow, `/workflows/new`. */
export const newWorkflowRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/new',
});

/** One workflow: its editor and versions, `/workflows/:namespace/:name`. */
export const workflowRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:namespace/:name',
});

/**
 * The runs list of the executions plugin (`executions.root` unless the app
 * binds it elsewhere): the workflow page links its runs there, filtered by
 * `?workflow=aiworkflow:<namespace>/<name>`.
 */
export const runsRouteRef = createExternalRouteRef({
  defaultTarget: 'executions.root',
});

/**
 * The metrics page of one workflow in the executions plugin
 * (`executions.workflowMetrics` unless the app binds it elsewhere).
 */
export const workflowMetricsRouteRef = createExternalRouteRef({
  params: ['namespace', 'name'],
  defaultTarget: 'executions.workflowMetrics',
});

/**
 * One run's page in the executions plugin (`executions.run` unless the app
 * binds it elsewhere): the Triggers tab links the newest run of each
 * trigger there.
 */
export const runRouteRef = createExternalRouteRef({
  params: ['id'],
  defaultTarget: 'executions.run',
});
