import { useCallback, useEffect, useRef, useState } from 'react';
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

/** Runs `load` on mount and on demand; an answer that arrives after a newer call is dropped. */
export function useRequest<T>(load: () => Promise<T>): UseRequestResult<T> {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const callId = useRef(0);
  const mounted = useRef(true);

  const run = useCallback(async (quiet: boolean): Promise<ApiError | null> => {
    const id = ++callId.current;
    const current = () => mounted.current && id === callId.current;
    if (!quiet) setState({ status: 'loading' });
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
    await run(false);
  }, [run]);
  const refresh = useCallback(() => run(true), [run]);

  useEffect(() => {
    mounted.current = true;
    void run(false);
    return () => {
      mounted.current = false;
    };
  }, [run]);

  return { state, reload, refresh };
}
