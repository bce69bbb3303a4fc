export { recommendationsApiRef } from './RecommendationsApi';
export type { RecommendationsApi } from './RecommendationsApi';
export { createRecommendationsClient } from './createRecommendationsClient';
export { useRecommendationsApi } from './useRecommendationsApi';
