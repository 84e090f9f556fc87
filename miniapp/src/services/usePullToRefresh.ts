import Taro, { usePullDownRefresh } from '@tarojs/taro';

/** Reloads on the native pull-down gesture and stops the spinner once the new state is in. */
export function usePullToRefresh(reload: () => Promise<void>): void {
  usePullDownRefresh(() => {
    void reload().then(() => Taro.stopPullDownRefresh());
  });
}
