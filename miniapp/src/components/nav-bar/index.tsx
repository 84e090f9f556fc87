/**
 * WeChat draws each page's bar itself: the title from the page config, back, and home on a page
 * opened directly. The browser build has its own (index.h5.tsx, picked by Taro for H5).
 */
export function NavBar() {
  return null;
}
