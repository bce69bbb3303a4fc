export { SimilarComponentsCard } from './SimilarComponentsCard';
export type { SimilarComponentsCardProps } from './SimilarComponentsCard';
