import {
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
