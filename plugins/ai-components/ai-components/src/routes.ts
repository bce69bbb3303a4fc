import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/frontend-plugin-api';

/** The marketplace, `/ai-components`. */
export const rootRouteRef = createRouteRef();

/** The registration form, `/ai-components/new`. */
export const createComponentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/new',
});

/** The secrets that runtime configs reference, `/ai-components/secrets`. */
export const secretsRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/secrets',
});

/** One component, `/ai-components/:namespace/:name`. */
export const componentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:namespace/:name',
});

/** The edit form of one component, `/ai-components/:namespace/:name/edit`. */
export const editComponentRouteRef = createSubRouteRef({
  parent: rootRouteRef,
  path: '/:namespace/:name/edit',
});

/**
 * The metrics page of an AI component in the executions plugin
 * (`executions.componentMetrics` unless the app binds it elsewhere): the
 * component page's usage card links "All metrics" there.
 */
export const componentMetricsRouteRef = createExternalRouteRef({
  params: ['namespace', 'name'],
  defaultTarget: 'executions.componentMetrics',
});
