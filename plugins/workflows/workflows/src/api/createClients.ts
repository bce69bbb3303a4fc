import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  WorkflowsClient,
  type WorkflowDocument,
  type WorkflowDocumentInput,
} from '@ai-ops/plugin-workflows-common';
import { AiComponentsClient } from '@ai-ops/plugin-ai-components-common';
import { ExecutionsClient } from '@ai-ops/plugin-executions-common';
import type {
  ComponentRegistryApi,
  TriggerActivityApi,
  WorkflowsApi,
} from './WorkflowsApi';

interface ClientOptions {
  discoveryApi: Pick<DiscoveryApi, 'getBaseUrl'>;
  fetchApi: Pick<FetchApi, 'fetch'>;
}

/**
 * Creates the {@link WorkflowsApi} over the app's discovery and fetch APIs.
 *
 * @public
 */
export function createWorkflowsClient(options: ClientOptions): WorkflowsApi {
  const { discoveryApi, fetchApi } = options;
  return new WorkflowsClient({
    getBaseUrl: () => discoveryApi.getBaseUrl('workflows'),
    fetch: (url, init) => fetchApi.fetch(url, init),
  });
}

/**
 * Creates the {@link ComponentRegistryApi}: the ai-components client, with
 * the signed-in user's credentials.
 *
 * @public
 */
export function createComponentRegistryClient(
  options: ClientOptions,
): ComponentRegistryApi {
  const { discoveryApi, fetchApi } = options;
  return new AiComponentsClient({
    getBaseUrl: () => discoveryApi.getBaseUrl('ai-components'),
    fetch: (url, init) => fetchApi.fetch(url, init),
  });
}

/**
 * Creates the {@link TriggerActivityApi}: the executions client, with the
 * signed-in user's credentials. A schedule the executions API does not find
 * in Temporal (404) is no schedule yet, not an error.
 *
 * @public
 */
export function createTriggerActivityClient(
  options: ClientOptions,
): TriggerActivityApi {
  const { discoveryApi, fetchApi } = options;
  const client = new ExecutionsClient({
    getBaseUrl: () => discoveryApi.getBaseUrl('executions'),
    fetch: (url, init) => fetchApi.fetch(url, init),
  });
  return {
    async getLastRun(triggerId) {
      const page = await client.listExecutions({ triggerId, limit: 1 });
      return page.items[0];
    },
    async getSchedule(triggerId) {
      try {
        return await client.getTriggerSchedule(triggerId);
      } catch (error) {
        if (ResponseError.is(error) && error.statusCode === 404) {
          return undefined;
        }
        throw error;
      }
    },
  };
}

/**
 * The message of an error for people: the server's own message for
 * responses with an error status, e.g. `step 'b' needs: needs unknown step 'x'`.
 *
 * @public
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) return error.cause.message || error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * The request body that carries a document (and a change message). The
 * contract types documents loosely; the validator checks their content.
 *
 * @public
 */
export function documentInput(
  document: WorkflowDocument,
  message?: string,
): WorkflowDocumentInput {
  return {
    document: document as unknown as WorkflowDocumentInput['document'],
    ...(message ? { message } : {}),
  };
}
