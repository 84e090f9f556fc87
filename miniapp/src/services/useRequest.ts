import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, toApiError } from './http';

export type RequestState<T> =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'success'; data: T };

export interface UseRequestResult<T> {
  state: RequestState<T>;
  /** Loads again; resolves once the new state is set, so pull-to-refresh can stop its spinner. */
  reload: () => Promise<void>;
}

/** Runs `load` on mount and on reload; an answer that arrives after a newer call is dropped. */
export function useRequest<T>(load: () => Promise<T>): UseRequestResult<T> {
  const [state, setState] = useState<RequestState<T>>({ status: 'loading' });
  const loadRef = useRef(load);
  loadRef.current = load;
  const callId = useRef(0);
  const mounted = useRef(true);

  const reload = useCallback(async () => {
    const id = ++callId.current;
    setState({ status: 'loading' });
    try {
      const data = await loadRef.current();
      if (mounted.current && id === callId.current) setState({ status: 'success', data });
    } catch (error) {
      if (mounted.current && id === callId.current) setState({ status: 'error', error: toApiError(error) });
    }
  }, []);

  useEffect(() => {
    mounted.current = true;
    void reload();
    return () => {
      mounted.current = false;
    };
  }, [reload]);

  return { state, reload };
}
