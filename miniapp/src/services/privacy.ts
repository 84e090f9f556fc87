import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

type Resolve = Parameters<Taro.onNeedPrivacyAuthorization.Listener>[0];

/** WeChat's pending privacy question: set when a privacy API waits for consent, cleared on an answer. */
let pending: Resolve | null = null;
const listeners = new Set<() => void>();

function setPending(next: Resolve | null): void {
  pending = next;
  for (const listener of listeners) listener();
}

/** weapp only (app.tsx): WeChat asks before the first privacy API call (e.g. getPhoneNumber). */
export function listenForPrivacyQuestions(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    resolve({ event: 'exposureAuthorization' });
    setPending(resolve);
  });
}

export const AGREE_BUTTON_ID = 'agree-btn';

export function answerPrivacy(agree: boolean): void {
  pending?.(agree ? { buttonId: AGREE_BUTTON_ID, event: 'agree' } : { event: 'disagree' });
  setPending(null);
}

export function usePrivacyQuestion(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending !== null,
    () => false,
  );
}

/** Tests only. */
export function askPrivacyForTests(resolve: Resolve): void {
  setPending(resolve);
}
