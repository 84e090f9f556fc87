import Taro from '@tarojs/taro';
import { useState } from 'react';
import { toApiError } from '@/services/http';
import { showModal } from '@/services/modal';

export interface ActionConfirm {
  title: string;
  content: string;
  confirmText?: string;
  /** When 取消 would read as the action itself (取消报名: 不取消). */
  cancelText?: string;
  confirmColor?: string;
}

/**
 * A change a person confirms first (设为主联系人, 同意, 归档): `run` asks, then calls with `busy`
 * set, says `done` in a toast, or 操作未完成 with the server's reason; the data is loaded again
 * either way, since a refusal usually means it moved on.
 */
export function useConfirmedAction(reload: () => Promise<unknown>): {
  busy: boolean;
  /** `confirm` null: a change the person already chose, with nothing to ask. */
  run: (confirm: ActionConfirm | null, call: () => Promise<unknown>, done: string) => Promise<void>;
} {
  const [busy, setBusy] = useState(false);
  const run = async (confirm: ActionConfirm | null, call: () => Promise<unknown>, done: string) => {
    if (confirm) {
      const answer = await showModal({ confirmText: '确定', ...confirm });
      if (!answer.confirm) return;
    }
    setBusy(true);
    try {
      await call();
      await Taro.showToast({ title: done, icon: 'success' });
    } catch (thrown) {
      await showModal({ title: '操作未完成', content: toApiError(thrown).message, showCancel: false });
    } finally {
      setBusy(false);
      await reload();
    }
  };
  return { busy, run };
}
