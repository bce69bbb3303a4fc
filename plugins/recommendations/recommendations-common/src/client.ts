// openapi-fetch names its methods after the HTTP verbs (client.GET, client.POST).
/* eslint-disable new-cap */
import createClient from 'openapi-fetch';
import { ResponseError } from '@backstage/errors';
import type { components, paths } from './generated/openapi';

/** Why a result was recommended: a sentence, its kind and the number behind it. @public */
export type RecommendationReason = components['schemas']['Reason'];
/** Cost, latency and quality measured in succeeded runs. @public */
export type ComponentMetrics = components['schemas']['ComponentMetrics'];
/** @public */
export type ComponentRecommendation =
  components['schemas']['ComponentRecommendation'];
/** @public */
export type SimilarComponentsResponse =
  components['schemas']['SimilarComponents'];
/** @public */
export type NextStepsRequest = components['schemas']['NextStepsRequest'];
/** @public */
export type NextStepsResponse = components['schemas']['NextSteps'];
/** @public */
export type RecommendationSearchResult = components['schemas']['SearchResult'];
/** @public */
export type RecommendationSearchResponse =
  components['schemas']['SearchResults'];
/** @public */
export type RecommendationIndexStatus = components['schemas']['IndexStatus'];
/** @public */
export type ReindexResult = components['schemas']['ReindexResult'];
/** @public */
export type SimilarComponentsQuery = NonNullable<
  paths['/components/{namespace}/{name}/similar']['get']['parameters']['query']
>;
/** @public */
export type RecommendationSearchQuery = NonNullable<
  paths['/search']['get']['parameters']['query']
>;

/** @public */
export interface RecommendedComponentKey {
  namespace: string;
  name: string;
}

/**
 * Typed client of the recommendations API, generated from its OpenAPI
 * contract (`src/generated/openapi.ts`). Works in browsers (with Backstage's
 * fetchApi) and in Node (with a fetch that adds a token).
 *
 * @public
 */
export class RecommendationsClient {
  constructor(
    private readonly options: {
      /** The plugin's base URL, e.g. from discoveryApi.getBaseUrl('recommendations'). */
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
   * Passes a request on as a URL and a plain init, and turns an error status
   * into a `ResponseError` before anything reads the body, so the server's
   * message (which names the field) is kept.
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

  /** Components similar to one, with filters (same type, cheaper, faster). */
  async similarComponents(
    key: RecommendedComponentKey,
    query: SimilarComponentsQuery = {},
  ): Promise<SimilarComponentsResponse> {
    const client = await this.client();
    return this.unwrap(
      client.GET('/components/{namespace}/{name}/similar', {
        params: { path: key, query },
      }),
    );
  }

  /** Components to add after a step of a (partial) workflow document. */
  async nextSteps(body: NextStepsRequest): Promise<NextStepsResponse> {
    const client = await this.client();
    return this.unwrap(client.POST('/next-steps', { body }));
  }

  /** Hybrid (keyword + vector) search across components and workflows. */
  async search(
    query: RecommendationSearchQuery,
  ): Promise<RecommendationSearchResponse> {
    const client = await this.client();
    return this.unwrap(client.GET('/search', { params: { query } }));
  }

  async status(): Promise<RecommendationIndexStatus> {
    const client = await this.client();
    return this.unwrap(client.GET('/status'));
  }

  /** Brings the index up to date now; needs `recommendations.index.manage`. */
  async reindex(): Promise<ReindexResult> {
    const client = await this.client();
    return this.unwrap(client.POST('/reindex'));
  }
}
