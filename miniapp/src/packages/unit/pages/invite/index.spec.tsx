import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { InvitePreview, Me } from '@itss/shared';
import { typeInto } from '@test/forms';
import { login, ok, serveBy, visitor, type Answer, type Call } from '@test/fixtures';
import { redirectTo, routerParams, storage, switchTab } from '@test/taro-mock';
import { session } from '@/services/session';
import InvitePage from './index';

const TOKEN = 'tok_abcdefghijklmnopqrstuv';
const preview: InvitePreview = {
  unit: { id: 9, name: '杭州云栈信息技术有限公司' },
  invitedBy: '钱申科',
  expiresAt: '2026-12-01T04:00:00.000Z',
};
const joinedMe: Me = {
  ...visitor,
  unit: { id: 9, name: preview.unit.name, level: 'committee', status: 'active', isPrimaryContact: false },
};

/** The invite as the server answers it; `accept` answers POST …/accept. */
function serveInvite(
  accept: (call: Call) => Answer = () => ok({ unit: preview.unit }),
  get: Answer = ok(preview),
): Call[] {
  return serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(visitor);
    if (call.path === '/api/me') return ok(joinedMe);
    if (call.path === `/api/invites/${TOKEN}`) return get;
    if (call.path === `/api/invites/${TOKEN}/accept`) return accept(call);
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
}

async function openInvite(): Promise<void> {
  await act(() => session.start());
  render(<InvitePage />);
}

const accepts = (calls: Call[]) => calls.filter((call) => call.path.endsWith('/accept'));

beforeEach(() => {
  storage.clear();
  session.reset();
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  routerParams.token = TOKEN;
});

test('says who invites to which unit until when, and asks for 姓名 and 职务', async () => {
  serveInvite();
  await openInvite();
  await screen.findByText('钱申科 邀请您成为「杭州云栈信息技术有限公司」的联系人');
  expect(screen.getByText('邀请有效期至 2026-12-01 12:00')).toBeTruthy();
  expect(document.querySelector('.identity-input--name')).not.toBeNull();
  expect(document.querySelector('.identity-input--title')).not.toBeNull();
  expect(document.querySelector('.identity-input--creditCode')).toBeNull();
});

test('a name with a space is refused on the form with the contract’s message; nothing is sent', async () => {
  const calls = serveInvite();
  await openInvite();
  await screen.findByText('接受邀请');
  await typeInto('.identity-input--name', '孙 同事');
  fireEvent.click(screen.getByText('接受邀请'));
  await screen.findByText('姓名不能包含空格或短横线');
  expect(accepts(calls)).toHaveLength(0);
});

test('接受邀请 sends name and title, then says so and leads to 我的单位', async () => {
  const calls = serveInvite();
  await openInvite();
  await screen.findByText('接受邀请');
  await typeInto('.identity-input--name', '孙同事');
  await typeInto('.identity-input--title', '运维经理');
  fireEvent.click(screen.getByText('接受邀请'));
  await screen.findByText('您已成为「杭州云栈信息技术有限公司」的联系人');
  expect(accepts(calls)).toEqual([
    expect.objectContaining({ method: 'POST', data: { name: '孙同事', title: '运维经理' } }),
  ]);
  // 我的 reads the new unit from /api/me.
  expect(calls.some((call) => call.path === '/api/me')).toBe(true);
  fireEvent.click(screen.getByText('查看我的单位'));
  expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/unit/pages/index/index?id=9' });
});

test.each([
  ['INVITE_EXPIRED', 410, '邀请已过期（有效期 7 天），请向单位主联系人重新索取邀请'],
  ['INVITE_USED', 410, '该邀请已被使用，每个邀请只能使用一次，请向单位主联系人重新索取邀请'],
  ['INVITE_NOT_FOUND', 404, '邀请链接无效，请向单位主联系人重新索取邀请'],
])(
  'an invite the server refuses on opening (%s) is explained, with a way back',
  async (code, status, message) => {
    serveInvite(undefined, { statusCode: status, data: { code, message } });
    await openInvite();
    await screen.findByText(message);
    expect(screen.getByText('无法接受该邀请')).toBeTruthy();
    expect(screen.queryByText('接受邀请')).toBeNull();
    fireEvent.click(screen.getByText('返回「我的」'));
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  },
);

test.each([
  [
    'CONTACT_ALREADY_IN_UNIT',
    '您已是一家会员单位的联系人，一个人只能关联一家会员单位；如已换单位，请先在「我的单位」中退出',
  ],
  ['UNIT_SEATS_FULL', '本单位联系人名额已满，请主联系人先移除不再需要的联系人，或联系分会工作人员调整名额'],
])('accepting refused with %s shows the server’s message and what to do', async (code, message) => {
  serveInvite(() => ({ statusCode: 409, data: { code, message } }));
  await openInvite();
  await screen.findByText('接受邀请');
  await typeInto('.identity-input--name', '孙同事');
  fireEvent.click(screen.getByText('接受邀请'));
  await screen.findByText(message);
  expect(screen.getByText('无法接受该邀请')).toBeTruthy();
});

test('a refusal of one field by the server is shown beside it', async () => {
  serveInvite(() => ({
    statusCode: 400,
    data: {
      code: 'VALIDATION_FAILED',
      message: '提交的内容不符合要求，请检查后重试',
      details: [{ path: 'title', message: '职务最多 30 个字' }],
    },
  }));
  await openInvite();
  await screen.findByText('接受邀请');
  await typeInto('.identity-input--name', '孙同事');
  fireEvent.click(screen.getByText('接受邀请'));
  await screen.findByText('职务最多 30 个字');
  expect(screen.getByText('职务最多 30 个字').closest('.identity-field')?.textContent).toContain('职务');
});

test('a link without a token says the link is invalid', async () => {
  delete routerParams.token;
  const calls = serveInvite();
  await openInvite();
  await screen.findByText('邀请链接无效，请向单位主联系人重新索取邀请');
  await waitFor(() => expect(calls.some((call) => call.path.startsWith('/api/invites'))).toBe(false));
});

test('signed out: led to 我的 to log in first', async () => {
  process.env.TARO_ENV = 'h5';
  serveInvite();
  await openInvite();
  expect(screen.getByText('登录后即可接受邀请，成为单位联系人')).toBeTruthy();
});
