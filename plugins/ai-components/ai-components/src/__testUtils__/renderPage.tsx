import { ReactElement } from 'react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  createRecommendationsClient,
  recommendationsApiRef,
} from '@ai-ops/plugin-recommendations-react';
import { aiComponentsApiRef, createAiComponentsClient } from '../api';
import { rootRouteRef } from '../routes';

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

/**
 * Renders an element of the plugin in a test app at `path`, with the real
 * client over msw and permissions that allow everything unless `deny` names
 * some.
 */
export function renderPage(
  element: ReactElement,
  options: { path?: string; deny?: string[] } = {},
) {
  const { path = '/ai-components', deny = [] } = options;
  return renderInTestApp(element, {
    initialRouteEntries: [path],
    mountedRoutes: {
      '/ai-components': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
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
