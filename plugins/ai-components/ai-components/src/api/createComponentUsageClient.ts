import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ExecutionsClient } from '@ai-ops/plugin-executions-common';
import type { ComponentUsageApi } from './ComponentUsageApi';

/**
 * Creates the {@link ComponentUsageApi}: the executions client over the
 * app's discovery and fetch APIs, i.e. with the signed-in user's credentials.
 *
 * @public
 */
export function createComponentUsageClient(options: {
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
  fetchApi: Pick<FetchApi, 'fetch'>;
}): ComponentUsageApi {
  const { discoveryApi, fetchApi } = options;
  return new ExecutionsClient({
    getBaseUrl: () => discoveryApi.getBaseUrl('executions'),
    fetch: (url, init) => fetchApi.fetch(url, init),
  });
}
