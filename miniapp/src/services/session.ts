import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';
import { AuthError, ErrorCode, loginResponseSchema, meSchema, type Me } from '@itss/shared';
import { ApiError, request, setAuthHooks, toApiError } from './http';
import { getStandinLoginCode } from './standin';

const TOKEN_KEY = 'itss.session.token';
/**
 * H5 only: a 工作台 session handed to this browser by a scan. It lives in the tab's session storage,
 * never in local storage or a cookie: closing the tab forgets it, and no request carries it unasked.
 */
const DESKTOP_TOKEN_KEY = 'itss.desktop.token';
/** H5 only: the demo persona picked on 我的, so a reload logs the same person in again. */
const PERSONA_KEY = 'itss.demo.persona';

export type SessionState =
  { status: 'loading' } | { status: 'signedOut'; error?: ApiError } | { status: 'signedIn'; me: Me };

export const isH5 = (): boolean => process.env.TARO_ENV === 'h5';

function readStorage(key: string): string | null {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

function writeStorage(key: string, value: string | null): void {
  try {
    if (value) Taro.setStorageSync(key, value);
    else Taro.removeStorageSync(key);
  } catch {
    // Storage full or unavailable: the session lasts until the app closes.
  }
}

function readDesktopToken(): string | null {
  if (!isH5()) return null;
  try {
    return window.sessionStorage.getItem(DESKTOP_TOKEN_KEY) || null;
  } catch {
    return null;
  }
}

function writeDesktopToken(value: string | null): void {
  if (!isH5()) return;
  try {
    if (value) window.sessionStorage.setItem(DESKTOP_TOKEN_KEY, value);
    else window.sessionStorage.removeItem(DESKTOP_TOKEN_KEY);
  } catch {
    // Session storage disabled: the sign-in lasts until the page reloads.
  }
}

export const storedPersona = (): string | null => readStorage(PERSONA_KEY);

/** The wx.login code, or in H5 the stand-in's code for the stored persona; null when none can be had. */
async function loginCode(): Promise<string | null> {
  if (isH5()) {
    const persona = storedPersona();
    return persona ? getStandinLoginCode(persona) : null;
  }
  const { code } = await Taro.login();
  return code || null;
}

class SessionStore {
  private state: SessionState = { status: 'loading' };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.state;

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  /** Resolves once the launch's login (or a sign-in under way) has settled, with who it left signed in. */
  settled(): Promise<SessionState> {
    if (this.state.status !== 'loading') return Promise.resolve(this.state);
    return new Promise((resolve) => {
      const unsubscribe = this.subscribe(() => {
        if (this.state.status === 'loading') return;
        unsubscribe();
        resolve(this.state);
      });
    });
  }

  token(): string | null {
    return readDesktopToken() ?? readStorage(TOKEN_KEY);
  }

  /** A scan confirmed on a staff phone: this browser's own 工作台 session, in session storage. */
  signInWithDesktopToken(token: string, me: Me): void {
    writeStorage(TOKEN_KEY, null);
    writeDesktopToken(token);
    this.set({ status: 'signedIn', me });
  }

  /** On launch: keep a stored token if the server still takes it, else log in silently when possible. */
  async start(): Promise<void> {
    this.set({ status: 'loading' });
    try {
      if (this.token()) {
        // A refused token is renewed once by http.ts (renew below); after that we are signed out.
        this.set({ status: 'signedIn', me: await request({ path: '/api/me', schema: meSchema }) });
        return;
      }
      if (!(await this.login())) this.set({ status: 'signedOut' });
    } catch (error) {
      const failure = toApiError(error);
      // A token refused even after one fresh login simply means signed out, not a fault to show.
      const refused = failure.code === ErrorCode.Unauthenticated || failure.code === AuthError.SessionExpired;
      this.set(refused ? { status: 'signedOut' } : { status: 'signedOut', error: failure });
    }
  }

  /**
   * Exchanges a login code for a token. Resolves false when there is no code to be had (H5 without
   * a demo persona); rejects with the server's error otherwise.
   */
  async login(): Promise<boolean> {
    const code = await loginCode();
    if (!code) return false;
    const answer = await request({
      path: '/api/auth/wechat',
      method: 'POST',
      data: { code },
      schema: loginResponseSchema,
      auth: false,
    });
    writeStorage(TOKEN_KEY, answer.token);
    writeDesktopToken(null);
    this.set({ status: 'signedIn', me: answer.user });
    return true;
  }

  /** The 微信登录 button / a persona pick: shows loading, then the person or the reason it failed. */
  async signIn(persona?: string): Promise<void> {
    if (persona) writeStorage(PERSONA_KEY, persona);
    this.set({ status: 'loading' });
    try {
      if (!(await this.login())) this.set({ status: 'signedOut' });
    } catch (error) {
      writeStorage(TOKEN_KEY, null);
      this.set({ status: 'signedOut', error: toApiError(error) });
    }
  }

  /** Called by http.ts on a refused token: one fresh login, or signed out. */
  readonly renew = async (): Promise<boolean> => {
    writeStorage(TOKEN_KEY, null);
    // A refused desktop session (revoked on the phone, or idle too long) is gone for good.
    writeDesktopToken(null);
    try {
      if (await this.login()) return true;
    } catch {
      // Reported below as signed out; the failed call shows its own error.
    }
    this.set({ status: 'signedOut' });
    return false;
  };

  /** Sends the code of a getPhoneNumber button (or the stand-in's) and shows the updated person. */
  async bindPhone(code: string): Promise<void> {
    const me = await request({ path: '/api/me/phone', method: 'POST', data: { code }, schema: meSchema });
    this.set({ status: 'signedIn', me });
  }

  async refresh(): Promise<void> {
    const me = await request({ path: '/api/me', schema: meSchema });
    this.set({ status: 'signedIn', me });
  }

  /** Ends the session on the server when it can; the device forgets it either way. */
  async logout(): Promise<void> {
    try {
      await request({ path: '/api/auth/logout', method: 'POST' });
    } catch {
      // Already expired or offline: forgetting the token locally is what the person asked for.
    }
    writeStorage(TOKEN_KEY, null);
    writeDesktopToken(null);
    writeStorage(PERSONA_KEY, null);
    this.set({ status: 'signedOut' });
  }

  /** Tests only: back to the launch state, or straight to the one given. */
  reset(state: SessionState = { status: 'loading' }): void {
    this.state = state;
  }
}

export const session = new SessionStore();
setAuthHooks({ token: () => session.token(), renew: session.renew });

export function useSession(): SessionState {
  return useSyncExternalStore(session.subscribe, session.getState, session.getState);
}

/**
 * Who is asking, as a key: 'loading', 'signedOut' or the person's id. Content that depends on the
 * reader (a locked article) is loaded again when it changes.
 */
export function useViewerKey(): string {
  const state = useSession();
  return state.status === 'signedIn' ? `user-${state.me.id}` : state.status;
}
