import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  ListWorkflowsQuery,
  WorkflowSummaryDto,
} from '@ai-ops/plugin-workflows-common';
import { workflowsApiRef } from '../../api';

/** The pages of one search loaded so far. */
export interface WorkflowSearchState {
  items: WorkflowSummaryDto[];
  totalItems?: number;
  nextCursor?: string;
  /** The first page is loading. */
  loading: boolean;
  /** A further page is loading. */
  loadingMore: boolean;
  error?: Error;
}

/**
 * Lists workflows matching a query, page by page: a new query starts over,
 * `loadMore` appends the next page by cursor. Answers to queries that are
 * no longer current are dropped.
 */
export function useWorkflowSearch(query: ListWorkflowsQuery) {
  const api = useApi(workflowsApiRef);
  const [state, setState] = useState<WorkflowSearchState>({
    items: [],
    loading: true,
    loadingMore: false,
  });
  const key = JSON.stringify(query);
  const currentKey = useRef(key);

  useEffect(() => {
    currentKey.current = key;
    setState({ items: [], loading: true, loadingMore: false });
    api.listWorkflows(JSON.parse(key)).then(
      page => {
        if (currentKey.current !== key) return;
        setState({
          items: page.items,
          totalItems: page.totalItems,
          nextCursor: page.nextCursor,
          loading: false,
          loadingMore: false,
        });
      },
      error => {
        if (currentKey.current !== key) return;
        setState({ items: [], loading: false, loadingMore: false, error });
      },
    );
  }, [api, key]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) return;
    setState(s => ({ ...s, loadingMore: true }));
    api.listWorkflows({ ...JSON.parse(key), cursor }).then(
      page => {
        if (currentKey.current !== key) return;
        setState(s => ({
          ...s,
          items: [...s.items, ...page.items],
          totalItems: page.totalItems,
          nextCursor: page.nextCursor,
          loadingMore: false,
        }));
      },
      error => {
        if (currentKey.current !== key) return;
        setState(s => ({ ...s, loadingMore: false, error }));
      },
    );
  }, [api, key, state.nextCursor, state.loadingMore]);

  return { ...state, loadMore };
}
