import { createApiRef } from '@backstage/frontend-plugin-api';
import type { RecommendationsClient } from '@ai-ops/plugin-recommendations-common';

/**
 * The recommendations HTTP API as the browser uses it: the methods of the
 * typed {@link @ai-ops/plugin-recommendations-common#RecommendationsClient}.
 *
 * @public
 */
export type RecommendationsApi = Pick<
  RecommendationsClient,
  'similarComponents' | 'nextSteps' | 'search' | 'status'
>;

/**
 * Reference to the {@link RecommendationsApi}, provided by the
 * `api:recommendations` extension of the recommendations frontend plugin
 * (`@ai-ops/plugin-recommendations`). Other plugins' pages reach it through
 * {@link useRecommendationsApi}, which also works when the app does not
 * install that plugin.
 *
 * @public
 */
export const recommendationsApiRef = createApiRef<RecommendationsApi>().with({
  id: 'plugin.recommendations.service',
  pluginId: 'recommendations',
});
