import { useDidHide, useDidShow } from '@tarojs/taro';
import { useLayoutEffect, useRef } from 'react';

/**
 * Refreshes when the page is shown again after it was hidden while this component was mounted (back
 * from a unit removed or a request decided). Unlike the kit's refresh-on-show it does not count the
 * first show: a list mounted later (a filter changed, the console mounted again at a new width) still
 * refreshes on its first return.
 */
export function useRefreshOnReturn(refresh: () => unknown): void {
  const refreshRef = useRef(refresh);
  useLayoutEffect(() => {
    refreshRef.current = refresh;
  });
  const hiddenRef = useRef(false);
  useDidHide(() => {
    hiddenRef.current = true;
  });
  useDidShow(() => {
    if (!hiddenRef.current) return;
    hiddenRef.current = false;
    void refreshRef.current();
  });
}
