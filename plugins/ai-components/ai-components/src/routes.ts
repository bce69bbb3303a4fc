import {
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
