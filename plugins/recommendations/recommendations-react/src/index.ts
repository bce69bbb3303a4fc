/**
 * The recommendations API ref and client, and the recommendation views other
 * plugins' pages render: similar components, suggested next steps and
 * semantic search results, each with the reasons of every result.
 *
 * @packageDocumentation
 */

export {
  createRecommendationsClient,
  recommendationsApiRef,
  useRecommendationsApi,
} from './api';
export type { RecommendationsApi } from './api';
export { ReasonList } from './components/ReasonList';
export { RecommendationError } from './components/RecommendationError';
export { SemanticSearchResults } from './components/SemanticSearchResults';
export type { SemanticSearchResultsProps } from './components/SemanticSearchResults';
export { SimilarComponentsCard } from './components/SimilarComponentsCard';
export type { SimilarComponentsCardProps } from './components/SimilarComponentsCard';
export { SuggestedNextSteps } from './components/SuggestedNextSteps';
export type {
  SuggestedNextStepsProps,
  WorkflowStepLike,
} from './components/SuggestedNextSteps';
