import { DESKTOP_LOGIN_POLL_INTERVAL_MS, type CreateDesktopLoginResponse } from '@itss/shared';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { toApiError } from '@/services/http';
import { session } from '@/services/session';
import { createDesktopLogin, getDesktopLoginState } from './api';

/**
 * Codes that expire unscanned are replaced on their own this many times; after that the page waits
 * for a click, so a tab forgotten on a desk does not ask for codes all day.
 */
export const AUTO_RENEWALS = 5;

export type DesktopLoginPhase =
  | { kind: 'creating' }
  | { kind: 'failed'; message: string }
  /** The code on screen; `scanned` once a staff phone has opened it. */
  | { kind: 'shown'; code: CreateDesktopLoginResponse; scanned: boolean }
  /** Expired after the last automatic renewal: 刷新二维码 asks for a new one. */
  | { kind: 'idle' }
  | { kind: 'signedIn' };

/**
 * The desktop's side of a scan sign-in: asks for a ticket, polls it with its poll token, shows a new
 * code when one expires, and, once a staff phone confirms, keeps the session it is handed (session
 * storage) and calls `onSignedIn`.
 */
export function useDesktopLogin(onSignedIn: () => void): { phase: DesktopLoginPhase; renew: () => void } {
  const [phase, setPhase] = useState<DesktopLoginPhase>({ kind: 'creating' });
  // Each round is one ticket; a click on 刷新 or 重试 starts a new series of automatic renewals.
  const [round, setRound] = useState({ count: 0, auto: 0 });
  const signedInRef = useRef(onSignedIn);
  useLayoutEffect(() => {
    signedInRef.current = onSignedIn;
  });
  const renew = useCallback(() => {
    setPhase({ kind: 'creating' });
    setRound(({ count }) => ({ count: count + 1, auto: 0 }));
  }, []);

  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = () => {
      if (!live) return;
      if (round.auto >= AUTO_RENEWALS) return setPhase({ kind: 'idle' });
      setPhase({ kind: 'creating' });
      setRound(({ count, auto }) => ({ count: count + 1, auto: auto + 1 }));
    };
    const poll = async (code: CreateDesktopLoginResponse): Promise<void> => {
      if (Date.parse(code.expiresAt) <= Date.now()) return expired();
      try {
        const answer = await getDesktopLoginState(code.ticket, code.pollToken);
        if (!live) return;
        if (answer.state === 'confirmed' && answer.token && answer.user) {
          session.signInWithDesktopToken(answer.token, answer.user);
          setPhase({ kind: 'signedIn' });
          signedInRef.current();
          return;
        }
        // Expired, cancelled on the phone, or confirmed without a session for us: a new code.
        if (answer.state === 'expired' || answer.state === 'confirmed') return expired();
        setPhase({ kind: 'shown', code, scanned: answer.state === 'scanned' });
      } catch {
        // A lost poll is asked again on the next tick; the countdown still runs.
      }
      if (live) timer = setTimeout(() => void poll(code), DESKTOP_LOGIN_POLL_INTERVAL_MS);
    };
    createDesktopLogin().then(
      (code) => {
        if (!live) return;
        setPhase({ kind: 'shown', code, scanned: false });
        timer = setTimeout(() => void poll(code), DESKTOP_LOGIN_POLL_INTERVAL_MS);
      },
      (error: unknown) => {
        if (live) setPhase({ kind: 'failed', message: toApiError(error).message });
      },
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [round]);

  return { phase, renew };
}

/** Whole seconds until `iso`, ticking each second; never below zero. */
export function useSecondsLeft(iso: string): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}
