import {
  ApiClient,
  ApiClientOptions,
  openApiClient,
  unwrap,
} from '@ai-ops/openapi-client';
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
/** A secret a component's runtime config names that it cannot use now. @public */
export type AiComponentSecretProblem = components['schemas']['SecretProblem'];
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
  private readonly client: () => Promise<ApiClient<paths>>;

  constructor(options: ApiClientOptions) {
    this.client = openApiClient<paths>(options);
  }

  async listComponents(
    query: ListAiComponentsQuery = {},
  ): Promise<AiComponentList> {
    const client = await this.client();
    return unwrap(client.GET('/components', { params: { query } }));
  }

  async getFacets(): Promise<AiComponentFacets> {
    const client = await this.client();
    return unwrap(client.GET('/facets'));
  }

  async listRuntimes(): Promise<AiComponentRuntimeType[]> {
    const client = await this.client();
    return (await unwrap(client.GET('/runtimes'))).items;
  }

  async getComponent(key: AiComponentKey): Promise<AiComponent> {
    const client = await this.client();
    return unwrap(
      client.GET('/components/{namespace}/{name}', { params: { path: key } }),
    );
  }

  async createComponent(body: CreateAiComponentRequest): Promise<AiComponent> {
    const client = await this.client();
    return unwrap(client.POST('/components', { body }));
  }

  async updateComponent(
    key: AiComponentKey,
    body: UpdateAiComponentRequest,
  ): Promise<AiComponent> {
    const client = await this.client();
    return unwrap(
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
      await unwrap(
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
    return unwrap(
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
    return unwrap(
      client.POST('/components/{namespace}/{name}/invoke', {
        params: { path: key },
        body,
      }),
    );
  }

  async listSecrets(): Promise<AiComponentSecret[]> {
    const client = await this.client();
    return (await unwrap(client.GET('/secrets'))).items;
  }

  /**
   * Stores a secret, or replaces its value. `owner` (a `user:` or `group:`
   * ref) scopes the secret to that owner's components; left out, a new
   * secret is shared and a replaced one keeps its owner; `null` makes it
   * shared.
   */
  async putSecret(
    name: string,
    value: string,
    owner?: string | null,
  ): Promise<AiComponentSecret> {
    const client = await this.client();
    return unwrap(
      client.PUT('/secrets/{secretName}', {
        params: { path: { secretName: name } },
        body: owner === undefined ? { value } : { value, owner },
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
