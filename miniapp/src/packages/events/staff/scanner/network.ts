import Taro from '@tarojs/taro';

/**
 * Calls `onOnline` whenever the network comes back: WeChat's status events, and in a browser the
 * window's `online` event too (Taro's H5 status events rely on navigator.connection, which Safari
 * and Firefox lack). Returns the unsubscribe.
 */
export function watchNetwork(onOnline: () => void): () => void {
  const listener = (status: { isConnected: boolean }) => {
    if (status.isConnected) onOnline();
  };
  Taro.onNetworkStatusChange(listener);
  const browser = process.env.TARO_ENV === 'h5' && typeof window !== 'undefined';
  if (browser) window.addEventListener('online', onOnline);
  return () => {
    Taro.offNetworkStatusChange(listener);
    if (browser) window.removeEventListener('online', onOnline);
  };
}
