import {
  APPLICATION_PAGE,
  ARREARS_STAFF_PAGE,
  ARREARS_UNIT_STAFF_PAGE,
  ARTICLE_PAGE,
  CERTIFICATE_VERIFY_PAGE,
  DESKTOP_LOGIN_PAGE,
  DUES_PAGE,
  DUES_STAFF_BILL_PAGE,
  EVENTS_PAGE,
  EVENT_PAGE,
  EVENT_EDIT_STAFF_PAGE,
  EVENT_INVOICES_STAFF_PAGE,
  EVENT_REGISTRATIONS_STAFF_PAGE,
  EVENT_SCANNER_STAFF_PAGE,
  EVENT_STATS_STAFF_PAGE,
  EVENTS_STAFF_PAGE,
  INVITE_PAGE,
  JOIN_ENTRY_PAGE,
  LEVEL_REQUESTS_STAFF_PAGE,
  MY_EVENTS_PAGE,
  MY_UNIT_PAGE,
  SUBMISSION_PAGE,
  TICKET_PAGE,
  UPGRADE_PAGE,
  WORKBENCH_PAGE,
} from '@itss/shared';
import { type Query, queryString } from '@/services/query';

/**
 * Every page of the app, declared here once: app.config.ts derives the main package, the
 * subpackages and the tab bar from this table, in its order. A page's folder is its package
 * (`pages/…` the main one, `packages/<feature>/pages/…` and `packages/<feature>/staff/…` a
 * feature's member and staff subpackages). Paths the server writes into WeChat messages, or that
 * were printed or shared, come from the contract and never change; the others may move with their
 * feature folder.
 */
export const ROUTES = {
  // The tab bar (main package); the first is the page the app opens on.
  home: 'pages/index/index',
  news: 'pages/news/index',
  membership: 'pages/membership/index',
  contact: 'pages/contact/index',
  me: 'pages/me/index',
  // account
  privacy: 'packages/account/pages/privacy/index',
  messages: 'packages/account/pages/messages/index',
  sessions: 'packages/account/pages/sessions/index',
  // The browser's 工作台 sign-in shows a code; the code opens DESKTOP_LOGIN_PAGE on the phone.
  desktopSignIn: 'packages/account/pages/desktop-sign-in/index',
  desktopLogin: DESKTOP_LOGIN_PAGE,
  // join; the entry a campaign's code opens is JOIN_ENTRY_PAGE in the contract.
  apply: JOIN_ENTRY_PAGE,
  myApplications: 'packages/join/pages/mine/index',
  application: APPLICATION_PAGE,
  reviewQueue: 'packages/join/staff/applications/index',
  review: 'packages/join/staff/application/index',
  campaigns: 'packages/join/staff/campaigns/index',
  // unit
  myUnit: MY_UNIT_PAGE,
  invite: INVITE_PAGE,
  units: 'packages/unit/staff/units/index',
  unit: 'packages/unit/staff/unit/index',
  unitNew: 'packages/unit/staff/unit-new/index',
  unitsImport: 'packages/unit/staff/units-import/index',
  seatLimits: 'packages/unit/staff/seat-limits/index',
  // groups
  groupEntry: 'packages/groups/pages/group/index',
  groups: 'packages/groups/staff/groups/index',
  groupTodos: 'packages/groups/staff/group-todos/index',
  groupRemovals: 'packages/groups/staff/group-removals/index',
  // directory
  directory: 'packages/directory/pages/index/index',
  // news: the article page is the link of share cards and of the browser's address.
  article: ARTICLE_PAGE,
  articleTag: 'packages/news/pages/tag/index',
  manageArticles: 'packages/news/staff/articles/index',
  articleEdit: 'packages/news/staff/article-edit/index',
  // submit: a unit's contacts submit 会员风采 and 优秀案例 for their unit.
  mySubmissions: 'packages/submit/pages/mine/index',
  submissionNew: 'packages/submit/pages/new/index',
  submission: SUBMISSION_PAGE,
  submissionQueue: 'packages/submit/staff/submissions/index',
  submissionReview: 'packages/submit/staff/submission/index',
  // dues: the member's page is the one reminders and receipts open.
  dues: DUES_PAGE,
  // dues: staff's pages; a bill's page is in the contract (messages and the audit log link it).
  duesOverview: 'packages/dues/staff/index/index',
  duesBills: 'packages/dues/staff/bills/index',
  duesBill: DUES_STAFF_BILL_PAGE,
  duesStatement: 'packages/dues/staff/statement/index',
  duesReceipts: 'packages/dues/staff/receipts/index',
  duesSettings: 'packages/dues/staff/settings/index',
  // standing: a unit's level changes (the decision's message opens the member's page), arrears and
  // removal; the paths are in the contract.
  upgrade: UPGRADE_PAGE,
  arrears: ARREARS_STAFF_PAGE,
  arrearsUnit: ARREARS_UNIT_STAFF_PAGE,
  levelRequests: LEVEL_REQUESTS_STAFF_PAGE,
  // certificates: the public page a certificate's QR code opens (printed: the path never changes).
  certificateVerify: CERTIFICATE_VERIFY_PAGE,
  // notices: staff send them; members read them in 消息.
  notices: 'packages/notices/staff/notices/index',
  noticeNew: 'packages/notices/staff/notice-new/index',
  // events: the member pages; their paths are in the contract (reminders and offers open them).
  events: EVENTS_PAGE,
  event: EVENT_PAGE,
  myEvents: MY_EVENTS_PAGE,
  ticket: TICKET_PAGE,
  // events: staff's pages (the paths are in the contract).
  eventsStaff: EVENTS_STAFF_PAGE,
  eventEdit: EVENT_EDIT_STAFF_PAGE,
  eventRegistrations: EVENT_REGISTRATIONS_STAFF_PAGE,
  eventScanner: EVENT_SCANNER_STAFF_PAGE,
  eventStats: EVENT_STATS_STAFF_PAGE,
  eventInvoices: EVENT_INVOICES_STAFF_PAGE,
  // staff: the workbench (its path is in WeChat messages) and the audit log.
  workbench: WORKBENCH_PAGE,
  audit: 'packages/staff/pages/audit/index',
  // In the workbench's package: the charting library then loads with the workbench and nowhere else.
  dashboard: 'packages/staff/pages/dashboard/index',
} as const;

export type Route = (typeof ROUTES)[keyof typeof ROUTES];

export type RouteKey = keyof typeof ROUTES;

/**
 * Each page's title, the one source of them: its page config (WeChat's bar) and the H5 navigation
 * bar read it here.
 */
export const PAGE_TITLES: Record<RouteKey, string> = {
  home: 'ITSS 分会',
  news: '资讯',
  membership: '会员权益',
  contact: '联系我们',
  me: '我的',
  privacy: '隐私政策',
  messages: '消息',
  sessions: '登录设备',
  desktopSignIn: '工作台登录',
  desktopLogin: '登录电脑端工作台',
  apply: '入会申请',
  myApplications: '我的申请',
  application: '申请详情',
  reviewQueue: '入会审核',
  review: '入会申请',
  campaigns: '入会推广码',
  myUnit: '我的单位',
  invite: '接受邀请',
  units: '会员单位',
  unit: '会员单位详情',
  unitNew: '新增会员单位',
  unitsImport: '批量导入会员单位',
  seatLimits: '联系人名额',
  groupEntry: '加入会员微信群',
  groups: '会员微信群',
  groupTodos: '入群待办',
  groupRemovals: '待移出群聊',
  directory: '会员名录',
  article: '资讯详情',
  articleTag: '标签',
  manageArticles: '文章管理',
  articleEdit: '编辑文章',
  mySubmissions: '我的投稿',
  submissionNew: '会员风采投稿',
  submission: '投稿详情',
  submissionQueue: '投稿审核',
  submissionReview: '审核投稿',
  dues: '会费',
  duesOverview: '会费管理',
  duesBills: '会费账单',
  duesBill: '会费账单详情',
  duesStatement: '银行流水入账',
  duesReceipts: '开票申请',
  duesSettings: '会费标准与收款账户',
  upgrade: '会员级别',
  arrears: '欠费与除名',
  arrearsUnit: '单位欠费详情',
  levelRequests: '会员级别申请',
  certificateVerify: '证书核验',
  notices: '会员通知',
  noticeNew: '发送通知',
  events: '活动报名',
  event: '活动详情',
  myEvents: '我的活动',
  ticket: '我的报名',
  eventsStaff: '活动管理',
  eventEdit: '编辑活动',
  eventRegistrations: '报名名单',
  eventScanner: '扫码签到',
  eventStats: '活动统计',
  eventInvoices: '活动发票',
  workbench: '工作台',
  audit: '操作日志',
  dashboard: '数据看板',
};

/**
 * Whether the page at `path` (with or without its leading slash or query) is a staff page: a
 * feature's staff subpackage, or the staff feature's own pages (工作台, 操作日志). On a wide screen
 * these are drawn as a console across the width; member pages keep the phone's column.
 */
export function isStaffPage(path: string): boolean {
  return /^packages\/(?:[\w-]+\/staff|staff\/pages)\//.test(path.replace(/^\//, ''));
}

const TITLE_OF_PAGE = new Map<string, string>(
  Object.entries(ROUTES).map(([key, page]) => [page, PAGE_TITLES[key as RouteKey]]),
);

/** The title of the page at `path` (with or without its leading slash or query), if it is one of ours. */
export function pageTitle(path: string): string | undefined {
  return TITLE_OF_PAGE.get(path.replace(/^\//, '').split('?')[0] ?? '');
}

/**
 * The tab bar's pages in the order app.config.ts lists them: a tab's index for setTabBarBadge and
 * friends is derived from this order, never typed elsewhere.
 */
export const TAB_PAGES = [ROUTES.home, ROUTES.news, ROUTES.membership, ROUTES.contact, ROUTES.me] as const;

export type TabPage = (typeof TAB_PAGES)[number];

export function tabIndex(page: TabPage): number {
  return TAB_PAGES.indexOf(page);
}

/** The URL navigateTo and friends take: `/path?query`, with empty values left out. */
export function routeUrl(route: Route, query?: Query): string {
  return `/${route}${queryString(query)}`;
}
