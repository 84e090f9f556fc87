import { useEffect } from 'react';
// Relative, so that the H5 build resolves the browser's own leave-guard.h5.ts.
import { guardLeaving } from '../../services/leave-guard';

export const UNSAVED_MESSAGE = '草稿还未保存，离开后刚填写的内容会丢失。';

/** While `active`, leaving the page (back, reload, closing) asks first. */
export function useLeaveGuard(active: boolean, message = UNSAVED_MESSAGE): void {
  useEffect(() => (active ? guardLeaving(message) : undefined), [active, message]);
}
