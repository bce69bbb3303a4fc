import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { RecommendationsClient } from '@ai-ops/plugin-recommendations-common';
import type { RecommendationsApi } from './RecommendationsApi';

/**
 * Creates the {@link RecommendationsApi} over the app's discovery and fetch
 * APIs, i.e. with the signed-in user's credentials.
 *
 * @public
 */
export function createRecommendationsClient(options: {
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
  fetchApi: Pick<FetchApi, 'fetch'>;
}): RecommendationsApi {
  const { discoveryApi, fetchApi } = options;
  return new RecommendationsClient({
    getBaseUrl: () => discoveryApi.getBaseUrl('recommendations'),
    fetch: (url, init) => fetchApi.fetch(url, init),
  });
}
