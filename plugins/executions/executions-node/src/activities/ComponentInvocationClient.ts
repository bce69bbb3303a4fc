import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  AiComponentsClient,
  InvokeAiComponentResponse,
} from '@ai-ops/plugin-ai-components-common';
import { parseEntityKey } from './refs';

/** One call of a component version. @public */
export interface ComponentInvocation {
  /** `aicomponent:<namespace>/<name>` */
  componentRef: string;
  /** The pinned registry revision; the latest when absent. */
  revision?: number;
  input: unknown;
  /** Aborts the call (the activity's cancellation). */
  signal?: AbortSignal;
}

/**
 * Invokes components through the ai-components API. A runtime failure is a
 * normal answer (with `error`); a refused request (400, 403, 404, 5xx)
 * throws a `ResponseError`, an unreachable API a `TypeError` from fetch.
 *
 * @public
 */
export interface ComponentInvocationClient {
  invoke(invocation: ComponentInvocation): Promise<InvokeAiComponentResponse>;
}

/** A fetch that sends a Backstage token and, when given, an abort signal. @internal */
export function fetchWithToken(
  token: string,
  signal?: AbortSignal,
  baseFetch: typeof fetch = fetch,
) {
  return (url: string, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return baseFetch(url, { ...init, headers, signal: signal ?? init?.signal });
  };
}

/** A token of the worker's own service identity for another plugin. @internal */
export async function serviceToken(
  auth: AuthService,
  targetPluginId: string,
): Promise<string> {
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await auth.getOwnServiceCredentials(),
    targetPluginId,
  });
  return token;
}

/**
 * The {@link ComponentInvocationClient} of the worker: `POST
 * /components/{namespace}/{name}/invoke` of the ai-components plugin (found
 * through discovery) with a service token of the worker.
 *
 * @public
 */
export function createAiComponentsInvocationClient(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}): ComponentInvocationClient {
  const { discovery, auth } = options;
  return {
    async invoke({ componentRef, revision, input, signal }) {
      const { namespace, name } = parseEntityKey(componentRef, 'aicomponent');
      const token = await serviceToken(auth, 'ai-components');
      const client = new AiComponentsClient({
        getBaseUrl: () => discovery.getBaseUrl('ai-components'),
        fetch: fetchWithToken(token, signal, options.fetch),
      });
      return client.invoke(
        { namespace, name },
        { input, ...(revision !== undefined ? { revision } : {}) },
      );
    },
  };
}
