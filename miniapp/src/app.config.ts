import { ROUTES, TAB_PAGES, type TabPage } from './routes';

/**
 * The subpackage that loads a page, from its folder: null for the main package (`pages/…`, the
 * tabs), `packages/<feature>/pages` for a feature's member pages, `packages/<feature>/staff` for its
 * staff pages. Any other folder is refused, so no page can slip into a package by accident.
 */
function packageRoot(page: string): string | null {
  if (/^pages\/[\w-]+\/[\w-]+$/.test(page)) return null;
  const root = /^packages\/[\w-]+\/(pages|staff)(?=\/[\w-]+\/[\w-]+$)/.exec(page);
  if (!root) throw new Error(`${page}: a page lives in pages/ or packages/<feature>/{pages,staff}/`);
  return root[0];
}

// Every page is declared once, in routes.ts; its folder says which package loads it. Feature folders
// (packages/<feature>/): member pages and staff pages are separate subpackages, so a member never
// downloads staff code; the main package holds only the tab pages (README.md, "Feature folders").
const subPackages = new Map<string, string[]>();
const mainPages: string[] = [];
for (const page of Object.values(ROUTES)) {
  const root = packageRoot(page);
  if (root === null) mainPages.push(page);
  else subPackages.set(root, [...(subPackages.get(root) ?? []), page.slice(root.length + 1)]);
}

// Each tab's label and icon (assets/tabbar/<icon>.png, <icon>-active.png when selected); the tabs'
// order is TAB_PAGES's, from which the pages derive a tab's index.
const TABS: Record<TabPage, { text: string; icon: string }> = {
  [ROUTES.home]: { text: '首页', icon: 'home' },
  [ROUTES.news]: { text: '资讯', icon: 'news' },
  [ROUTES.membership]: { text: '会员权益', icon: 'membership' },
  [ROUTES.contact]: { text: '联系我们', icon: 'contact' },
  [ROUTES.me]: { text: '我的', icon: 'me' },
};

export default defineAppConfig({
  pages: mainPages,
  subPackages: [...subPackages].map(([root, pages]) => ({ root, pages })),
  window: {
    navigationBarBackgroundColor: '#1f5fbf',
    navigationBarTextStyle: 'white',
    navigationBarTitleText: 'ITSS 分会',
    backgroundColor: '#f3f6fb',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#8a94a6',
    selectedColor: '#1f5fbf',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: TAB_PAGES.map((page) => ({
      pagePath: page,
      text: TABS[page].text,
      iconPath: `assets/tabbar/${TABS[page].icon}.png`,
      selectedIconPath: `assets/tabbar/${TABS[page].icon}-active.png`,
    })),
  },
  // Injects only the components a page renders, which keeps start-up fast (a code-quality rule).
  lazyCodeLoading: 'requiredComponents',
});
