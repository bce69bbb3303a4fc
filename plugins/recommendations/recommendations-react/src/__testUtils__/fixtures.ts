import type {
  ComponentRecommendation,
  RecommendationSearchResult,
} from '@ai-ops/plugin-recommendations-common';

/** Test data only: a recommended component with its reasons. */
export const recommendationFixture = (
  overrides: Partial<ComponentRecommendation> = {},
): ComponentRecommendation => ({
  ref: `aicomponent:default/${overrides.name ?? 'gpt-4o-mini-chat'}`,
  namespace: 'default',
  name: 'gpt-4o-mini-chat',
  title: 'GPT-4o mini chat',
  description: 'A small, cheap chat model',
  type: 'model',
  owner: 'group:default/team-a',
  tags: ['chat', 'llm'],
  runtimeType: 'openai-chat',
  score: 0.87,
  reasons: [
    { kind: 'similarity', text: 'description similarity 0.82', value: 0.82 },
    {
      kind: 'cost',
      text: '30% cheaper at the same evaluation score',
      value: 0.3,
    },
  ],
  metrics: {
    runs: 37,
    avgCostUsd: 0.0012,
    p50LatencyMs: 420,
    evaluationScore: 0.91,
    evaluations: 12,
  },
  ...overrides,
});

/** Test data only: a search result. */
export const searchResultFixture = (
  overrides: Partial<RecommendationSearchResult> = {},
): RecommendationSearchResult => ({
  kind: 'component',
  ref: `aicomponent:default/${overrides.name ?? 'ticket-summariser'}`,
  namespace: 'default',
  name: 'ticket-summariser',
  title: 'Ticket summariser',
  description: 'Summarises support tickets in two sentences',
  type: 'prompt',
  owner: 'group:default/support',
  tags: ['support', 'summary'],
  score: 0.74,
  reasons: [
    { kind: 'similarity', text: 'description similarity 0.71', value: 0.71 },
    { kind: 'keyword', text: 'matches "tickets"' },
  ],
  ...overrides,
});

/** Test data only: an error response as Backstage backends send them. */
export const errorBody = (status: number, name: string, message: string) => ({
  error: { name, message },
  request: { method: 'GET', url: '/' },
  response: { statusCode: status },
});
