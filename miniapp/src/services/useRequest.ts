import { useCallback, useEffect, useLayoutEffect, useRef, useState, type MutableRefObject } from 'react';
import { ApiError, toApiError } from './http';

export type RequestState<T> =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; data: T };

export interface UseRequestResult<T> {
  state: RequestState<T>;
  /** Loads again from scratch, showing the loading state (the 重试 button). */
  reload: () => Promise<void>;
  /**
   * Loads again while the current data stays on screen (pull-to-refresh); a failure keeps that
   * data and is returned so the caller can say so briefly.
   */
  refresh: () => Promise<ApiError | null>;
}

/**
 * Loads once mounted, and keeps `mountedRef` telling whether the component still is, so that an
 * answer arriving later is dropped. The state starts as loading: the first load needs no setState.
 */
export function useLoadOnMount(
  mountedRef: MutableRefObject<boolean>,
  load: (quiet: boolean) => Promise<unknown>,
): void {
  useEffect(() => {
    mountedRef.current = true;
    void load(false);
    return () => {
      mountedRef.current = false;
    };
  }, [mountedRef, load]);
}

/** Runs `load` on mount and on demand; an answer that arrives after a newer call is dropped. */
export function useRequest<T>(load: () => Promise<T>): UseRequestResult<T> {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  // The latest `load`, so the callbacks below stay stable while the page passes a new closure.
  const loadRef = useRef(load);
  useLayoutEffect(() => {
    loadRef.current = load;
  });
  const callIdRef = useRef(0);
  const mountedRef = useRef(true);

  /** Loads and stores the answer; setState only after the await, never in the caller's turn. */
  const fetchData = useCallback(async (quiet: boolean): Promise<ApiError | null> => {
    const id = ++callIdRef.current;
    const current = () => mountedRef.current && id === callIdRef.current;
    try {
      const data = await loadRef.current();
      if (current()) setState({ status: 'success', data });
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

  const reload = useCallback(async () => {
    setState({ status: 'loading' });
    await fetchData(false);
  }, [fetchData]);
  const refresh = useCallback(() => fetchData(true), [fetchData]);

  useLoadOnMount(mountedRef, fetchData);

  return { state, reload, refresh };
}
