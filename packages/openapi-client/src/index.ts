import createClient, { type Client } from 'openapi-fetch';
import { ResponseError } from '@backstage/errors';

/**
 * An openapi-fetch client of the contract `Paths`.
 *
 * @public
 */
export type ApiClient<Paths extends {}> = Client<Paths>;

/**
 * Where a typed client sends its requests.
 *
 * @public
 */
export interface ApiClientOptions {
  /** The plugin's base URL, e.g. from discoveryApi.getBaseUrl('workflows'). */
  getBaseUrl(): Promise<string>;
  /** Defaults to the global fetch; in a Backstage app, fetchApi.fetch. */
  fetch?: (url: string, init?: RequestInit) => Promise<Response>;
}

/**
 * The openapi-fetch client of one plugin's contract (`Paths`, generated from
 * its OpenAPI document), made for each call at the base URL discovery gives
 * then. Works in browsers (with Backstage's fetchApi) and in Node (with a
 * fetch that adds a token).
 *
 * Requests go on as a URL and a plain init: fetch wrappers (such as the
 * Backstage app's fetch middlewares) that build `new Request(input)` would
 * otherwise use up the body of a `Request` input. A response with an error
 * status becomes a `ResponseError` before anything reads its body, so the
 * server's message (which names the field or step) is kept.
 *
 * @public
 */
export function openApiClient<Paths extends {}>(
  options: ApiClientOptions,
): () => Promise<ApiClient<Paths>> {
  const send = async (request: Request): Promise<Response> => {
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const response = await (options.fetch ?? fetch)(request.url, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.text() : undefined,
      signal: request.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  };
  return async () =>
    createClient<Paths>({ baseUrl: await options.getBaseUrl(), fetch: send });
}

/**
 * The parsed body of a call's answer. Error statuses never get here: the
 * transport of {@link openApiClient} has thrown them as `ResponseError`.
 *
 * @public
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  return (await call).data as T;
}
