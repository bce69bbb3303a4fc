import createClient from 'openapi-fetch';
import { ResponseError } from '@backstage/errors';
import type { components, paths } from './generated/openapi';

/** @public */
export type AiComponent = components['schemas']['Component'];
/** @public */
export type AiComponentSummary = components['schemas']['ComponentSummary'];
/** @public */
export type AiComponentVersion = components['schemas']['ComponentVersion'];
/** @public */
export type AiComponentList = components['schemas']['ComponentList'];
/** @public */
export type AiComponentFacets = components['schemas']['Facets'];
/** @public */
export type CreateAiComponentRequest =
  components['schemas']['CreateComponentRequest'];
/** @public */
export type UpdateAiComponentRequest =
  components['schemas']['UpdateComponentRequest'];
/** @public */
export type InvokeAiComponentResponse = components['schemas']['InvokeResponse'];
/** @public */
export type AiComponentRuntimeType = components['schemas']['RuntimeType'];
/** @public */
export type AiComponentSecret = components['schemas']['Secret'];
/** @public */
export type ListAiComponentsQuery = NonNullable<
  paths['/components']['get']['parameters']['query']
>;

/** @public */
export interface AiComponentKey {
  namespace: string;
  name: string;
}

/**
 * Typed client of the ai-components API, generated from its OpenAPI contract
 * (`src/generated/openapi.ts`). Works in browsers (with Backstage's fetchApi)
 * and in Node (with a fetch that adds a token).
 *
 * @public
 */
export class AiComponentsClient {
  constructor(
    private readonly options: {
      /** The plugin's base URL, e.g. from discoveryApi.getBaseUrl('ai-components'). */
      getBaseUrl(): Promise<string>;
      /** Defaults to the global fetch; in a Backstage app, fetchApi.fetch. */
      fetch?: (url: string, init?: RequestInit) => Promise<Response>;
    },
  ) {}

  private async client() {
    return createClient<paths>({
      baseUrl: await this.options.getBaseUrl(),
      fetch: request => this.send(request),
    });
  }

  /**
   * Passes a request on as a URL and a plain init: fetch wrappers (such as
   * the Backstage app's fetch middlewares) that build `new Request(input)`
   * would otherwise use up the body of a `Request` input. A response with an
   * error status becomes a `ResponseError` here, before anything reads its
   * body, so the server's message (which names the field) is kept.
   */
  private async send(request: Request): Promise<Response> {
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const response = await (this.options.fetch ?? fetch)(request.url, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? await request.text() : undefined,
      signal: request.signal,
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }

  private async unwrap<T>(
    call: Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<T> {
    return (await call).data as T;
  }

  async listComponents(
    query: ListAiComponentsQuery = {},
  ): Promise<AiComponentList> {
    const client = await this.client();
    return this.unwrap(client.GET('/components', { params: { query } }));
  }

  async getFacets(): Promise<AiComponentFacets> {
    const client = await this.client();
    return this.unwrap(client.GET('/facets'));
  }

  async listRuntimes(): Promise<AiComponentRuntimeType[]> {
    const client = await this.client();
    return (await this.unwrap(client.GET('/runtimes'))).items;
  }

  async getComponent(key: AiComponentKey): Promise<AiComponent> {
    const client = await this.client();
    return this.unwrap(
      client.GET('/components/{namespace}/{name}', { params: { path: key } }),
    );
  }

  async createComponent(body: CreateAiComponentRequest): Promise<AiComponent> {
    const client = await this.client();
    return this.unwrap(client.POST('/components', { body }));
  }

  async updateComponent(
    key: AiComponentKey,
    body: UpdateAiComponentRequest,
  ): Promise<AiComponent> {
    const client = await this.client();
    return this.unwrap(
      client.PUT('/components/{namespace}/{name}', {
        params: { path: key },
        body,
      }),
    );
  }

  async deleteComponent(key: AiComponentKey): Promise<void> {
    const client = await this.client();
    await client.DELETE('/components/{namespace}/{name}', {
      params: { path: key },
    });
  }

  async listVersions(key: AiComponentKey): Promise<AiComponentVersion[]> {
    const client = await this.client();
    return (
      await this.unwrap(
        client.GET('/components/{namespace}/{name}/versions', {
          params: { path: key },
        }),
      )
    ).items;
  }

  async getVersion(
    key: AiComponentKey,
    revision: number,
  ): Promise<AiComponentVersion> {
    const client = await this.client();
    return this.unwrap(
      client.GET('/components/{namespace}/{name}/versions/{revision}', {
        params: { path: { ...key, revision } },
      }),
    );
  }

  async invoke(
    key: AiComponentKey,
    body: { input: unknown; revision?: number },
  ): Promise<InvokeAiComponentResponse> {
    const client = await this.client();
    return this.unwrap(
      client.POST('/components/{namespace}/{name}/invoke', {
        params: { path: key },
        body,
      }),
    );
  }

  async listSecrets(): Promise<AiComponentSecret[]> {
    const client = await this.client();
    return (await this.unwrap(client.GET('/secrets'))).items;
  }

  async putSecret(name: string, value: string): Promise<AiComponentSecret> {
    const client = await this.client();
    return this.unwrap(
      client.PUT('/secrets/{secretName}', {
        params: { path: { secretName: name } },
        body: { value },
      }),
    );
  }

  async deleteSecret(name: string): Promise<void> {
    const client = await this.client();
    await client.DELETE('/secrets/{secretName}', {
      params: { path: { secretName: name } },
    });
  }
}
