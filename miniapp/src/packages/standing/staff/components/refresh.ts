import { useEffect, useRef, type MutableRefObject } from 'react';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';

/** The refresh of the list on screen, which the page calls when it is shown again. */
export type ListRefresher = MutableRefObject<(() => unknown) | null>;

/**
 * Refresh-on-show kept by the page for a list keyed by its filters: a list mounted after the page's
 * first show (a filter changed) would take the page's next show for its first and miss the refresh.
 */
export function usePageRefresher(): ListRefresher {
  const refresherRef = useRef<(() => unknown) | null>(null);
  useRefreshOnShow(() => refresherRef.current?.());
  return refresherRef;
}

/** The list hands its refresh to the page's refresherRef while it is mounted. */
export function useRefresherOf(refresherRef: ListRefresher, refresh: () => unknown): void {
  useEffect(() => {
    refresherRef.current = refresh;
    return () => {
      if (refresherRef.current === refresh) refresherRef.current = null;
    };
  }, [refresherRef, refresh]);
}
