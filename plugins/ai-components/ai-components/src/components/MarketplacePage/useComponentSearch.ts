import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import type {
  AiComponentSummary,
  ListAiComponentsQuery,
} from '@ai-ops/plugin-ai-components-common';
import { aiComponentsApiRef } from '../../api';

/** The pages of one search loaded so far. */
export interface ComponentSearchState {
  items: AiComponentSummary[];
  totalItems?: number;
  nextCursor?: string;
  /** The first page is loading. */
  loading: boolean;
  /** A further page is loading. */
  loadingMore: boolean;
  error?: Error;
}

/**
 * Lists components matching a query, page by page: a new query starts over,
 * `loadMore` appends the next page of the current one. Answers of queries
 * that are no longer current are dropped.
 */
export function useComponentSearch(query: ListAiComponentsQuery) {
  const api = useApi(aiComponentsApiRef);
  const [state, setState] = useState<ComponentSearchState>({
    items: [],
    loading: true,
    loadingMore: false,
  });
  const key = JSON.stringify(query);
  const currentKey = useRef(key);

  useEffect(() => {
    currentKey.current = key;
    setState({ items: [], loading: true, loadingMore: false });
    api.listComponents(JSON.parse(key)).then(
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
    api.listComponents({ ...JSON.parse(key), cursor }).then(
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
