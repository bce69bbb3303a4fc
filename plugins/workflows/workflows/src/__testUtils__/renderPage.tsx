import { ReactElement } from 'react';
import type {
  ExternalRouteRef,
  RouteRef,
} from '@backstage/frontend-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  createRecommendationsClient,
  recommendationsApiRef,
} from '@ai-ops/plugin-recommendations-react';
import {
  componentRegistryApiRef,
  createComponentRegistryClient,
  createTriggerActivityClient,
  createWorkflowsClient,
  triggerActivityApiRef,
  workflowsApiRef,
} from '../api';
import { rootRouteRef } from '../routes';

type PermissionOptions = NonNullable<Parameters<typeof mockApis.permission>[0]>;
/** `AuthorizeResult.ALLOW | AuthorizeResult.DENY` of permission-common. */
type Decision = Exclude<
  NonNullable<PermissionOptions['authorize']>,
  (...args: any[]) => unknown
>;
const ALLOW = 'ALLOW' as unknown as Decision;
const DENY = 'DENY' as unknown as Decision;

/** Where the tests' workflows backend answers (msw intercepts it). */
export const WORKFLOWS_URL = 'http://localhost:7007/api/workflows';
/** Where the tests' ai-components backend answers. */
export const COMPONENTS_URL = 'http://localhost:7007/api/ai-components';
/** Where the tests' executions backend answers (webhooks are called there). */
export const EXECUTIONS_URL = 'http://localhost:7007/api/executions';
/** Where the tests' recommendations backend answers. */
export const RECOMMENDATIONS_URL = 'http://localhost:7007/api/recommendations';

const discoveryApi = {
  getBaseUrl: async (pluginId: string) => {
    if (pluginId === 'workflows') return WORKFLOWS_URL;
    if (pluginId === 'recommendations') return RECOMMENDATIONS_URL;
    if (pluginId === 'executions') return EXECUTIONS_URL;
    return COMPONENTS_URL;
  },
};
const fetchApi = {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
};

/**
 * Renders an element of the plugin in a test app at `path`, with the real
 * clients over msw, the signed-in user `user:default/alice`, and
 * permissions that allow everything unless `deny` names some.
 * `mountedRoutes` mounts more route refs; an external route ref mounted
 * there is bound, which the app otherwise leaves unbound.
 */
export function renderPage(
  element: ReactElement,
  options: {
    path?: string;
    deny?: string[];
    mountedRoutes?: Record<string, RouteRef | ExternalRouteRef>;
  } = {},
) {
  const { path = '/workflows', deny = [], mountedRoutes = {} } = options;
  return renderInTestApp(element, {
    initialRouteEntries: [path],
    mountedRoutes: {
      '/workflows': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      ...mountedRoutes,
    },
    apis: [
      [workflowsApiRef, createWorkflowsClient({ discoveryApi, fetchApi })],
      [
        componentRegistryApiRef,
        createComponentRegistryClient({ discoveryApi, fetchApi }),
      ],
      [
        triggerActivityApiRef,
        createTriggerActivityClient({ discoveryApi, fetchApi }),
      ],
      [
        recommendationsApiRef,
        createRecommendationsClient({ discoveryApi, fetchApi }),
      ],
      mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      mockApis.identity({ userEntityRef: 'user:default/alice' }),
      mockApis.permission({
        authorize: request =>
          deny.includes(request.permission.name) ? DENY : ALLOW,
      }),
    ],
  });
}
