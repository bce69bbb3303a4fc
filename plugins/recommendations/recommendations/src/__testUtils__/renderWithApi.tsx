import { ReactElement } from 'react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  createRecommendationsClient,
  recommendationsApiRef,
} from '@ai-ops/plugin-recommendations-react';

/** Where the tests' recommendations backend answers (msw intercepts it). */
export const RECOMMENDATIONS_URL = 'http://localhost:7007/api/recommendations';

/** Renders an element in a test app with the real client over msw. */
export function renderWithApi(element: ReactElement) {
  return renderInTestApp(element, {
    apis: [
      [
        recommendationsApiRef,
        createRecommendationsClient({
          discoveryApi: { getBaseUrl: async () => RECOMMENDATIONS_URL },
          fetchApi: { fetch: (input, init) => fetch(input, init) },
        }),
      ],
    ],
  });
}
