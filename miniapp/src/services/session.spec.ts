import { act } from '@testing-library/react';
import { ErrorCode } from '@itss/shared';
import { login as loginAnswer, ok, refused, serveBy, staffOnly, visitor } from '@test/fixtures';
import { login as wxLogin, storage } from '@test/taro-mock';
import { ApiError, request } from './http';
import { session } from './session';

const OLD = 'token-old-0123456789abcdef';
const FRESH = 'token-fresh-0123456789abcdef';

beforeEach(() => {
  storage.clear();
  session.reset();
});

test('launch without a token logs in silently with wx.login and keeps the token', async () => {
  const calls = serveBy((call) => (call.path === '/api/auth/wechat' ? loginAnswer(visitor) : ok({})));
  await act(() => session.start());
  expect(wxLogin).toHaveBeenCalledTimes(1);
  expect(calls).toEqual([
    { method: 'POST', path: '/api/auth/wechat', token: null, data: { code: 'wx-code' } },
  ]);
  expect(session.getState()).toEqual({ status: 'signedIn', me: visitor });
  expect(storage.get('itss.session.token')).toBe(FRESH);
});

test('launch with a stored token asks /api/me with the bearer token and no login', async () => {
  storage.set('itss.session.token', OLD);
  const calls = serveBy(() => ok(staffOnly));
  await act(() => session.start());
  expect(calls).toEqual([expect.objectContaining({ path: '/api/me', token: OLD })]);
  expect(wxLogin).not.toHaveBeenCalled();
  expect(session.getState()).toEqual({ status: 'signedIn', me: staffOnly });
});

test('an expired token logs in again once and the call is retried once with the new token', async () => {
  storage.set('itss.session.token', OLD);
  const calls = serveBy((call) => {
    if (call.path === '/api/auth/wechat') return loginAnswer(visitor, FRESH);
    return call.token === FRESH ? ok({ items: [] }) : refused('SESSION_EXPIRED');
  });
  await expect(request({ path: '/api/staff' })).resolves.toEqual({ items: [] });
  expect(calls.map((c) => `${c.method} ${c.path} ${c.token}`)).toEqual([
    `GET /api/staff ${OLD}`,
    'POST /api/auth/wechat null',
    `GET /api/staff ${FRESH}`,
  ]);
  expect(wxLogin).toHaveBeenCalledTimes(1);
});

test('a server that refuses every token gets one login and one retry, never a loop', async () => {
  storage.set('itss.session.token', OLD);
  const calls = serveBy((call) =>
    call.path === '/api/auth/wechat' ? loginAnswer(visitor) : refused('UNAUTHENTICATED'),
  );
  const failure = request({ path: '/api/me' });
  await expect(failure).rejects.toBeInstanceOf(ApiError);
  await expect(failure).rejects.toMatchObject({ code: ErrorCode.Unauthenticated });
  expect(calls).toHaveLength(3);
  expect(wxLogin).toHaveBeenCalledTimes(1);
});

test('a failed re-login gives up at once and leaves the person signed out', async () => {
  storage.set('itss.session.token', OLD);
  const calls = serveBy((call) =>
    call.path === '/api/auth/wechat'
      ? { statusCode: 401, data: { code: 'WECHAT_CODE_INVALID', message: '微信登录凭证无效或已使用' } }
      : refused(),
  );
  await act(() => session.start());
  expect(calls.map((c) => c.path)).toEqual(['/api/me', '/api/auth/wechat']);
  expect(session.getState()).toEqual({ status: 'signedOut' });
  expect(storage.has('itss.session.token')).toBe(false);
});

test('calls refused at the same time share one login', async () => {
  storage.set('itss.session.token', OLD);
  const calls = serveBy((call) => {
    if (call.path === '/api/auth/wechat') return loginAnswer(visitor, FRESH);
    return call.token === FRESH ? ok({}) : refused();
  });
  await Promise.all([
    request({ path: '/api/me' }),
    request({ path: '/api/staff' }),
    request({ path: '/api/audit' }),
  ]);
  expect(calls.filter((c) => c.path === '/api/auth/wechat')).toHaveLength(1);
  expect(calls).toHaveLength(7);
});

test('in H5 nobody is logged in until a demo persona is chosen, then the stand-in gives the code', async () => {
  process.env.TARO_ENV = 'h5';
  const calls = serveBy((call) => {
    if (call.path === '/__wechat/__standin/login-code') return ok({ code: 'standin-code' });
    if (call.path === '/api/auth/wechat') return loginAnswer(staffOnly);
    return ok({});
  });
  await act(() => session.start());
  expect(calls).toHaveLength(0);
  expect(session.getState()).toEqual({ status: 'signedOut' });

  await act(() => session.signIn('staff'));
  expect(wxLogin).not.toHaveBeenCalled();
  expect(calls.map((c) => [c.path, c.data])).toEqual([
    ['/__wechat/__standin/login-code', { persona: 'staff' }],
    ['/api/auth/wechat', { code: 'standin-code' }],
  ]);
  expect(session.getState()).toEqual({ status: 'signedIn', me: staffOnly });
});

test('logout tells the server, forgets token and persona, and signs out even when offline', async () => {
  storage.set('itss.session.token', OLD);
  storage.set('itss.demo.persona', 'staff');
  const calls = serveBy(() => 'offline');
  await act(() => session.logout());
  expect(calls).toEqual([expect.objectContaining({ method: 'POST', path: '/api/auth/logout', token: OLD })]);
  expect(storage.size).toBe(0);
  expect(session.getState()).toEqual({ status: 'signedOut' });
});
