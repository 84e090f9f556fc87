import { useDidHide } from '@tarojs/taro';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export type DraftSaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

/** What a form says about its draft; `idle` is each form's own invitation. */
export const DRAFT_STATUS_TEXT: Record<Exclude<DraftSaveStatus, 'idle'>, string> = {
  saving: '正在保存草稿…',
  saved: '草稿已保存',
  failed: '草稿暂未保存，继续填写时会再次尝试',
};

const AUTOSAVE_DELAY_MS = 800;

/**
 * Saves a form's draft on the server a moment after the person stops typing, and at once when the
 * page is hidden or closed. `unsaved` holds while something typed is not yet stored (waiting,
 * in flight or refused): the time to ask before leaving.
 */
export function useDraftAutosave<Draft>(save: (draft: Draft) => Promise<unknown>) {
  const [status, setStatus] = useState<DraftSaveStatus>('idle');
  const [unsaved, setUnsaved] = useState(false);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingRef = useRef<Draft | null>(null);
  // The latest `save`, so the callbacks below stay stable while the page passes a new closure.
  const saveRef = useRef(save);
  useLayoutEffect(() => {
    saveRef.current = save;
  });

  const stopTimer = useCallback(() => {
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = null;
  }, []);
  /** Nothing more is saved (the form has been submitted): nothing is left unsaved either. */
  const cancel = useCallback(() => {
    stopTimer();
    pendingRef.current = null;
    setUnsaved(false);
  }, [stopTimer]);
  const flush = useCallback(() => {
    const draft = pendingRef.current;
    stopTimer();
    pendingRef.current = null;
    if (draft === null) return;
    setStatus('saving');
    saveRef.current(draft).then(
      () => {
        setStatus('saved');
        if (pendingRef.current === null) setUnsaved(false);
      },
      () => setStatus('failed'),
    );
  }, [stopTimer]);
  const schedule = useCallback(
    (draft: Draft) => {
      stopTimer();
      pendingRef.current = draft;
      setUnsaved(true);
      timerRef.current = setTimeout(flush, AUTOSAVE_DELAY_MS);
    },
    [flush, stopTimer],
  );
  useDidHide(flush);
  useEffect(() => flush, [flush]);
  return { status, unsaved, schedule, cancel, flush };
}
