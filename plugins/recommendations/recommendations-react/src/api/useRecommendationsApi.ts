import { useMemo } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
  useApiHolder,
} from '@backstage/frontend-plugin-api';
import { createRecommendationsClient } from './createRecommendationsClient';
import {
  recommendationsApiRef,
  type RecommendationsApi,
} from './RecommendationsApi';

/**
 * The {@link RecommendationsApi} of the app, or, where the app does not
 * install the recommendations plugin, a client over the app's discovery and
 * fetch APIs. Host pages (the component page, the workflow editor, the
 * marketplace) render recommendations either way; if the backend is missing
 * or refuses, the error shows where the recommendations would be.
 *
 * @public
 */
export function useRecommendationsApi(): RecommendationsApi {
  const holder = useApiHolder();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () =>
      holder.get(recommendationsApiRef) ??
      createRecommendationsClient({ discoveryApi, fetchApi }),
    [holder, discoveryApi, fetchApi],
  );
}
