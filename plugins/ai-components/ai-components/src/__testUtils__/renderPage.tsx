import { ReactElement } from 'react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  createRecommendationsClient,
  recommendationsApiRef,
} from '@ai-ops/plugin-recommendations-react';
import {
  aiComponentsApiRef,
  componentUsageApiRef,
  createAiComponentsClient,
  createComponentUsageClient,
} from '../api';
import { componentMetricsRouteRef, rootRouteRef } from '../routes';

type PermissionOptions = NonNullable<Parameters<typeof mockApis.permission>[0]>;
/** `AuthorizeResult.ALLOW | AuthorizeResult.DENY` of permission-common. */
type Decision = Exclude<
  NonNullable<PermissionOptions['authorize']>,
  (...args: any[]) => unknown
>;
const ALLOW = 'ALLOW' as unknown as Decision;
const DENY = 'DENY' as unknown as Decision;

/** Where the tests' backend answers (msw intercepts it). */
export const TEST_BASE_URL = 'http://localhost:7007/api/ai-components';
/** Where the tests' recommendations backend answers. */
export const RECOMMENDATIONS_URL = 'http://localhost:7007/api/recommendations';
/** Where the tests' executions backend answers. */
export const EXECUTIONS_URL = 'http://localhost:7007/api/executions';
/** Where the tests' app mounts the executions plugin's component metrics. */
export const COMPONENT_METRICS_PATH =
  '/executions/metrics/components/:namespace/:name';

/**
 * Renders an element of the plugin in a test app at `path`, with the real
 * client over msw and permissions that allow everything unless `deny` names
 * some. The external route to a component's metrics is bound to
 * {@link COMPONENT_METRICS_PATH} unless `unboundMetrics` is set (as in an app
 * without the executions plugin).
 */
export function renderPage(
  element: ReactElement,
  options: { path?: string; deny?: string[]; unboundMetrics?: boolean } = {},
) {
  const {
    path = '/ai-components',
    deny = [],
    unboundMetrics = false,
  } = options;
  return renderInTestApp(element, {
    initialRouteEntries: [path],
    mountedRoutes: {
      '/ai-components': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      ...(unboundMetrics
        ? {}
        : { [COMPONENT_METRICS_PATH]: componentMetricsRouteRef }),
    },
    apis: [
      [
        aiComponentsApiRef,
        createAiComponentsClient({
          discoveryApi: {
            getBaseUrl: async () => TEST_BASE_URL,
          },
          fetchApi: { fetch: (input, init) => fetch(input, init) },
        }),
      ],
      [
        componentUsageApiRef,
        createComponentUsageClient({
          discoveryApi: {
            getBaseUrl: async () => EXECUTIONS_URL,
          },
          fetchApi: { fetch: (input, init) => fetch(input, init) },
        }),
      ],
      [
        recommendationsApiRef,
        createRecommendationsClient({
          discoveryApi: {
            getBaseUrl: async () => RECOMMENDATIONS_URL,
          },
          fetchApi: { fetch: (input, init) => fetch(input, init) },
        }),
      ],
      mockApis.permission({
        authorize: request =>
          deny.includes(request.permission.name) ? DENY : ALLOW,
      }),
    ],
  });
}
