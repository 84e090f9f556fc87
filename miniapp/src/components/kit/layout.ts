import { useSyncExternalStore } from 'react';

/**
 * The layout switch by width: one app, two layouts.
 *
 * Contract:
 * - Wide means the H5 build in a viewport at least `WIDE_MIN_WIDTH` CSS px wide (a desk's screen).
 *   The mini-program is never wide, whatever the device, so its look cannot change by accident.
 * - Components ask `useWideLayout()`, which follows resizes (a window dragged narrower turns
 *   narrow at once). Use it only to change structure (a side navigation, a table instead of cards);
 *   appearance belongs in SCSS.
 * - Styles use `@include wide { … }` from `@/styles/layout`, which matches under the `WIDE_CLASS`
 *   class the H5 app keeps on <html> (`watchWideLayout`, started at launch), so CSS and the hook
 *   always agree.
 */
export const WIDE_MIN_WIDTH = 1024;
export const WIDE_CLASS = 'is-wide';

/** The viewport's width query; null where there is no viewport to ask (the mini-program). */
function wideQuery(): MediaQueryList | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined' || !window.matchMedia) return null;
  return window.matchMedia(`(min-width: ${WIDE_MIN_WIDTH}px)`);
}

/** Whether the layout is wide now (outside React: event handlers, navigation). */
export function isWideLayout(): boolean {
  return wideQuery()?.matches ?? false;
}

function subscribe(onChange: () => void): () => void {
  const query = wideQuery();
  if (!query) return () => undefined;
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Whether the layout is wide; the component renders again when the viewport crosses the width. */
export function useWideLayout(): boolean {
  return useSyncExternalStore(subscribe, isWideLayout, () => false);
}

/** Keeps `WIDE_CLASS` on <html> in step with the width (H5; nothing in the mini-program). Returns a stop. */
export function watchWideLayout(): () => void {
  const query = wideQuery();
  if (!query) return () => undefined;
  const apply = () => document.documentElement.classList.toggle(WIDE_CLASS, query.matches);
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
