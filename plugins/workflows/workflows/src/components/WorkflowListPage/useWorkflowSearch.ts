import { useCallback } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useCursorSearch } from '@ai-ops/console-react';
import type { ListWorkflowsQuery } from '@ai-ops/plugin-workflows-common';
import { workflowsApiRef } from '../../api';

/**
 * Lists workflows matching a query, page by page: a new query starts over,
 * `loadMore` appends the next page by cursor.
 */
export function useWorkflowSearch(query: ListWorkflowsQuery) {
  const api = useApi(workflowsApiRef);
  const listPage = useCallback(
    (q: ListWorkflowsQuery) => api.listWorkflows(q),
    [api],
  );
  return useCursorSearch(query, listPage);
}
