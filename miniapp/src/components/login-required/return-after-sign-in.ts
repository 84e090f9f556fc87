import Taro from '@tarojs/taro';
import { queryString } from '@/services/query';

/** Added by Taro to a page's params; not part of the address the person opened. */
const TARO_PARAMS = new Set(['stamp', '$taroTimestamp']);

let pending: string | null = null;

/** The address of the page on screen, to come back to: its path and its own query. */
function currentAddress(): string | null {
  const router = Taro.getCurrentInstance().router;
  const path = router?.path.split('?')[0];
  if (!path) return null;
  const query = Object.fromEntries(
    Object.entries(router?.params ?? {}).filter(([key]) => !TARO_PARAMS.has(key)),
  );
  return `/${path.replace(/^\//, '')}${queryString(query)}`;
}

/** 去登录 was tapped: the page on screen is where the person goes once signed in on 我的. */
export function returnHereAfterSignIn(): void {
  pending = currentAddress();
}

/** Sign-in on 我的 was given up (the person went elsewhere): nothing to return to any more. */
export function forgetReturn(): void {
  pending = null;
}

/** Once signed in on 我的: back to the page that sent the person there, if one did. */
export function returnAfterSignIn(): void {
  const url = pending;
  pending = null;
  if (url) void Taro.navigateTo({ url });
}
