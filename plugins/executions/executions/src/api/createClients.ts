import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { ExecutionsClient } from '@ai-ops/plugin-executions-common';
import { WorkflowsClient } from '@ai-ops/plugin-workflows-common';
import type { ExecutionsApi, WorkflowDefinitionsApi } from './ExecutionsApi';

interface ClientOptions {
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
  fetchApi: Pick<FetchApi, 'fetch'>;
}

/**
 * Creates the {@link ExecutionsApi} over the app's discovery and fetch APIs.
 *
 * @public
 */
export function createExecutionsClient(options: ClientOptions): ExecutionsApi {
  const { discoveryApi, fetchApi } = options;
  return new ExecutionsClient({
    getBaseUrl: () => discoveryApi.getBaseUrl('executions'),
    fetch: (url, init) => fetchApi.fetch(url, init),
  });
}

/**
 * Creates the {@link WorkflowDefinitionsApi}: the workflows client, with the
 * signed-in user's credentials.
 *
 * @public
 */
export function createWorkflowDefinitionsClient(
  options: ClientOptions,
): WorkflowDefinitionsApi {
  const { discoveryApi, fetchApi } = options;
  return new WorkflowsClient({
    getBaseUrl: () => discoveryApi.getBaseUrl('workflows'),
    fetch: (url, init) => fetchApi.fetch(url, init),
  });
}

/**
 * The message of an error for people: the server's own message for
 * responses with an error status.
 *
 * @public
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.cause.message || error.message;
  return error instanceof Error ? error.message : String(error);
}
