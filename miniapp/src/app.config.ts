export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/news/index',
    'pages/membership/index',
    'pages/contact/index',
    'pages/me/index',
  ],
  // Feature folders (packages/<feature>/): member pages and staff pages are separate subpackages, so a
  // member never downloads staff code; the main package holds only the tab pages (README.md, "Packages").
  subPackages: [
    { root: 'packages/account/pages', pages: ['privacy/index', 'messages/index'] },
    // The entry a campaign's code opens (JOIN_ENTRY_PAGE in the contract).
    { root: 'packages/join/pages', pages: ['apply/index', 'mine/index', 'detail/index'] },
    { root: 'packages/join/staff', pages: ['applications/index', 'application/index', 'campaigns/index'] },
    { root: 'packages/unit/pages', pages: ['index/index', 'invite/index'] },
    {
      root: 'packages/unit/staff',
      pages: ['units/index', 'unit/index', 'unit-new/index', 'units-import/index', 'seat-limits/index'],
    },
    { root: 'packages/groups/pages', pages: ['group/index'] },
    { root: 'packages/groups/staff', pages: ['groups/index', 'group-todos/index', 'group-removals/index'] },
    { root: 'packages/directory/pages', pages: ['index/index'] },
    // One article: the page a share card and a browser link open (?id=).
    { root: 'packages/news/pages', pages: ['article/index'] },
    { root: 'packages/news/staff', pages: ['articles/index', 'article-edit/index'] },
    // A unit's contacts submit 会员风采 and 优秀案例 for their unit.
    { root: 'packages/submit/pages', pages: ['mine/index', 'new/index', 'detail/index'] },
    { root: 'packages/submit/staff', pages: ['submissions/index', 'submission/index'] },
    // The staff workbench (its path is in WeChat messages) and the audit log.
    { root: 'packages/staff/pages', pages: ['index/index', 'audit/index'] },
  ],
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
    list: [
      {
        pagePath: 'pages/index/index',
        text: '首页',
        iconPath: 'assets/tabbar/home.png',
        selectedIconPath: 'assets/tabbar/home-active.png',
      },
      {
        pagePath: 'pages/news/index',
        text: '资讯',
        iconPath: 'assets/tabbar/news.png',
        selectedIconPath: 'assets/tabbar/news-active.png',
      },
      {
        pagePath: 'pages/membership/index',
        text: '会员权益',
        iconPath: 'assets/tabbar/membership.png',
        selectedIconPath: 'assets/tabbar/membership-active.png',
      },
      {
        pagePath: 'pages/contact/index',
        text: '联系我们',
        iconPath: 'assets/tabbar/contact.png',
        selectedIconPath: 'assets/tabbar/contact-active.png',
      },
      {
        pagePath: 'pages/me/index',
        text: '我的',
        iconPath: 'assets/tabbar/me.png',
        selectedIconPath: 'assets/tabbar/me-active.png',
      },
    ],
  },
  // Injects only the components a page renders, which keeps start-up fast (a code-quality rule).
  lazyCodeLoading: 'requiredComponents',
});
