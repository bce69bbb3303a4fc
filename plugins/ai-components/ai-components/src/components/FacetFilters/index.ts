export { FacetFilters, FACET_NAMES } from './FacetFilters';
export type {
  FacetFiltersProps,
  FacetName,
  FacetSelection,
} from './FacetFilters';
