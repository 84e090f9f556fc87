import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ARTICLE_CATEGORY_NAMES, ErrorCode, errorMessage } from '@itss/shared';
import { article } from '@test/article-fixtures';
import { typeInto } from '@test/forms';
import { login, ok, serveBy, visitor, type Answer, type Call } from '@test/fixtures';
import {
  navigateTo,
  stopPullDownRefresh,
  storage,
  usePullDownRefresh,
  useReachBottom,
} from '@test/taro-mock';
import { session } from '@/services/session';
import NewsPage from './index';

/** GET /api/articles by query string; anything else is the contract's 404. */
function serveArticles(pages: Record<string, Answer>): Call[] {
  return serveBy((call) => {
    const [path, query = ''] = call.path.split('?');
    if (path === '/api/articles') return pages[query] ?? ok({ items: [], nextCursor: null });
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
}

async function openNews(): Promise<void> {
  await act(() => session.start());
  render(<NewsPage />);
}

const listCalls = (calls: Call[]) =>
  calls.filter((call) => call.path.startsWith('/api/articles')).map((call) => call.path);

beforeEach(() => {
  storage.clear();
  session.reset();
});

test('lists articles with category, date, summary and a badge on locked ones; the end of the page loads the next by cursor', async () => {
  const calls = serveArticles({
    '': ok({
      items: [
        article(3, '关于开展2026年度会员服务评价的通知', { category: 'notice' }),
        article(2, '委员单位专享：数据中心运维白皮书', { locked: true, visibility: 'committee' }),
      ],
      nextCursor: 'c1',
    }),
    'cursor=c1': ok({
      items: [article(1, '会员单位专享：标准解读', { locked: true, visibility: 'members' })],
      nextCursor: null,
    }),
  });
  await openNews();
  await screen.findByText('关于开展2026年度会员服务评价的通知');
  expect(screen.getByText('关于开展2026年度会员服务评价的通知的摘要。')).toBeTruthy();
  expect(screen.getAllByText('2026-11-20')).toHaveLength(2);
  expect(screen.getAllByText('通知公告').length).toBeGreaterThan(1); // the tab and the row
  expect(screen.getByText('委员及以上可见')).toBeTruthy();

  const reachBottom = useReachBottom.mock.calls.at(-1)?.[0];
  act(() => reachBottom?.());
  await screen.findByText('会员单位专享：标准解读');
  expect(screen.getByText('会员可见')).toBeTruthy();
  expect(screen.getByText('没有更多了')).toBeTruthy();
  // Each article once, in the server's order.
  expect(document.querySelectorAll('.article-row')).toHaveLength(3);
  expect(listCalls(calls)).toEqual(['/api/articles', '/api/articles?cursor=c1']);
});

test('全部 and the eight categories are tabs; a tab lists its category from the first page', async () => {
  const calls = serveArticles({
    '': ok({ items: [article(3, '一篇通知', { category: 'notice' })], nextCursor: null }),
    'category=standard': ok({
      items: [article(4, '《信息技术服务 运行维护》标准发布', { category: 'standard' })],
      nextCursor: null,
    }),
  });
  await openNews();
  await screen.findByText('一篇通知');
  const tabs = [...document.querySelectorAll('.news-tabs__tab')].map((tab) => tab.textContent);
  expect(tabs).toEqual(['全部', ...Object.values(ARTICLE_CATEGORY_NAMES)]);

  fireEvent.click(screen.getByText('标准动态', { selector: '.news-tabs__tab' }));
  await screen.findByText('《信息技术服务 运行维护》标准发布');
  expect(screen.queryByText('一篇通知')).toBeNull();
  expect(document.querySelector('.news-tabs__tab--active')?.textContent).toBe('标准动态');

  fireEvent.click(screen.getByText('月报', { selector: '.news-tabs__tab' }));
  expect(await screen.findByText('暂无月报')).toBeTruthy();
  expect(listCalls(calls)).toEqual([
    '/api/articles',
    '/api/articles?category=standard',
    '/api/articles?category=monthly_report',
  ]);
});

test('a Chinese keyword searches title and summary (q, URL-encoded) within the chosen category', async () => {
  const calls = serveArticles({
    '': ok({ items: [article(3, '一篇通知')], nextCursor: null }),
    [`q=${encodeURIComponent('运维')}`]: ok({
      items: [article(5, '运维服务能力成熟度评估')],
      nextCursor: null,
    }),
  });
  await openNews();
  await screen.findByText('一篇通知');
  await typeInto('.news-search__input', '  运维 ');
  fireEvent.click(screen.getByText('搜索'));
  await screen.findByText('运维服务能力成熟度评估');

  fireEvent.click(screen.getByText('政策法规', { selector: '.news-tabs__tab' }));
  expect(await screen.findByText('没有找到含「运维」的政策法规')).toBeTruthy();
  expect(listCalls(calls).slice(1)).toEqual([
    `/api/articles?q=${encodeURIComponent('运维')}`,
    `/api/articles?category=policy&q=${encodeURIComponent('运维')}`,
  ]);
});

test('a tap opens the article page with its id', async () => {
  serveArticles({
    '': ok({ items: [article(7, '产业动态一则', { category: 'industry' })], nextCursor: null }),
  });
  await openNews();
  fireEvent.click(await screen.findByText('产业动态一则'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/news/pages/article/index?id=7' });
});

test('no articles yet; a failed pull-down keeps the page, a later one picks up a new article', async () => {
  let answer: Answer = ok({ items: [], nextCursor: null });
  serveBy(() => answer);
  await openNews();
  expect(await screen.findByText('暂无资讯')).toBeTruthy();

  answer = 'offline';
  act(() => usePullDownRefresh.mock.lastCall?.[0]());
  await waitFor(() => expect(stopPullDownRefresh).toHaveBeenCalled());
  expect(screen.getByText('暂无资讯')).toBeTruthy();

  answer = ok({ items: [article(9, '新发布的通知')], nextCursor: null });
  act(() => usePullDownRefresh.mock.lastCall?.[0]());
  expect(await screen.findByText('新发布的通知')).toBeTruthy();
});

test('an unreachable server shows the network message; 重试 loads again', async () => {
  let answer: Answer = 'offline';
  serveBy(() => answer);
  await openNews();
  expect(await screen.findByText(errorMessage(ErrorCode.NetworkError))).toBeTruthy();
  answer = ok({ items: [article(1, '恢复后的资讯')], nextCursor: null });
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText('恢复后的资讯')).toBeTruthy();
});

test('a cover shows as the row’s thumbnail from the API’s origin', async () => {
  serveArticles({
    '': ok({ items: [article(1, '有封面的资讯', { coverUrl: '/api/articles/files/11' })], nextCursor: null }),
  });
  await openNews();
  await screen.findByText('有封面的资讯');
  await waitFor(() =>
    expect(document.querySelector('.article-row__cover')?.getAttribute('src')).toBe(
      'https://api.test/api/articles/files/11',
    ),
  );
});

test('signing in on 我的 loads the list again as that person, so what they may read is no longer locked', async () => {
  process.env.TARO_ENV = 'h5';
  const memberToken = 'token-member-0123456789abcdef';
  const calls = serveBy((call) => {
    if (call.path === '/__wechat/__standin/login-code') return ok({ code: 'standin-code' });
    if (call.path === '/api/auth/wechat') return login({ ...visitor, id: 3 }, memberToken);
    const locked = call.token !== memberToken;
    return ok({
      items: [article(2, '会员单位专享：标准解读', { locked, visibility: 'members' })],
      nextCursor: null,
    });
  });
  await openNews();
  await screen.findByText('会员可见');
  await act(() => session.signIn('member_contact'));
  await waitFor(() => expect(screen.queryByText('会员可见')).toBeNull());
  expect(screen.getByText('会员单位专享：标准解读')).toBeTruthy();
  expect(listCalls(calls).length).toBe(2);
});
