export { RecommendationError } from './RecommendationError';
