import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { AiComponentsClient } from '@ai-ops/plugin-ai-components-common';
import type { AiComponentsApi } from './AiComponentsApi';

/**
 * Creates the {@link AiComponentsApi} over the app's discovery and fetch APIs.
 *
 * @public
 */
export function createAiComponentsClient(options: {
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
  fetchApi: Pick<FetchApi, 'fetch'>;
}): AiComponentsApi {
  const { discoveryApi, fetchApi } = options;
  return new AiComponentsClient({
    getBaseUrl: () => discoveryApi.getBaseUrl('ai-components'),
    fetch: (url, init) => fetchApi.fetch(url, init),
  });
}

/**
 * The message of an error for people: the server's own message for
 * responses with an error status, e.g. `name: 'x' already exists`.
 *
 * @public
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.cause.message || error.message;
  return error instanceof Error ? error.message : String(error);
}
