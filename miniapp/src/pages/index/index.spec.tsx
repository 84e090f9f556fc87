import { ErrorCode, SERVICES, errorMessage } from '@itss/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { association, login, ok, serve, serveBy, services, visitor } from '@test/fixtures';
import { article } from '@test/article-fixtures';
import {
  navigateTo,
  request,
  showToast,
  stopPullDownRefresh,
  switchTab,
  usePullDownRefresh,
} from '@test/taro-mock';
import { session } from '@/services/session';
import HomePage from './index';

test('shows a loading state while the answers are on their way', () => {
  request.mockReturnValue(new Promise(() => undefined));
  render(<HomePage />);
  expect(screen.getByText('加载中…')).toBeTruthy();
});

test('shows the name, the introduction and the nine services', async () => {
  serve({ '/api/association': ok(association), '/api/services': ok(services) });
  render(<HomePage />);
  expect(await screen.findByText(association.name)).toBeTruthy();
  for (const paragraph of association.introduction) expect(screen.getByText(paragraph)).toBeTruthy();
  for (const service of SERVICES) expect(screen.getByText(service)).toBeTruthy();
  expect(screen.getByText('共 9 项')).toBeTruthy();
});

test('an unreachable server shows the network message, and 重试 loads again', async () => {
  serve({ '/api/association': 'offline', '/api/services': ok(services) });
  render(<HomePage />);
  expect(await screen.findByText(errorMessage(ErrorCode.NetworkError))).toBeTruthy();

  serve({ '/api/association': ok(association), '/api/services': ok(services) });
  fireEvent.click(screen.getByText('重试'));
  expect(await screen.findByText(association.name)).toBeTruthy();
});

test('no services yet shows an empty state in their place', async () => {
  serve({ '/api/association': ok(association), '/api/services': ok({ items: [] }) });
  render(<HomePage />);
  expect(await screen.findByText('暂无服务内容')).toBeTruthy();
  expect(screen.getByText(association.introduction[0] ?? '')).toBeTruthy();
});

test('the quick links switch to the membership and contact tabs', async () => {
  serve({ '/api/association': ok(association), '/api/services': ok(services) });
  render(<HomePage />);
  fireEvent.click(await screen.findByText('级别与年费'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/membership/index' });
  fireEvent.click(screen.getByText('会员服务部'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/contact/index' });
});

/** Does what the native pull-down gesture does: calls the page's latest handler. */
function pullDown(): void {
  const handler = usePullDownRefresh.mock.lastCall?.[0];
  if (!handler) throw new Error('the page registered no pull-down handler');
  act(handler);
}

test('pull-to-refresh keeps the page on screen and picks up new content', async () => {
  serve({ '/api/association': ok(association), '/api/services': ok(services) });
  // The news on the page wait for the launch's login, as they do in the app.
  session.reset();
  await act(() => session.start());
  render(<HomePage />);
  await screen.findByText(association.name);

  serve({
    '/api/association': ok({ ...association, shortName: 'ITSS 分会（新）' }),
    '/api/services': ok(services),
  });
  pullDown();
  expect(screen.queryByText('加载中…')).toBeNull();
  expect(await screen.findByText('ITSS 分会（新）')).toBeTruthy();
  await waitFor(() => expect(stopPullDownRefresh).toHaveBeenCalled());
});

test('a failed pull-to-refresh keeps the data and says why in a toast', async () => {
  serve({ '/api/association': ok(association), '/api/services': ok(services) });
  // The news on the page wait for the launch's login, as they do in the app.
  session.reset();
  await act(() => session.start());
  render(<HomePage />);
  await screen.findByText(association.name);

  serve({ '/api/association': 'offline', '/api/services': ok(services) });
  pullDown();
  await waitFor(() =>
    expect(showToast).toHaveBeenCalledWith({ title: errorMessage(ErrorCode.NetworkError), icon: 'none' }),
  );
  expect(stopPullDownRefresh).toHaveBeenCalled();
  expect(screen.getByText(association.name)).toBeTruthy();
});

describe('资讯 on the home tab', () => {
  beforeEach(() => session.reset());

  async function openHome(): Promise<void> {
    await act(() => session.start());
    render(<HomePage />);
  }

  function serveHome(pinned: unknown[], latest: unknown[]): void {
    serve({
      '/api/association': ok(association),
      '/api/services': ok(services),
      '/api/articles?pinned=true&limit=5': ok({ items: pinned, nextCursor: null }),
      '/api/articles?limit=10': ok({ items: latest, nextCursor: null }),
    });
  }

  test('置顶 shows the pinned articles and 最新资讯 the latest five; 更多 opens the 资讯 tab', async () => {
    serveHome(
      [article(9, '关于缴纳2027年度会费的通知', { category: 'notice', pinned: true })],
      [
        article(8, '信息技术服务标准体系更新'),
        article(7, '会员风采：云栈科技', { category: 'member_showcase' }),
      ],
    );
    await openHome();
    expect(await screen.findByText('关于缴纳2027年度会费的通知')).toBeTruthy();
    expect(screen.getByText('置顶', { selector: '.section__title' })).toBeTruthy();
    expect(screen.getByText('最新资讯')).toBeTruthy();
    expect(screen.getByText('信息技术服务标准体系更新')).toBeTruthy();
    expect(screen.getByText('会员风采')).toBeTruthy();
    // What the page showed before stays.
    expect(screen.getByText(association.name)).toBeTruthy();
    expect(screen.getByText('会员服务内容')).toBeTruthy();

    fireEvent.click(screen.getByText('更多 ›'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/news/index' });
    fireEvent.click(screen.getByText('信息技术服务标准体系更新'));
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/news/pages/article/index?id=8' });
  });

  test('a pinned article is shown once, under 置顶, and 最新资讯 still shows five others', async () => {
    const pinned = article(9, '关于缴纳2027年度会费的通知', { category: 'notice', pinned: true });
    const others = [8, 7, 6, 5, 4, 3].map((id) => article(id, `资讯${id}`));
    serveHome([pinned], [pinned, ...others]);
    await openHome();
    expect(await screen.findAllByText('关于缴纳2027年度会费的通知')).toHaveLength(1);
    for (const id of [8, 7, 6, 5, 4]) expect(screen.getByText(`资讯${id}`)).toBeTruthy();
    expect(screen.queryByText('资讯3')).toBeNull();
  });

  test('nothing pinned hides 置顶; no articles says so', async () => {
    serveHome([], []);
    await openHome();
    expect(await screen.findByText('暂无资讯')).toBeTruthy();
    expect(screen.queryByText('置顶', { selector: '.section__title' })).toBeNull();
  });

  test('news that fail to load leave the rest of the page, and a tap loads them again', async () => {
    serve({ '/api/association': ok(association), '/api/services': ok(services) });
    await openHome();
    const note = await screen.findByText(/资讯暂时无法加载/);
    expect(screen.getByText(association.name)).toBeTruthy();
    serveHome([], [article(8, '恢复后的资讯')]);
    fireEvent.click(note);
    expect(await screen.findByText('恢复后的资讯')).toBeTruthy();
  });

  test('on a cold start the news wait for the launch’s login and ask with its token', async () => {
    const calls = serveBy((call) => {
      if (call.path === '/api/auth/wechat') return login(visitor, 'token-launch-0123456789abcdef');
      if (call.path === '/api/association') return ok(association);
      if (call.path === '/api/services') return ok(services);
      return ok({ items: [article(8, '登录后的资讯')], nextCursor: null });
    });
    render(<HomePage />);
    await act(() => session.start());
    // The one article answers both lists: it is shown once, under 置顶.
    expect(await screen.findAllByText('登录后的资讯')).toHaveLength(1);
    const news = calls.filter((call) => call.path.startsWith('/api/articles'));
    expect(news.map((call) => call.token)).toEqual([
      'token-launch-0123456789abcdef',
      'token-launch-0123456789abcdef',
    ]);
  });
});
