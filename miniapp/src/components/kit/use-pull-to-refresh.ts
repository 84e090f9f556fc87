import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { ApiError } from '@/services/http';

/**
 * Refreshes on the native pull-down gesture, stops the spinner once the answer is in, and reports a
 * failure in a toast, since the data already on screen stays.
 */
export function usePullToRefresh(refresh: () => Promise<ApiError | null>): void {
  usePullDownRefresh(() => {
    void refresh().then(async (error) => {
      Taro.stopPullDownRefresh();
      if (error) await Taro.showToast({ title: error.message, icon: 'none' });
    });
  });
}
