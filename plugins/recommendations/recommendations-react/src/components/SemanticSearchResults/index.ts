export { SemanticSearchResults } from './SemanticSearchResults';
export type { SemanticSearchResultsProps } from './SemanticSearchResults';
