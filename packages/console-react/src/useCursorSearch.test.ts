import { act, renderHook, waitFor } from '@testing-library/react';
import { CursorPage, useCursorSearch } from './useCursorSearch';

type Query = { q?: string; cursor?: string };

/** An API call whose answers the test releases one by one. */
function pagedApi() {
  const calls: Array<{
    query: Query;
    answer(page: CursorPage<string>): void;
    fail(error: Error): void;
  }> = [];
  const listPage = (query: Query) =>
    new Promise<CursorPage<string>>((answer, fail) =>
      calls.push({ query, answer, fail }),
    );
  return { calls, listPage };
}

describe('useCursorSearch', () => {
  it('loads the first page, appends the next by cursor, and starts over on a new query', async () => {
    const api = pagedApi();
    const { result, rerender } = renderHook(
      ({ query }) => useCursorSearch(query, api.listPage),
      { initialProps: { query: { q: 'a' } as Query } },
    );
    expect(result.current.loading).toBe(true);
    await act(async () =>
      api.calls[0].answer({ items: ['a1'], totalItems: 2, nextCursor: 'c2' }),
    );
    expect(result.current).toMatchObject({
      items: ['a1'],
      totalItems: 2,
      nextCursor: 'c2',
      loading: false,
    });

    act(() => result.current.loadMore());
    expect(result.current.loadingMore).toBe(true);
    expect(api.calls[1].query).toEqual({ q: 'a', cursor: 'c2' });
    await act(async () =>
      api.calls[1].answer({ items: ['a2'], totalItems: 2 }),
    );
    expect(result.current.items).toEqual(['a1', 'a2']);
    expect(result.current.nextCursor).toBeUndefined();

    rerender({ query: { q: 'b' } });
    await waitFor(() => expect(api.calls).toHaveLength(3));
    expect(api.calls[2].query).toEqual({ q: 'b' });
    expect(result.current).toMatchObject({ items: [], loading: true });
  });

  it('drops the answer to a query that is no longer current', async () => {
    const api = pagedApi();
    const { result, rerender } = renderHook(
      ({ query }) => useCursorSearch(query, api.listPage),
      { initialProps: { query: { q: 'old' } as Query } },
    );
    rerender({ query: { q: 'new' } });
    await waitFor(() => expect(api.calls).toHaveLength(2));
    await act(async () => api.calls[1].answer({ items: ['new'] }));
    await act(async () => api.calls[0].answer({ items: ['old'] }));
    expect(result.current.items).toEqual(['new']);
  });

  it('keeps what it has when a further page fails, and reports the error', async () => {
    const api = pagedApi();
    const { result } = renderHook(() =>
      useCursorSearch({ q: 'a' } as Query, api.listPage),
    );
    await act(async () =>
      api.calls[0].answer({ items: ['a1'], nextCursor: 'c2' }),
    );
    act(() => result.current.loadMore());
    await act(async () => api.calls[1].fail(new Error('boom')));
    expect(result.current).toMatchObject({
      items: ['a1'],
      loadingMore: false,
      error: { message: 'boom' },
    });
  });
});
