import { fireEvent, render, screen } from '@testing-library/react';
import { ok, serveBy, signedInAs, staffOnly, visitor } from '@test/fixtures';
import { reLaunch, routerParams } from '@test/taro-mock';
import { session } from '@/services/session';
import DesktopLoginPage from './index';

const TICKET = 'Qw3_rTy-UiOp1234567890';
const DETAILS = {
  ticket: TICKET,
  browser: 'Chrome · Windows',
  place: '内网',
  requestedAt: '2026-03-05T02:30:00.000Z',
  expiresAt: '2026-03-05T02:32:00.000Z',
};

beforeEach(() => {
  session.reset();
  for (const key of Object.keys(routerParams)) delete routerParams[key];
});

test('staff see which browser asks and from where, and 确认登录 confirms the ticket', async () => {
  signedInAs(staffOnly);
  // WeChat hands the scene over URL-encoded.
  routerParams.scene = encodeURIComponent(TICKET);
  const calls = serveBy((call) =>
    call.path.endsWith('/scan') ? ok(DETAILS) : { statusCode: 204, data: '' },
  );
  render(<DesktopLoginPage />);
  await screen.findByText('在电脑上登录工作台？');
  expect(screen.getByText('Chrome · Windows')).toBeTruthy();
  expect(screen.getByText('内网')).toBeTruthy();
  expect(screen.getByText('2026-03-05 10:30')).toBeTruthy();

  fireEvent.click(screen.getByText('确认登录'));
  await screen.findByText('已在电脑上登录工作台');
  expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
    `POST /api/desktop-logins/${TICKET}/scan`,
    `POST /api/desktop-logins/${TICKET}/confirm`,
  ]);
  fireEvent.click(screen.getByText('返回首页'));
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
});

test('取消 cancels the ticket', async () => {
  signedInAs(staffOnly);
  routerParams.scene = TICKET;
  const calls = serveBy((call) =>
    call.path.endsWith('/scan') ? ok(DETAILS) : { statusCode: 204, data: '' },
  );
  render(<DesktopLoginPage />);
  fireEvent.click(await screen.findByText('取消'));
  await screen.findByText('已取消登录');
  expect(calls.at(-1)?.path).toBe(`/api/desktop-logins/${TICKET}/cancel`);
});

test.each([
  ['missing', undefined],
  ['forged', encodeURIComponent('../api/me')],
  ['damaged', '%E0%A4%A'],
])('a %s scene is refused on the page, without asking the server', (_what, scene) => {
  signedInAs(staffOnly);
  if (scene !== undefined) routerParams.scene = scene;
  const calls = serveBy(() => ok({}));
  render(<DesktopLoginPage />);
  expect(screen.getByText('登录二维码无效，请在电脑上刷新后重新扫码')).toBeTruthy();
  expect(screen.queryByText('确认登录')).toBeNull();
  expect(calls).toEqual([]);
});

test.each([
  ['someone who is not staff', 403, 'DESKTOP_LOGIN_NOT_STAFF', '仅工作人员可以登录电脑端工作台'],
  ['an expired ticket', 410, 'DESKTOP_LOGIN_EXPIRED', '登录二维码已过期，请在电脑上刷新后重新扫码'],
  [
    'a ticket scanned by another phone',
    409,
    'DESKTOP_LOGIN_SCANNED_BY_OTHER',
    '该登录二维码已被其他人扫描，请在电脑上刷新后重新扫码',
  ],
])('%s: the server’s reason, no 确认登录 and no 重试', async (_who, statusCode, code, message) => {
  signedInAs(visitor);
  routerParams.scene = TICKET;
  serveBy(() => ({ statusCode, data: { code, message } }));
  render(<DesktopLoginPage />);
  await screen.findByText(message);
  expect(screen.getByText('无法登录电脑端工作台')).toBeTruthy();
  expect(screen.queryByText('确认登录')).toBeNull();
  expect(screen.queryByText('重试')).toBeNull();
});

test('a lost connection can be tried again', async () => {
  signedInAs(staffOnly);
  routerParams.scene = TICKET;
  let offline = true;
  serveBy(() => (offline ? 'offline' : ok(DETAILS)));
  render(<DesktopLoginPage />);
  const retry = await screen.findByText('重试');
  offline = false;
  fireEvent.click(retry);
  await screen.findByText('在电脑上登录工作台？');
});
