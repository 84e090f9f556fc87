import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Me } from '@itss/shared';
import { admin, login, ok, serveBy, staffOnly, visitor, type Answer, type Call } from '@test/fixtures';
import {
  navigateTo,
  removeTabBarBadge,
  setTabBarBadge,
  showModal,
  showToast,
  storage,
  switchTab,
} from '@test/taro-mock';
import { session } from '@/services/session';
import MePage from './index';

beforeEach(() => {
  storage.clear();
  session.reset();
});

/**
 * What the person did, without what is read on each show: the unread count, the pending join
 * request and the latest application.
 */
const SHOWN_READS = new Set([
  '/api/messages/unread-count',
  '/api/join-requests/mine',
  '/api/applications/mine',
]);
const actions = (calls: Call[]) => calls.filter((call) => !SHOWN_READS.has(call.path));

async function signInAs(me: typeof visitor): Promise<void> {
  serveBy((call) => (call.path === '/api/auth/wechat' ? login(me) : ok({})));
  await act(() => session.start());
}

/** A contact of 杭州云栈 (unit 9), its primary contact unless said otherwise. */
const contactOf9 = (isPrimaryContact = true): Me => ({
  ...visitor,
  unit: { id: 9, name: '杭州云栈信息技术有限公司', level: 'committee', status: 'active', isPrimaryContact },
});

/** Signs `me` in with this many unread messages, then opens 我的. */
async function openAs(me: Me, unread: number, other: (call: Call) => Answer = () => ok(me)): Promise<Call[]> {
  const calls = serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(me);
    if (call.path === '/api/messages/unread-count') return ok({ unread });
    return other(call);
  });
  await act(() => session.start());
  render(<MePage />);
  return calls;
}

test('signed out in WeChat: a 微信登录 button that logs in', async () => {
  serveBy((call) => (call.path === '/api/auth/wechat' ? login(visitor) : ok({})));
  await act(() => session.logout());
  render(<MePage />);
  await screen.findByText('未登录');
  fireEvent.click(screen.getByText('微信登录'));
  await screen.findByText('赵晓访');
});

test('signed out in H5: the demo persona picker from the stand-in', async () => {
  process.env.TARO_ENV = 'h5';
  const calls = serveBy((call) => {
    if (call.path === '/__wechat/__standin/personas')
      return ok({
        personas: [
          { key: 'visitor', label: '访客', displayName: '赵晓访', openid: 'o1', phone: '13800000001' },
          { key: 'staff', label: '工作人员', displayName: '周工作', openid: 'o5', phone: '13800000005' },
        ],
      });
    if (call.path === '/__wechat/__standin/login-code') return ok({ code: 'standin-code' });
    if (call.path === '/api/auth/wechat') return login(admin);
    return ok({});
  });
  await act(() => session.start());
  render(<MePage />);
  expect(await screen.findByText('选择演示身份')).toBeTruthy();
  expect(screen.getByText(/演示身份即可体验/)).toBeTruthy();
  // The scan sign-in is reachable in development too.
  fireEvent.click(screen.getByText('工作人员扫码登录工作台'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/desktop-sign-in/index' });
  fireEvent.click(await screen.findByText('工作人员'));
  await screen.findByText('工作台');
  expect(calls.find((c) => c.path === '/__wechat/__standin/login-code')?.data).toEqual({ persona: 'staff' });
  expect(storage.get('itss.demo.persona')).toBe('staff');
});

test('signed out in an H5 build without the stand-in (production): the 工作台 sign-in by scanning', async () => {
  process.env.TARO_ENV = 'h5';
  const calls = serveBy((call) =>
    call.path === '/api/desktop-logins'
      ? ok({
          ticket: 'AAAAAAAAAAAAAAAAAAAAAA',
          pollToken: 'p'.repeat(43),
          imageUrl: '/api/desktop-logins/AAAAAAAAAAAAAAAAAAAAAA/code.png',
          expiresAt: new Date(Date.now() + 120_000).toISOString(),
        })
      : { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } },
  );
  await act(() => session.start());
  render(<MePage />);
  await screen.findByText('请使用微信扫码，在小程序中确认登录');
  expect(screen.getByText('工作台登录')).toBeTruthy();
  expect(screen.queryByText('选择演示身份')).toBeNull();
  expect(screen.queryByText('重试')).toBeNull();
  expect(calls.find((call) => call.path === '/api/desktop-logins')?.method).toBe('POST');
});

test('a visitor sees name, 未绑定手机号, 访客, 未关联会员单位, and no 工作台', async () => {
  await signInAs(visitor);
  render(<MePage />);
  expect(screen.getByText('赵晓访')).toBeTruthy();
  expect(screen.getByText('未绑定手机号')).toBeTruthy();
  expect(screen.getAllByText('访客').length).toBeGreaterThan(0);
  expect(screen.getByText('未关联会员单位')).toBeTruthy();
  expect(screen.getByText('绑定手机号')).toBeTruthy();
  expect(screen.queryByText('工作台')).toBeNull();
  fireEvent.click(screen.getByText('隐私政策'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/privacy/index' });
  fireEvent.click(screen.getByText('入会咨询请联系会员服务部'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/contact/index' });
});

test.each([
  ['an admin', admin, '工作人员、管理员'],
  ['a staff member', staffOnly, '工作人员'],
])('%s sees masked phone, role names and the 工作台 entry', async (_who, me, roles) => {
  await signInAs(me);
  render(<MePage />);
  expect(screen.getByText('138****0005')).toBeTruthy();
  expect(screen.getAllByText(roles).length).toBeGreaterThan(0);
  expect(screen.queryByText('绑定手机号')).toBeNull();
  fireEvent.click(screen.getByText('工作台'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/index/index' });
});

test('身份 shows 主联系人 for a unit’s primary contact, not 访客', async () => {
  await signInAs(contactOf9());
  render(<MePage />);
  expect(screen.getAllByText('主联系人').length).toBeGreaterThan(0);
  expect(screen.queryByText('访客')).toBeNull();
});

test('身份 shows 会员联系人 for another contact of a unit', async () => {
  await signInAs(contactOf9(false));
  render(<MePage />);
  expect(screen.getAllByText('会员联系人').length).toBeGreaterThan(0);
  expect(screen.queryByText('访客')).toBeNull();
});

test('binding a phone in WeChat sends the getPhoneNumber code and shows the masked number', async () => {
  await signInAs(visitor);
  const calls = serveBy((call) =>
    call.path === '/api/me/phone' ? ok({ ...visitor, phoneMasked: '138****0001' }) : ok({}),
  );
  render(<MePage />);
  const button = screen.getByText('绑定手机号');
  act(() => {
    button.dispatchEvent(
      new CustomEvent('getphonenumber', { detail: { code: 'phone-code' }, bubbles: true }),
    );
  });
  await screen.findByText('138****0001');
  expect(actions(calls)).toEqual([
    expect.objectContaining({ method: 'POST', path: '/api/me/phone', data: { code: 'phone-code' } }),
  ]);
});

test('退出登录 asks first, and on confirm logs out back to the signed-out view', async () => {
  await signInAs(admin);
  const calls = serveBy(() => ({ statusCode: 204, data: '' }));
  render(<MePage />);
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  fireEvent.click(screen.getByText('退出登录'));
  await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1));
  expect(actions(calls)).toHaveLength(0);
  fireEvent.click(screen.getByText('退出登录'));
  await screen.findByText('未登录');
  expect(actions(calls)).toEqual([expect.objectContaining({ method: 'POST', path: '/api/auth/logout' })]);
});

test('a failed login shows why and the person can try again', async () => {
  serveBy(() => ({
    statusCode: 503,
    data: { code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，请稍后再试' },
  }));
  await act(() => session.start());
  render(<MePage />);
  expect(screen.getByRole('alert').textContent).toContain('微信服务暂时不可用');
  expect(screen.getByText('微信登录')).toBeTruthy();
});

test('declining the phone dialog sends nothing and claims nothing; a refused code is explained', async () => {
  await signInAs(visitor);
  const calls = serveBy(() => ({
    statusCode: 401,
    data: { code: 'WECHAT_CODE_INVALID', message: '手机号授权凭证无效' },
  }));
  render(<MePage />);
  const button = screen.getByText('绑定手机号');
  act(() => {
    button.dispatchEvent(
      new CustomEvent('getphonenumber', {
        detail: { errMsg: 'getPhoneNumber:fail user deny' },
        bubbles: true,
      }),
    );
  });
  // Let the handler run to its end before checking that it sent nothing.
  await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(actions(calls)).toHaveLength(0);
  expect(showToast).not.toHaveBeenCalled();

  act(() => {
    button.dispatchEvent(new CustomEvent('getphonenumber', { detail: { code: 'used-code' }, bubbles: true }));
  });
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '绑定未完成', content: '手机号授权凭证无效' }),
    ),
  );
  expect(screen.getByText('未绑定手机号')).toBeTruthy();
});

test('我的申请, 消息 with the unread count (also on the tab), and 我的单位 once the person has a unit', async () => {
  await openAs(contactOf9(), 2);
  await screen.findByText('2');
  expect(setTabBarBadge).toHaveBeenCalledWith({ index: 4, text: '2' });
  fireEvent.click(screen.getByText('我的申请'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/join/pages/mine/index' });
  fireEvent.click(screen.getByText('消息'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/account/pages/messages/index' });
  fireEvent.click(screen.getByText('我的单位'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/unit/pages/index/index?id=9' });
  fireEvent.click(screen.getByText('会员风采投稿'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/submit/pages/mine/index' });
  fireEvent.click(screen.getByText('会费'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/dues/pages/index/index' });
});

test('no unread messages: no count and no tab badge; no unit: no 我的单位', async () => {
  await openAs(visitor, 0);
  await waitFor(() => expect(removeTabBarBadge).toHaveBeenCalledWith({ index: 4 }));
  expect(document.querySelector('.me-help__badge')).toBeNull();
  expect(screen.queryByText('我的单位')).toBeNull();
  expect(screen.queryByText('会员风采投稿')).toBeNull();
  expect(screen.queryByText('会费')).toBeNull();
});

test('the primary contact sees 主联系人 beside the unit; 加入会员微信群 opens the group entry', async () => {
  const calls = await openAs(contactOf9(), 0);
  const unitRow = screen.getByText('会员单位').closest('.me-card__row');
  expect(unitRow?.textContent).toContain('杭州云栈信息技术有限公司主联系人');
  // A unit's contact has no join request to wait for.
  expect(calls.some((call) => call.path === '/api/join-requests/mine')).toBe(false);
  fireEvent.click(screen.getByText('加入会员微信群'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/groups/pages/group/index' });
});

test('a colleague who is not the primary contact sees no 主联系人 tag', async () => {
  await openAs(contactOf9(false), 0);
  expect(screen.getByText('会员单位').closest('.me-card__row')?.textContent).toContain(
    '杭州云栈信息技术有限公司',
  );
  expect(screen.queryByText('主联系人')).toBeNull();
});

test('without a unit: 会员名录 to ask to join one, and the pending request to a unit', async () => {
  await openAs(visitor, 0, (call) =>
    call.path === '/api/join-requests/mine'
      ? ok({
          items: [
            {
              id: 31,
              unit: { id: 9, name: '杭州云栈信息技术有限公司' },
              name: '赵晓访',
              title: null,
              phoneMasked: null,
              state: 'pending',
              createdAt: '2026-11-24T04:00:00.000Z',
              decidedAt: null,
            },
          ],
        })
      : ok(visitor),
  );
  await screen.findByText('杭州云栈信息技术有限公司 · 待处理');
  fireEvent.click(screen.getByText('会员名录'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/directory/pages/index/index' });
});
