/**
 * The tab bar's pages in the order app.config.ts lists them (routes.spec.ts checks both agree): a
 * tab's index for setTabBarBadge and friends is derived from this order, never typed elsewhere.
 */
export const TAB_PAGES = [
  'pages/index/index',
  'pages/news/index',
  'pages/membership/index',
  'pages/contact/index',
  'pages/me/index',
] as const;

export type TabPage = (typeof TAB_PAGES)[number];

export function tabIndex(page: TabPage): number {
  return TAB_PAGES.indexOf(page);
}
