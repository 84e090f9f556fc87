import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { grantStaffRequestSchema, type StaffListResponse } from '@itss/shared';
import { typeInto } from '@test/forms';
import { admin, login, ok, serveBy, staffOnly, visitor, type Answer, type Call } from '@test/fixtures';
import { navigateTo, showModal, shownCallbacks, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import StaffConsolePage from './index';

const list: StaffListResponse = {
  items: [
    {
      id: 5,
      displayName: '周工作',
      phoneMasked: '138****0005',
      roles: ['staff', 'admin'],
      lastSeenAt: '2026-03-05T06:07:00.000Z',
    },
    { id: 7, displayName: '郑同事', phoneMasked: null, roles: ['staff'], lastSeenAt: null },
  ],
};

async function openAs(me: typeof admin, api: (call: Call) => Answer = () => ok(list)): Promise<Call[]> {
  serveBy((call) => (call.path === '/api/auth/wechat' ? login(me) : ok({})));
  await act(() => session.start());
  const calls = serveBy(api);
  render(<StaffConsolePage />);
  // The to-do count of 入会审核 loads on its own: let it land inside act.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return calls;
}

const typePhone = (value: string) => typeInto('.staff-grant__phone', value);

beforeEach(() => {
  storage.clear();
  session.reset();
});

test('an admin sees the staff with masked phones, role tags and last seen in Beijing time', async () => {
  await openAs(admin);
  await screen.findByText('郑同事');
  expect(screen.getAllByText('管理员')).toHaveLength(1);
  expect(screen.getAllByText('工作人员').length).toBeGreaterThanOrEqual(2);
  expect(screen.getByText(/138\*\*\*\*0005 · 最近登录\s*2026-03-05 14:07/)).toBeTruthy();
  expect(screen.getByText(/未绑定手机号 · 最近登录\s*暂无/)).toBeTruthy();
  fireEvent.click(screen.getByText('操作日志'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/staff/pages/audit/index' });
});

test('granting checks the phone with the contract before asking the server', async () => {
  const calls = await openAs(admin);
  await screen.findByText('郑同事');
  await typePhone('1380000');
  fireEvent.click(screen.getByText('授权'));
  await screen.findByText('请输入正确的 11 位手机号（以 13–19 开头）');
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
});

test('a grant sends the value the contract parsed, then shows the list again', async () => {
  const parse = jest.spyOn(grantStaffRequestSchema, 'safeParse');
  const calls = await openAs(admin, (call) =>
    call.method === 'POST' ? ok({ ...list.items[1], roles: ['staff', 'admin'] }) : ok(list),
  );
  await screen.findByText('郑同事');
  await typePhone(' 13800000009 ');
  const adminSwitch = document.querySelector('.staff-grant__row taro-switch-core');
  if (!adminSwitch) throw new Error('no admin switch');
  fireEvent(adminSwitch, new CustomEvent('change', { detail: { value: true }, bubbles: true }));
  fireEvent.click(screen.getByText('授权'));
  await waitFor(() => expect(calls.filter((c) => c.path === '/api/staff')).toHaveLength(3));
  const parsed = parse.mock.results.at(-1)?.value as ReturnType<typeof grantStaffRequestSchema.safeParse>;
  const post = calls.find((c) => c.method === 'POST');
  expect(parsed.success).toBe(true);
  expect(post?.data).toBe(parsed.data);
  expect(post?.data).toEqual({ phone: '13800000009', admin: true });
  parse.mockRestore();
});

test("a refused grant shows the server's message", async () => {
  const calls = await openAs(admin, (call) =>
    call.method === 'POST'
      ? { statusCode: 404, data: { code: 'NOT_FOUND', message: '没有找到使用该手机号登录过的用户' } }
      : ok(list),
  );
  await screen.findByText('郑同事');
  await typePhone('13800000009');
  fireEvent.click(screen.getByText('授权'));
  await screen.findByText('没有找到使用该手机号登录过的用户');
  expect(calls.find((c) => c.method === 'POST')).toMatchObject({
    path: '/api/staff',
    data: { phone: '13800000009', admin: false },
  });
});

test("one's own row offers no 撤销; a refused revoke shows the server's message", async () => {
  const calls = await openAs(admin, (call) =>
    call.method === 'DELETE'
      ? { statusCode: 409, data: { code: 'CONFLICT', message: '数据已被修改，请刷新后重试' } }
      : ok(list),
  );
  await screen.findByText('周工作');
  expect(screen.getByText('本人')).toBeTruthy();
  expect(screen.getAllByText('撤销')).toHaveLength(1);
  fireEvent.click(screen.getByText('撤销'));
  await waitFor(() =>
    expect(showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '无法撤销', content: '数据已被修改，请刷新后重试' }),
    ),
  );
  expect(calls.find((c) => c.method === 'DELETE')?.path).toBe('/api/staff/7');
});

test('staff who are not admins get the log but no staff management', async () => {
  const calls = await openAs(staffOnly);
  expect(screen.getByText('操作日志')).toBeTruthy();
  expect(screen.queryByText('添加工作人员')).toBeNull();
  // The to-do counts of 入会审核, the groups, submissions, receipts, event invoices, level requests and
  // units proposed for removal, never the staff list.
  expect(calls.map((c) => c.path).sort()).toEqual([
    '/api/applications?limit=1',
    '/api/dues/arrears?proposed=true',
    '/api/dues/receipt-requests?status=requested&limit=50',
    '/api/events/invoice-requests?status=requested&limit=50',
    '/api/groups/removals?done=false',
    '/api/groups/todos?done=false',
    '/api/level-requests?state=open&limit=50',
    '/api/submissions?state=in_review&limit=20',
  ]);
});

test('a visitor who opens the page anyway is told it is for staff, and nothing of it is loaded', async () => {
  const calls = await openAs(visitor);
  expect(screen.getByText('此页面仅限会员服务部工作人员使用')).toBeTruthy();
  expect(screen.queryByText('添加工作人员')).toBeNull();
  expect(calls).toEqual([]);
});

test('入会审核 shows the to-do count from the queue; it and 入会推广码 open their pages', async () => {
  const campaigner = { ...staffOnly, can: { ...staffOnly.can, manageCampaigns: true } };
  const calls = await openAs(campaigner, (call) =>
    call.path.startsWith('/api/applications') ? ok({ items: [], nextCursor: null, pending: 3 }) : ok(list),
  );
  await screen.findByLabelText('3 份待审核');
  expect(calls.map((c) => c.path)).toContain('/api/applications?limit=1');
  fireEvent.click(screen.getByText('入会审核'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/join/staff/applications/index' });
  fireEvent.click(screen.getByText('入会推广码'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/join/staff/campaigns/index' });
});

test('with nothing to review 入会审核 says so; without manageCampaigns there is no 入会推广码', async () => {
  await openAs(staffOnly, (call) =>
    call.path.startsWith('/api/applications') ? ok({ items: [], nextCursor: null, pending: 0 }) : ok(list),
  );
  await screen.findByText('暂无待审核');
  expect(screen.queryByText('入会推广码')).toBeNull();
});

test('会员 links open the units and groups pages; 入群待办 and 待移出群聊 show their open counts', async () => {
  const calls = await openAs(staffOnly, (call) => {
    if (call.path.startsWith('/api/groups/todos')) return ok({ items: [], open: 4 });
    if (call.path.startsWith('/api/groups/removals')) return ok({ items: [], open: 0 });
    return ok({ items: [], nextCursor: null, pending: 0 });
  });
  await screen.findByLabelText('4 项入群待办');
  expect(screen.getByText('暂无')).toBeTruthy();
  expect(calls.map((c) => c.path)).toEqual(
    expect.arrayContaining(['/api/groups/todos?done=false', '/api/groups/removals?done=false']),
  );
  const opens = [
    ['会员单位', '/packages/unit/staff/units/index'],
    ['会员微信群', '/packages/groups/staff/groups/index'],
    ['入群待办', '/packages/groups/staff/group-todos/index'],
    ['待移出群聊', '/packages/groups/staff/group-removals/index'],
  ];
  for (const [text, url] of opens) {
    fireEvent.click(screen.getByText(text as string));
    expect(navigateTo).toHaveBeenLastCalledWith({ url });
  }
});

test('back from 待移出群聊 the count is asked again', async () => {
  let open = 2;
  const calls = await openAs(staffOnly, (call) =>
    call.path.startsWith('/api/groups/')
      ? ok({ items: [], open })
      : ok({ items: [], nextCursor: null, pending: 0 }),
  );
  await screen.findByLabelText('2 人待移出群聊');
  open = 0;
  // The mock keeps every render's callback: the latest ones are the page's current hooks.
  act(() => {
    for (const shown of shownCallbacks.slice(-12)) shown();
  });
  await waitFor(() => expect(screen.queryByLabelText(/人待移出群聊/)).toBeNull());
  expect(calls.filter((c) => c.path === '/api/groups/removals?done=false').length).toBeGreaterThan(1);
});

test('资讯: 文章管理 and 投稿审核 open their pages; the first page of the queue gives the count', async () => {
  const item = (id: number) => ({
    id,
    category: 'member_showcase',
    title: `投稿${id}`,
    summary: '',
    coverUrl: null,
    state: 'in_review',
    unit: { id: 1, name: '示例会员单位' },
    submitterName: '李主联',
    submittedAt: '2026-11-20T02:00:00.000Z',
    flagged: false,
    decidedAt: null,
    rejectReason: null,
  });
  let page = { items: [item(1), item(2)], nextCursor: 'c2' as string | null };
  await openAs(staffOnly, (call) =>
    call.path.startsWith('/api/submissions') ? ok(page) : ok({ items: [], nextCursor: null, pending: 0 }),
  );
  await screen.findByLabelText('2+ 篇投稿待审核');
  fireEvent.click(screen.getByText('文章管理'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/news/staff/articles/index' });
  fireEvent.click(screen.getByText('投稿审核'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/submit/staff/submissions/index' });
  page = { items: [], nextCursor: null };
  act(() => {
    for (const shown of shownCallbacks.slice(-12)) shown();
  });
  await screen.findByText('暂无投稿');
});

test('会费 shows how many receipt requests wait, "50+" past one page, and opens the dues overview', async () => {
  const request = (billId: number) => ({
    billId,
    unitName: `单位${billId}`,
    year: 2026,
    amountFen: 300000,
    paidFen: 300000,
    receipt: {
      status: 'requested',
      title: `单位${billId}`,
      taxNumber: null,
      number: null,
      requestedAt: '2026-11-20T02:00:00.000Z',
      issuedAt: null,
    },
  });
  const calls = await openAs(staffOnly, (call) =>
    call.path.startsWith('/api/dues/receipt-requests')
      ? ok({ items: Array.from({ length: 50 }, (_, i) => request(i + 1)), nextCursor: 'c50' })
      : ok({ items: [], nextCursor: null, pending: 0 }),
  );
  await screen.findByLabelText('50+ 份开票申请');
  expect(calls.map((c) => c.path)).toContain('/api/dues/receipt-requests?status=requested&limit=50');
  fireEvent.click(screen.getByText('会费'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/dues/staff/index/index' });
});

test('活动发票 shows how many invoice requests wait and opens the queue', async () => {
  const request = (registrationId: number) => ({
    registrationId,
    eventId: 7,
    eventTitle: '2027 ITSS 会议周',
    name: `参会人${registrationId}`,
    unitName: null,
    priceFen: 80000,
    invoice: {
      status: 'requested',
      title: `单位${registrationId}`,
      taxNumber: null,
      number: null,
      url: null,
      requestedAt: '2027-01-10T02:00:00.000Z',
      issuedAt: null,
    },
  });
  const calls = await openAs(staffOnly, (call) =>
    call.path.startsWith('/api/events/invoice-requests')
      ? ok({ items: [request(1), request(2), request(3)], nextCursor: null })
      : ok({ items: [], nextCursor: null, pending: 0 }),
  );
  await screen.findByLabelText('3 份开票申请');
  expect(calls.map((c) => c.path)).toContain('/api/events/invoice-requests?status=requested&limit=50');
  fireEvent.click(screen.getByText('活动发票'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/events/staff/invoices/index' });
});
