import { act, fireEvent, render, screen } from '@testing-library/react';
import { DESKTOP_LOGIN_POLL_INTERVAL_MS, DESKTOP_LOGIN_POLL_TOKEN_HEADER } from '@itss/shared';
import { admin, ok, serveBy, type Call } from '@test/fixtures';
import { reLaunch, request, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import { DesktopSignIn } from './index';
import { AUTO_RENEWALS } from './use-desktop-login';

const TICKETS = [
  'A'.repeat(22),
  'B'.repeat(22),
  'C'.repeat(22),
  'D'.repeat(22),
  'E'.repeat(22),
  'F'.repeat(22),
  'G'.repeat(22),
];

/** The desktop's server: each POST hands out the next ticket; polls answer `state(ticket)`. */
function desk(state: (ticket: string, polls: number) => 'offline' | Record<string, unknown>): Call[] {
  let issued = 0;
  let polls = 0;
  return serveBy((call) => {
    if (call.method === 'POST' && call.path === '/api/desktop-logins') {
      const ticket = TICKETS[issued++] ?? 'Z'.repeat(22);
      return ok({
        ticket,
        pollToken: `poll-${ticket}`.padEnd(24, '-'),
        imageUrl: `/api/desktop-logins/${ticket}/code.png`,
        expiresAt: new Date(Date.now() + 120_000).toISOString(),
      });
    }
    const ticket = call.path.split('/').pop() ?? '';
    const answer = state(ticket, ++polls);
    return answer === 'offline' ? answer : ok(answer);
  });
}

/** One poll's wait, with the answers it brings rendered. */
const tick = (ms = DESKTOP_LOGIN_POLL_INTERVAL_MS) => act(() => jest.advanceTimersByTimeAsync(ms));

const image = () => document.querySelector('.desktop-sign-in__image');

beforeEach(() => {
  jest.useFakeTimers();
  process.env.TARO_ENV = 'h5';
  storage.clear();
  window.sessionStorage.clear();
  session.reset({ status: 'signedOut' });
});

afterEach(() => {
  jest.useRealTimers();
});

test('shows the code and a countdown, polls with the poll token, shows 已扫码, and keeps the session it is handed in session storage', async () => {
  const token = 't'.repeat(43);
  desk((_ticket, polls) =>
    polls === 1
      ? { state: 'pending', expiresAt: new Date(Date.now() + 100_000).toISOString() }
      : polls === 2
        ? { state: 'scanned', expiresAt: new Date(Date.now() + 100_000).toISOString() }
        : {
            state: 'confirmed',
            token,
            expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(),
            user: admin,
          },
  );
  render(<DesktopSignIn />);
  await screen.findByText('请使用微信扫码，在小程序中确认登录');
  expect(image()?.getAttribute('src')).toBe(`/api/desktop-logins/${TICKETS[0]}/code.png`);
  expect(screen.getByText(/^二维码 [12]:\d\d 后失效/)).toBeTruthy();

  await tick();
  const poll = request.mock.calls.map(([options]) => options).find((options) => options.method !== 'POST');
  expect(poll?.header).toEqual(
    expect.objectContaining({ [DESKTOP_LOGIN_POLL_TOKEN_HEADER]: `poll-${TICKETS[0]}`.padEnd(24, '-') }),
  );
  // Nobody is signed in yet: no bearer token goes with the poll.
  expect(poll?.header).not.toHaveProperty('Authorization');
  expect(screen.queryByText('已扫码，请在手机上确认')).toBeNull();

  await tick();
  expect(screen.getByText('已扫码，请在手机上确认')).toBeTruthy();

  await tick();
  expect(session.getState()).toEqual({ status: 'signedIn', me: admin });
  expect(window.sessionStorage.getItem('itss.desktop.token')).toBe(token);
  expect([...storage.values()]).not.toContain(token);
  expect(session.token()).toBe(token);
  expect(reLaunch).toHaveBeenCalledWith({ url: '/packages/staff/pages/index/index' });
});

test('an expired code is replaced by a new one on its own, a few times, then waits for 刷新二维码', async () => {
  const calls = desk(() => ({ state: 'expired' }));
  render(<DesktopSignIn />);
  await screen.findByText('请使用微信扫码，在小程序中确认登录');
  for (let renewal = 1; renewal <= AUTO_RENEWALS; renewal++) {
    await tick();
    await tick(0);
    expect(image()?.getAttribute('src')).toBe(`/api/desktop-logins/${TICKETS[renewal]}/code.png`);
  }
  await tick();
  expect(screen.getByText('二维码已过期')).toBeTruthy();
  const created = () => calls.filter((call) => call.method === 'POST').length;
  expect(created()).toBe(AUTO_RENEWALS + 1);
  await tick(60_000);
  expect(created()).toBe(AUTO_RENEWALS + 1);

  fireEvent.click(screen.getByText('刷新二维码'));
  await tick(0);
  expect(created()).toBe(AUTO_RENEWALS + 2);
  expect(screen.getByText('请使用微信扫码，在小程序中确认登录')).toBeTruthy();
});

test('a poll that fails is asked again; a confirmation without a session for this browser means a new code', async () => {
  desk((_ticket, polls) => (polls === 1 ? 'offline' : { state: 'confirmed' }));
  render(<DesktopSignIn />);
  await screen.findByText('请使用微信扫码，在小程序中确认登录');
  await tick();
  expect(image()?.getAttribute('src')).toBe(`/api/desktop-logins/${TICKETS[0]}/code.png`);
  await tick();
  await tick(0);
  expect(image()?.getAttribute('src')).toBe(`/api/desktop-logins/${TICKETS[1]}/code.png`);
  expect(session.getState()).toEqual({ status: 'signedOut' });
});

test('a refused request for a code shows why, and 重试 asks again', async () => {
  let refuse = true;
  serveBy((call) => {
    if (refuse)
      return { statusCode: 429, data: { code: 'TOO_MANY_REQUESTS', message: '操作过于频繁，请稍后再试' } };
    return call.method === 'POST'
      ? ok({
          ticket: TICKETS[0],
          pollToken: 'p'.repeat(24),
          imageUrl: '/code.png',
          expiresAt: new Date(Date.now() + 120_000).toISOString(),
        })
      : ok({ state: 'pending', expiresAt: new Date(Date.now() + 120_000).toISOString() });
  });
  render(<DesktopSignIn />);
  await screen.findByText('操作过于频繁，请稍后再试');
  refuse = false;
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('请使用微信扫码，在小程序中确认登录');
});
