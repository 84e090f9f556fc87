import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * Refreshes when the page is shown again (back from a page that changed what this one shows),
 * not on its first show, when the data is already loading. A page in a tab stays alive, so this
 * is also how a tab catches up.
 */
export function useRefreshOnShow(refresh: (() => unknown) | null): void {
  const shownRef = useRef(false);
  useDidShow(() => {
    if (shownRef.current && refresh) void refresh();
    shownRef.current = true;
  });
}
