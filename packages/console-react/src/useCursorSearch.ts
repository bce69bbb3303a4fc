import { useCallback, useEffect, useRef, useState } from 'react';

/** A page of a list the API pages by cursor. @public */
export interface CursorPage<T> {
  items: T[];
  totalItems?: number;
  nextCursor?: string;
}

/** The pages of one search loaded so far. @public */
export interface CursorSearchState<T> {
  items: T[];
  totalItems?: number;
  nextCursor?: string;
  /** The first page is loading. */
  loading: boolean;
  /** A further page is loading. */
  loadingMore: boolean;
  error?: Error;
}

/**
 * Lists what matches `query`, page by page, with `listPage` (an API call
 * that takes the query and a `cursor`; keep it stable, e.g. with
 * `useCallback`): a new query starts over, `loadMore` appends the next page
 * of the current one. Answers to queries that are no longer current are
 * dropped.
 *
 * @public
 */
export function useCursorSearch<Q extends object, T>(
  query: Q,
  listPage: (query: Q & { cursor?: string }) => Promise<CursorPage<T>>,
): CursorSearchState<T> & { loadMore(): void } {
  const [state, setState] = useState<CursorSearchState<T>>({
    items: [],
    loading: true,
    loadingMore: false,
  });
  const key = JSON.stringify(query);
  const currentKey = useRef(key);

  useEffect(() => {
    currentKey.current = key;
    setState({ items: [], loading: true, loadingMore: false });
    listPage(JSON.parse(key)).then(
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
  }, [listPage, key]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.loadingMore) return;
    setState(s => ({ ...s, loadingMore: true }));
    listPage({ ...JSON.parse(key), cursor }).then(
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
  }, [listPage, key, state.nextCursor, state.loadingMore]);

  return { ...state, loadMore };
}
