import { history } from '@tarojs/router';
import { Action, type Transition } from 'history';
import { showModal } from './modal';

/**
 * The browser asks before a reload or closing the tab (history's block adds the `beforeunload`
 * prompt), and the app asks before going back. The app's own moves forward (a redirect after
 * submitting) are not questioned: the page that makes them has decided to leave.
 */
export function guardLeaving(message: string): () => void {
  let unblock: (() => void) | null = null;
  const release = () => {
    unblock?.();
    unblock = null;
  };
  const proceed = (tx: Transition) => {
    release();
    tx.retry();
  };
  unblock = history.block((tx) => {
    if (tx.action !== Action.Pop) {
      proceed(tx);
      return;
    }
    void showModal({
      title: '离开此页？',
      content: message,
      confirmText: '离开',
      cancelText: '继续编辑',
    }).then(({ confirm }) => {
      if (confirm) proceed(tx);
    });
  });
  return release;
}
