import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { toApiError, type ApiError } from '@/services/http';
import { useLoadOnMount, type RequestState } from '@/services/useRequest';

/** A keyset-paged list as far as it has been loaded. */
export interface KeysetList<Item> {
  /** Every item loaded so far, in the server's order, first page first. */
  items: Item[];
  /** The server returned a cursor: there is a next page. False is the end of the list. */
  hasMore: boolean;
  /** A next page is on its way. */
  loadingMore: boolean;
  /** Why the last next page failed; the items stay. Cleared when the next page is asked for again. */
  moreError: ApiError | null;
}

export interface UseKeysetListResult<Item> {
  /** The first page decides: loading, error (nothing to show) or the list. */
  state: RequestState<KeysetList<Item>>;
  /**
   * Loads the page after the last one with the cursor the server returned. A call while a page is
   * on its way shares that page's promise instead of asking twice; at the end it does nothing.
   */
  loadMore: () => Promise<ApiError | null>;
  /** Loads the first page again from scratch, showing the loading state (the 重试 button). */
  reload: () => Promise<void>;
  /**
   * Loads the first page again while the list stays on screen (pull-to-refresh); on success the
   * list starts over from that page, a failure keeps it and is returned.
   */
  refresh: () => Promise<ApiError | null>;
}

/**
 * One list paged by the contract's keyset cursor (`?cursor=…`). `load` gets null for the first
 * page and after that what `cursorOf` found in the previous page (`page => page.nextCursor`), until
 * that is null or undefined. Both functions may be new closures on every render.
 */
export function useKeysetList<Page extends { items: readonly unknown[] }, Cursor>(
  load: (cursor: Cursor | null) => Promise<Page>,
  cursorOf: (page: Page) => Cursor | null | undefined,
): UseKeysetListResult<Page['items'][number]> {
  type Item = Page['items'][number];
  const [state, setState] = useState<RequestState<KeysetList<Item>>>({ status: 'loading' });
  const loadRef = useRef(load);
  const cursorOfRef = useRef(cursorOf);
  useLayoutEffect(() => {
    loadRef.current = load;
    cursorOfRef.current = cursorOf;
  });
  const mountedRef = useRef(true);
  /** Counts first-page loads: only the latest one's answer is used. */
  const firstCallRef = useRef(0);
  /** Changes whenever the list is replaced or cleared: a next page of an older list is dropped. */
  const listVersionRef = useRef(0);
  /** The cursor for the next page; null before the first page, at the end, and while reloading. */
  const cursorRef = useRef<Cursor | null>(null);
  /** The next page on its way, shared by every loadMore until it settles. */
  const moreRef = useRef<Promise<ApiError | null> | null>(null);

  /** Loads the first page; setState only after the await, never in the caller's turn. */
  const fetchFirst = useCallback(async (quiet: boolean): Promise<ApiError | null> => {
    const id = ++firstCallRef.current;
    const current = () => mountedRef.current && id === firstCallRef.current;
    try {
      const page = await loadRef.current(null);
      if (current()) {
        listVersionRef.current += 1;
        moreRef.current = null;
        cursorRef.current = cursorOfRef.current(page) ?? null;
        const hasMore = cursorRef.current !== null;
        setState({
          status: 'success',
          data: { items: [...page.items], hasMore, loadingMore: false, moreError: null },
        });
      }
      return null;
    } catch (thrown) {
      const error = toApiError(thrown);
      if (current())
        setState((previous) =>
          quiet && previous.status === 'success' ? previous : { status: 'error', error },
        );
      return error;
    }
  }, []);

  const fetchMore = useCallback(async (cursor: Cursor): Promise<ApiError | null> => {
    const version = listVersionRef.current;
    const current = () => mountedRef.current && version === listVersionRef.current;
    const patch = (change: (list: KeysetList<Item>) => KeysetList<Item>) =>
      setState((previous) =>
        previous.status === 'success' ? { status: 'success', data: change(previous.data) } : previous,
      );
    try {
      const page = await loadRef.current(cursor);
      if (current()) {
        cursorRef.current = cursorOfRef.current(page) ?? null;
        const hasMore = cursorRef.current !== null;
        patch((list) => ({
          items: [...list.items, ...page.items],
          hasMore,
          loadingMore: false,
          moreError: null,
        }));
      }
      return null;
    } catch (thrown) {
      const error = toApiError(thrown);
      if (current()) patch((list) => ({ ...list, loadingMore: false, moreError: error }));
      return error;
    }
  }, []);

  const loadMore = useCallback((): Promise<ApiError | null> => {
    if (moreRef.current) return moreRef.current;
    const cursor = cursorRef.current;
    if (cursor === null) return Promise.resolve(null);
    setState((previous) =>
      previous.status === 'success'
        ? { status: 'success', data: { ...previous.data, loadingMore: true, moreError: null } }
        : previous,
    );
    const promise: Promise<ApiError | null> = fetchMore(cursor).finally(() => {
      if (moreRef.current === promise) moreRef.current = null;
    });
    moreRef.current = promise;
    return promise;
  }, [fetchMore]);

  const reload = useCallback(async () => {
    listVersionRef.current += 1;
    cursorRef.current = null;
    moreRef.current = null;
    setState({ status: 'loading' });
    await fetchFirst(false);
  }, [fetchFirst]);
  const refresh = useCallback(() => fetchFirst(true), [fetchFirst]);

  useLoadOnMount(mountedRef, fetchFirst);

  return { state, loadMore, reload, refresh };
}
