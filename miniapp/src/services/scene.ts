import Taro from '@tarojs/taro';
import { DESKTOP_LOGIN_PAGE } from '@itss/shared';
import { request } from './http';

const SCENE_KEY = 'itss.join.scene';
/** The longest scene an application carries (campaignScene in the contract). */
const SCENE_MAX_LENGTH = 64;

/**
 * The campaign scene of a launch query. WeChat passes a code's `scene` URL-encoded; its documented
 * rule is to decode it once with decodeURIComponent. Anything unusable is no scene at all.
 */
export function sceneFromQuery(query: Record<string, unknown> | undefined): string | null {
  const raw = query?.scene;
  if (typeof raw !== 'string' || !raw) return null;
  let scene: string;
  try {
    scene = decodeURIComponent(raw).trim();
  } catch {
    return null;
  }
  return scene && scene.length <= SCENE_MAX_LENGTH ? scene : null;
}

/** `?scene=…` of a browser address (H5), decoded by the same rule as WeChat's launch query. */
export function sceneFromSearch(search: string): string | null {
  const match = /[?&]scene=([^&#]*)/.exec(search);
  return match ? sceneFromQuery({ scene: match[1] }) : null;
}

export function storedScene(): string | null {
  try {
    const value: unknown = Taro.getStorageSync(SCENE_KEY);
    return typeof value === 'string' && value ? value : null;
  } catch {
    return null;
  }
}

const reported = new Set<string>();

/**
 * Remembers the scene for the application and reports the scan once per launch. Fire and forget:
 * a scan that cannot be recorded is never the person's problem.
 */
export function captureScene(scene: string | null): void {
  if (!scene) return;
  try {
    Taro.setStorageSync(SCENE_KEY, scene);
  } catch {
    // Storage full: the application goes without its campaign.
  }
  if (reported.has(scene)) return;
  reported.add(scene);
  request({ path: '/api/campaigns/scans', method: 'POST', data: { scene }, auth: false }).catch(() => {
    reported.delete(scene);
  });
}

/** Tests only: a fresh launch. */
export function resetScenes(): void {
  reported.clear();
  browserEntryPending = false;
}

let browserEntryPending = false;

/**
 * The scene of this launch: WeChat's launch query, or in the browser the address's `?scene=`, so
 * `/?scene=<campaign>` works like scanning the code. Recorded and remembered at once.
 */
export function captureLaunchScene(query: Record<string, unknown> | undefined, path?: string): void {
  // A desktop sign-in code's scene is a one-time ticket, not a campaign: never recorded as a scan.
  if (path?.replace(/^\//, '') === DESKTOP_LOGIN_PAGE) return;
  const scene =
    process.env.TARO_ENV === 'h5' ? sceneFromSearch(window.location.search) : sceneFromQuery(query);
  captureScene(scene);
  // WeChat opens the code's page itself; the browser starts on the home page and is sent on once.
  browserEntryPending = process.env.TARO_ENV === 'h5' && scene !== null;
}

/** True once after a browser launch with a scene: the home page then opens the application form. */
export function takeBrowserEntry(): boolean {
  const pending = browserEntryPending;
  browserEntryPending = false;
  return pending;
}
