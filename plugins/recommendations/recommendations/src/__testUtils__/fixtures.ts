import type { RecommendationSearchResult } from '@ai-ops/plugin-recommendations-common';

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
