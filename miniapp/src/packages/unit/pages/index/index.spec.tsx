import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { JoinRequest, Me, Unit } from '@itss/shared';
import { login, ok, serveBy, visitor, type Answer, type Call } from '@test/fixtures';
import {
  navigateTo,
  requestSubscribeMessage,
  routerParams,
  setClipboardData,
  showActionSheet,
  showModal,
  storage,
  switchTab,
  useShareAppMessage,
} from '@test/taro-mock';
import { session } from '@/services/session';
import UnitPage from './index';

const unit: Unit = {
  id: 9,
  name: '杭州云栈信息技术有限公司',
  creditCode: '91330106MA2H0Y2X1K',
  unitType: 'enterprise',
  province: '浙江省',
  city: '杭州市',
  level: 'committee',
  status: 'active',
  joinedOn: '2026-11-24',
  isPrimaryContact: true,
  primaryContact: { displayName: '钱申科', phoneMasked: '138****0002' },
  contacts: [
    {
      userId: 2,
      name: '钱申科',
      title: '总经理',
      phoneMasked: '138****0002',
      isPrimary: true,
      joinedAt: '2026-11-24T02:00:00.000Z',
    },
  ],
  seats: { used: 1, limit: 5 },
  statusHistory: [],
};

beforeEach(() => {
  storage.clear();
  session.reset();
  routerParams.id = '9';
});

test('the unit (level, status, joined date, masked contact) and its bills with amount and state', async () => {
  serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(visitor);
    if (call.path === '/api/units/9') return ok(unit);
    if (call.path === '/api/units/9/join-requests?state=pending') return ok({ items: [] });
    if (call.path === '/api/units/9/bills')
      return ok({
        items: [
          {
            id: 1,
            unitId: 9,
            unitName: '北京云桥数据服务有限公司',
            year: 2026,
            level: 'committee',
            amountFen: 1000000,
            paidFen: 0,
            status: 'unpaid',
            dueDate: '2026-03-31',
            overdue: false,
            remittanceCode: 'A7K9QX3',
            receipt: null,
            createdAt: '2026-11-24T08:00:00.000Z',
          },
          {
            id: 2,
            unitId: 9,
            unitName: '北京云桥数据服务有限公司',
            year: 2025,
            level: 'member',
            amountFen: 300000,
            paidFen: 300000,
            status: 'paid',
            dueDate: '2025-03-31',
            overdue: false,
            remittanceCode: 'A7K9QX3',
            receipt: null,
            createdAt: '2025-11-24T08:00:00.000Z',
          },
        ],
      });
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
  await act(() => session.start());
  render(<UnitPage />);
  await screen.findByText('2026 年度会费');
  const text = document.body.textContent ?? '';
  for (const words of [
    '委员单位',
    '正常',
    '2026-11-24',
    '浙江省 杭州市',
    '钱申科 138****0002',
    '10,000.00 元',
    '待缴费',
    '3,000.00 元',
    '已缴清',
  ])
    expect(text).toContain(words);
  // Paying and receipts are on 会费: a bill and the section's link open it for this unit.
  fireEvent.click(screen.getByText('2026 年度会费'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/dues/pages/index/index?unitId=9' });
  fireEvent.click(screen.getByText('缴费与票据 ›'));
  expect(navigateTo).toHaveBeenCalledTimes(2);
});

test('a unit the person may not see: the error with 重试', async () => {
  serveBy((call) =>
    call.path === '/api/auth/wechat'
      ? login(visitor)
      : { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } },
  );
  await act(() => session.start());
  render(<UnitPage />);
  await screen.findByText('您访问的内容不存在');
  expect(screen.getByText('重试')).toBeTruthy();
});

/** The primary contact 钱申科 (user 2), a colleague 孙同事 (user 3) and one pending request. */
const primaryMe: Me = {
  ...visitor,
  id: 2,
  displayName: '钱申科',
  unit: { id: 9, name: unit.name, level: 'committee', status: 'active', isPrimaryContact: true },
};
const colleague = {
  userId: 3,
  name: '孙同事',
  title: '运维经理',
  phoneMasked: '139****0003',
  isPrimary: false,
  joinedAt: '2026-11-24T03:00:00.000Z',
};
const withColleague: Unit = {
  ...unit,
  contacts: [...unit.contacts, colleague],
  seats: { used: 2, limit: 5 },
};
const pendingRequest: JoinRequest = {
  id: 31,
  unit: { id: 9, name: unit.name },
  name: '李申请',
  title: '项目经理',
  phoneMasked: '137****0004',
  state: 'pending',
  createdAt: '2026-11-24T04:00:00.000Z',
  decidedAt: null,
};
const notFound = { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };

/** The unit as its contacts meet it; `write` answers every POST and DELETE. */
function serveUnit(
  me: Me,
  shown: Unit,
  write: (call: Call) => Answer = () => ({ statusCode: 204, data: '' }),
) {
  return serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(me);
    if (call.path === '/api/me') return ok(me);
    if (call.method !== 'GET') return write(call);
    if (call.path === '/api/units/9') return ok(shown);
    if (call.path === '/api/units/9/bills') return ok({ items: [] });
    if (call.path === '/api/units/9/join-requests?state=pending') return ok({ items: [pendingRequest] });
    if (call.path === '/api/notifications/templates') return ok(templates);
    return notFound;
  });
}

/** The templates the server names: two purposes about colleagues, and the requester's decision. */
const templates = {
  items: [
    { purpose: 'join_request_decision', templateId: 'tmpl-decision' },
    { purpose: 'colleague_joined', templateId: 'tmpl-colleague' },
    { purpose: 'join_request_received', templateId: 'tmpl-asked' },
  ],
};

async function openUnit(): Promise<void> {
  await act(() => session.start());
  render(<UnitPage />);
  await screen.findByText('联系人');
}

const writes = (calls: Call[]) =>
  calls.filter((call) => call.method !== 'GET' && call.path !== '/api/auth/wechat');

test('the contacts with title, masked phone and the 主联系人 tag, and the seats used of the limit', async () => {
  serveUnit(primaryMe, withColleague);
  await openUnit();
  const contacts = [...document.querySelectorAll('.member-contact')].map((node) => node.textContent);
  expect(contacts).toEqual([
    expect.stringContaining('钱申科主联系人总经理 · 138****0002'),
    expect.stringContaining('孙同事运维经理 · 139****0003'),
  ]);
  expect(screen.getByText('名额 2/5')).toBeTruthy();
  // The primary contact removes others, never themself.
  expect(document.querySelectorAll('.member-contact__remove')).toHaveLength(1);
  expect(contacts[1]).toContain('移除');
});

test('邀请同事 creates an invite; the share card says who invites to which unit and opens the invite page', async () => {
  const calls = serveUnit(primaryMe, withColleague, (call) =>
    call.path === '/api/units/9/invites'
      ? ok({
          token: 'tok_abcdefghijklmnopqrstuv',
          expiresAt: '2026-12-01T04:00:00.000Z',
          path: 'packages/unit/pages/invite/index?token=tok_abcdefghijklmnopqrstuv',
        })
      : notFound,
  );
  await openUnit();
  fireEvent.click(screen.getByText('邀请同事'));
  await screen.findByText('邀请已生成');
  expect(writes(calls)).toEqual([expect.objectContaining({ method: 'POST', path: '/api/units/9/invites' })]);
  expect(screen.getByText(/有效期至 2026-12-01 12:00/)).toBeTruthy();
  expect(screen.getByText('发送给同事')).toBeTruthy();
  const share = useShareAppMessage.mock.calls.at(-1)?.[0];
  expect(share?.({ from: 'button' })).toEqual({
    title: '钱申科 邀请您加入 杭州云栈信息技术有限公司',
    path: '/packages/unit/pages/invite/index?token=tok_abcdefghijklmnopqrstuv',
  });
  // The menu's share is not an invite.
  expect(share?.({ from: 'menu' }).path).toBe('/pages/index/index');
});

test('邀请同事 asks WeChat, within the tap, for the templates of news about colleagues only', async () => {
  requestSubscribeMessage.mockReset().mockResolvedValue({
    errMsg: 'requestSubscribeMessage:ok',
    'tmpl-colleague': 'accept',
  });
  const calls = serveUnit(primaryMe, withColleague, (call) =>
    call.path === '/api/units/9/invites'
      ? ok({
          token: 'tok_abcdefghijklmnopqrstuv',
          expiresAt: '2026-12-01T04:00:00.000Z',
          path: 'packages/unit/pages/invite/index?token=tok_abcdefghijklmnopqrstuv',
        })
      : ok({ items: [] }),
  );
  await openUnit();
  await waitFor(() => expect(calls.some((c) => c.path === '/api/notifications/templates')).toBe(true));
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  fireEvent.click(screen.getByText('邀请同事'));
  await screen.findByText('邀请已生成');
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(requestSubscribeMessage).toHaveBeenCalledWith(
    expect.objectContaining({ tmplIds: ['tmpl-colleague', 'tmpl-asked'] }),
  );
  await waitFor(() =>
    expect(calls.find((c) => c.path === '/api/notifications/subscriptions')?.data).toEqual({
      results: { 'tmpl-colleague': 'accept' },
    }),
  );
});

test('on H5, where there is no share card, the invite is a link to copy', async () => {
  process.env.TARO_ENV = 'h5';
  storage.set('itss.demo.persona', 'primary_contact');
  serveBy((call) => {
    if (call.path.startsWith('/__wechat')) return ok({ code: 'standin-code' });
    if (call.path === '/api/auth/wechat') return login(primaryMe);
    if (call.path === '/api/units/9') return ok(withColleague);
    if (call.path === '/api/units/9/bills') return ok({ items: [] });
    if (call.path === '/api/units/9/join-requests?state=pending') return ok({ items: [] });
    if (call.path === '/api/units/9/invites')
      return ok({
        token: 'tok_abcdefghijklmnopqrstuv',
        expiresAt: '2026-12-01T04:00:00.000Z',
        path: 'packages/unit/pages/invite/index?token=tok_abcdefghijklmnopqrstuv',
      });
    return notFound;
  });
  await openUnit();
  fireEvent.click(screen.getByText('邀请同事'));
  await screen.findByText('邀请已生成');
  const link = `${window.location.origin}${window.location.pathname}#/packages/unit/pages/invite/index?token=tok_abcdefghijklmnopqrstuv`;
  expect(screen.getByText(link)).toBeTruthy();
  expect(screen.queryByText('发送给同事')).toBeNull();
  fireEvent.click(screen.getByText('复制邀请链接'));
  await waitFor(() => expect(setClipboardData).toHaveBeenCalledWith({ data: link }));
});

const SEATS_FULL = '本单位联系人名额已满，请主联系人先移除不再需要的联系人，或联系分会工作人员调整名额';

test('a refused invite (seats full) says why in the server’s words', async () => {
  serveUnit(primaryMe, withColleague, () => ({
    statusCode: 409,
    data: {
      code: 'UNIT_SEATS_FULL',
      message: SEATS_FULL,
    },
  }));
  await openUnit();
  fireEvent.click(screen.getByText('邀请同事'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '邀请未生成', content: SEATS_FULL }),
    ),
  );
  expect(screen.queryByText('邀请已生成')).toBeNull();
});

test('a full unit offers no invite and says how to make room', async () => {
  serveUnit(primaryMe, { ...withColleague, seats: { used: 2, limit: 2 } });
  await openUnit();
  expect(screen.getByText('邀请同事').closest('taro-button-core')?.hasAttribute('disabled')).toBe(true);
  expect(screen.getByText(/联系人名额已满/)).toBeTruthy();
});

test('pending join requests: 同意 asks first, then approves and reloads; 拒绝 declines', async () => {
  const calls = serveUnit(primaryMe, withColleague, () => ok({ ...pendingRequest, state: 'approved' }));
  await openUnit();
  const row = screen.getByText('李申请').closest('.member-request');
  expect(row?.textContent).toContain('项目经理 · 137****0004');
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  fireEvent.click(screen.getByText('同意'));
  await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1));
  expect(writes(calls)).toHaveLength(0);

  fireEvent.click(screen.getByText('同意'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(writes(calls)[0]).toEqual(
    expect.objectContaining({
      path: '/api/units/9/join-requests/31/decisions',
      data: { decision: 'approve' },
    }),
  );
  fireEvent.click(screen.getByText('拒绝'));
  await waitFor(() => expect(writes(calls)).toHaveLength(2));
  expect(writes(calls)[1]?.data).toEqual({ decision: 'decline' });
  // Reloaded after each decision.
  expect(calls.filter((call) => call.path === '/api/units/9').length).toBeGreaterThanOrEqual(3);
});

test('移除 a colleague asks first and sends DELETE for that contact only', async () => {
  const calls = serveUnit(primaryMe, withColleague);
  await openUnit();
  fireEvent.click(screen.getByText('移除'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(String(showModal.mock.calls[0]?.[0].content)).toContain('孙同事');
  expect(writes(calls)[0]).toEqual(
    expect.objectContaining({ method: 'DELETE', path: '/api/units/9/contacts/3' }),
  );
});

test('移交主联系人 picks a colleague, confirms and hands the role over', async () => {
  showActionSheet.mockResolvedValueOnce({ errMsg: 'ok', tapIndex: 0 });
  const calls = serveUnit(primaryMe, withColleague);
  await openUnit();
  fireEvent.click(screen.getByText('移交主联系人'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(showActionSheet).toHaveBeenCalledWith({ itemList: ['孙同事'] });
  expect(writes(calls)[0]).toEqual(
    expect.objectContaining({ method: 'POST', path: '/api/units/9/primary-contact', data: { userId: 3 } }),
  );
});

test('a refusal from the server is shown as it says it', async () => {
  const calls = serveUnit(primaryMe, withColleague, () => ({
    statusCode: 409,
    data: {
      code: 'CONTACT_PRIMARY_CANNOT_LEAVE',
      message: '主联系人不能被移除或退出，请先将主联系人移交给本单位的其他联系人',
    },
  }));
  await openUnit();
  fireEvent.click(screen.getByText('移除'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '操作未完成',
        content: '主联系人不能被移除或退出，请先将主联系人移交给本单位的其他联系人',
      }),
    ),
  );
  expect(writes(calls)).toHaveLength(1);
});

test('a colleague (not primary) sees no invite, requests or 移除, and 退出单位 leaves and returns to 我的', async () => {
  const colleagueMe: Me = {
    ...visitor,
    id: 3,
    displayName: '孙同事',
    unit: { id: 9, name: unit.name, level: 'committee', status: 'active', isPrimaryContact: false },
  };
  const calls = serveUnit(colleagueMe, { ...withColleague, isPrimaryContact: false });
  await openUnit();
  expect(screen.queryByText('邀请同事')).toBeNull();
  expect(screen.queryByText('加入申请')).toBeNull();
  expect(screen.queryByText('移除')).toBeNull();
  expect(calls.some((call) => call.path.includes('join-requests'))).toBe(false);
  fireEvent.click(screen.getByText('退出单位'));
  await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }));
  expect(writes(calls)).toEqual([
    expect.objectContaining({ method: 'DELETE', path: '/api/units/9/contacts/3' }),
  ]);
});

test('a suspended unit shows its status and no invite', async () => {
  serveUnit(primaryMe, { ...withColleague, status: 'suspended' });
  await openUnit();
  expect(document.querySelector('.member-status--suspended')?.textContent).toBe('暂停');
  expect(screen.getByRole('alert').textContent).toContain('会员资格暂停');
  expect(screen.queryByText('邀请同事')).toBeNull();
});
