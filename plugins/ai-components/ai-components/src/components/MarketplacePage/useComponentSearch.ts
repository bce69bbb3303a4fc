import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useCursorSearch } from '@ai-ops/console-react';
import type { ListAiComponentsQuery } from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef } from '../../api';

/**
 * Lists components matching a query, page by page: a new query starts over,
 * `loadMore` appends the next page of the current one.
 */
export function useComponentSearch(query: ListAiComponentsQuery) {
  const api = useApi(aiComponentsApiRef);
  const listPage = useCallback(
    (q: ListAiComponentsQuery) => api.listComponents(q),
    [api],
  );
  return useCursorSearch(query, listPage);
}
