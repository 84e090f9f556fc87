import { ErrorCode, SERVICES, errorMessage } from '@itss/shared';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { association, ok, serve, services } from '@test/fixtures';
import { request, showToast, stopPullDownRefresh, switchTab, usePullDownRefresh } from '@test/taro-mock';
import HomePage from './index';

beforeEach(() => jest.clearAllMocks());

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
