// openapi-fetch names its methods after the HTTP verbs (client.GET, client.POST).
/* eslint-disable new-cap */
import {
  ApiClient,
  ApiClientOptions,
  openApiClient,
  unwrap,
} from '@ai-ops/openapi-client';
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
  private readonly client: () => Promise<ApiClient<paths>>;

  constructor(options: ApiClientOptions) {
    this.client = openApiClient<paths>(options);
  }

  /** Components similar to one, with filters (same type, cheaper, faster). */
  async similarComponents(
    key: RecommendedComponentKey,
    query: SimilarComponentsQuery = {},
  ): Promise<SimilarComponentsResponse> {
    const client = await this.client();
    return unwrap(
      client.GET('/components/{namespace}/{name}/similar', {
        params: { path: key, query },
      }),
    );
  }

  /** Components to add after a step of a (partial) workflow document. */
  async nextSteps(body: NextStepsRequest): Promise<NextStepsResponse> {
    const client = await this.client();
    return unwrap(client.POST('/next-steps', { body }));
  }

  /** Hybrid (keyword + vector) search across components and workflows. */
  async search(
    query: RecommendationSearchQuery,
  ): Promise<RecommendationSearchResponse> {
    const client = await this.client();
    return unwrap(client.GET('/search', { params: { query } }));
  }

  async status(): Promise<RecommendationIndexStatus> {
    const client = await this.client();
    return unwrap(client.GET('/status'));
  }

  /** Brings the index up to date now; needs `recommendations.index.manage`. */
  async reindex(): Promise<ReindexResult> {
    const client = await this.client();
    return unwrap(client.POST('/reindex'));
  }
}
