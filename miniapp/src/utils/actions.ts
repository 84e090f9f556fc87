import Taro from '@tarojs/taro';
import { ROUTES, TAB_PAGES, type Route, type TabPage, routeUrl } from '@/routes';
import type { Query } from '@/services/query';

export function openTab(page: TabPage): void {
  void Taro.switchTab({ url: routeUrl(page) });
}

const isTab = (route: Route): route is TabPage => (TAB_PAGES as readonly Route[]).includes(route);

/** Opens a page of the route table: a tab by switching to it, any other page over the current one. */
export function openPage(route: Route, query?: Query): void {
  if (isTab(route)) openTab(route);
  else void Taro.navigateTo({ url: routeUrl(route, query) });
}

export async function copyText(text: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text });
    await Taro.showToast({ title: '已复制', icon: 'success' });
  } catch {
    await Taro.showToast({ title: '复制失败，请长按文字手动复制', icon: 'none' });
  }
}

export async function callPhone(phone: string): Promise<void> {
  try {
    await Taro.makePhoneCall({ phoneNumber: phone.replace(/[^\d+]/g, '') });
  } catch {
    // The person closed the dialog or the device cannot call: nothing to report.
  }
}

export function openPrivacyPolicy(): void {
  void Taro.navigateTo({ url: routeUrl(ROUTES.privacy) });
}

/** The application form (packages/join), the page a campaign's code opens too. */
export function openApplication(): void {
  void Taro.navigateTo({ url: routeUrl(ROUTES.apply) });
}

/** 会员名录: the public list of member units, where a colleague asks to join theirs. */
export function openDirectory(): void {
  void Taro.navigateTo({ url: routeUrl(ROUTES.directory) });
}

/** 加入会员微信群: the group codes, for contacts of active member units. */
export function openGroupEntry(): void {
  void Taro.navigateTo({ url: routeUrl(ROUTES.groupEntry) });
}

/** One article (packages/news): the same link a share card and the browser's address carry. */
export function openArticle(id: number): void {
  void Taro.navigateTo({ url: routeUrl(ROUTES.article, { id }) });
}

/** The articles that carry a tag, tapped on an article. */
export function openTag(tag: string): void {
  void Taro.navigateTo({ url: routeUrl(ROUTES.articleTag, { tag }) });
}
