import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DirectoryEntry, Me } from '@itss/shared';
import { typeInto } from '@test/forms';
import { login, ok, serveBy, visitor, type Answer, type Call } from '@test/fixtures';
import { showModal, storage, switchTab, useReachBottom } from '@test/taro-mock';
import { session } from '@/services/session';
import DirectoryPage from './index';

const entry = (id: number, name: string, level: DirectoryEntry['level'] = 'member'): DirectoryEntry => ({
  id,
  name,
  level,
  province: '浙江省',
  joinedYear: 2019,
});
const cloud = entry(9, '杭州云栈信息技术有限公司', 'committee');

/** The directory by query string; `join` answers POST …/join-requests. */
function serveDirectory(
  me: Me | null,
  pages: Record<string, Answer>,
  join: (call: Call) => Answer = () => ({
    statusCode: 201,
    data: {
      id: 31,
      unit: { id: 9, name: cloud.name },
      name: '孙同事',
      title: '运维经理',
      phoneMasked: null,
      state: 'pending',
      createdAt: '2026-11-24T04:00:00.000Z',
      decidedAt: null,
    },
  }),
): Call[] {
  return serveBy((call) => {
    if (call.path === '/api/auth/wechat' && me) return login(me);
    if (call.path.endsWith('/join-requests') && call.method === 'POST') return join(call);
    const [path, query = ''] = call.path.split('?');
    if (path === '/api/directory') return pages[query] ?? ok({ items: [], nextCursor: null });
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
}

async function openDirectory(signedIn = true): Promise<void> {
  if (!signedIn) process.env.TARO_ENV = 'h5';
  await act(() => session.start());
  render(<DirectoryPage />);
}

const directoryCalls = (calls: Call[]) => calls.filter((call) => call.path.startsWith('/api/directory'));

beforeEach(() => {
  storage.clear();
  session.reset();
});

test('lists units with level, province and year joined; scrolling to the end loads the next page by cursor', async () => {
  const calls = serveDirectory(visitor, {
    '': ok({ items: [cloud], nextCursor: 'c1' }),
    'cursor=c1': ok({ items: [entry(8, '北京数智运维科技有限公司')], nextCursor: null }),
  });
  await openDirectory();
  await screen.findByText('杭州云栈信息技术有限公司');
  expect(screen.getByText('委员单位 · 浙江省 · 2019 年入会')).toBeTruthy();
  const reachBottom = useReachBottom.mock.calls.at(-1)?.[0];
  act(() => reachBottom?.());
  await screen.findByText('北京数智运维科技有限公司');
  expect(screen.getByText('没有更多了')).toBeTruthy();
  expect(directoryCalls(calls).map((call) => call.path)).toEqual([
    '/api/directory',
    '/api/directory?cursor=c1',
  ]);
});

test('a level tab and a search each ask the server again from the first page', async () => {
  const calls = serveDirectory(visitor, {
    '': ok({ items: [cloud], nextCursor: null }),
    'level=committee': ok({ items: [cloud], nextCursor: null }),
    'q=%E4%BA%91%E6%A0%88&level=committee': ok({ items: [], nextCursor: null }),
  });
  await openDirectory();
  await screen.findByText('杭州云栈信息技术有限公司');
  for (const tab of ['全部', '会员单位', '委员单位', '副会长单位', '会长单位'])
    expect(screen.getByText(tab)).toBeTruthy();
  fireEvent.click(screen.getByText('委员单位'));
  await waitFor(() => expect(directoryCalls(calls)).toHaveLength(2));
  await typeInto('.directory-search__input', '云栈');
  fireEvent.click(screen.getByText('搜索'));
  await screen.findByText('没有找到名称含「云栈」的会员单位');
  expect(directoryCalls(calls).map((call) => call.path)).toEqual([
    '/api/directory',
    '/api/directory?level=committee',
    '/api/directory?q=%E4%BA%91%E6%A0%88&level=committee',
  ]);
});

test('an unreachable server shows the error, and 重试 loads again', async () => {
  let offline = true;
  serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(visitor);
    if (offline) return 'offline';
    return ok({ items: [cloud], nextCursor: null });
  });
  await openDirectory();
  await screen.findByText('重试');
  offline = false;
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('杭州云栈信息技术有限公司');
});

test('someone without a unit asks to join: credit code, name and title go to that unit', async () => {
  const calls = serveDirectory(visitor, { '': ok({ items: [cloud], nextCursor: null }) });
  await openDirectory();
  fireEvent.click(await screen.findByText('杭州云栈信息技术有限公司'));
  await screen.findByText('申请成为该单位联系人');
  await typeInto('.identity-input--creditCode', '91330106ma2h0y2x1k');
  await typeInto('.identity-input--name', '孙同事');
  await typeInto('.identity-input--title', '运维经理');
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '申请已提交' })),
  );
  expect(calls.filter((call) => call.method === 'POST' && call.path !== '/api/auth/wechat')).toEqual([
    expect.objectContaining({
      path: '/api/units/9/join-requests',
      // The contract's schema upper-cases the code as the server would.
      data: { creditCode: '91330106MA2H0Y2X1K', name: '孙同事', title: '运维经理' },
    }),
  ]);
  expect(screen.queryByText('申请成为该单位联系人')).toBeNull();
});

test('a malformed credit code is refused on the form; nothing is sent', async () => {
  const calls = serveDirectory(visitor, { '': ok({ items: [cloud], nextCursor: null }) });
  await openDirectory();
  fireEvent.click(await screen.findByText('杭州云栈信息技术有限公司'));
  await typeInto('.identity-input--creditCode', '1234');
  await typeInto('.identity-input--name', '孙同事');
  fireEvent.click(screen.getByText('提交申请'));
  await screen.findByText('统一社会信用代码应为 18 位数字或大写字母');
  expect(calls.filter((call) => call.method === 'POST' && call.path !== '/api/auth/wechat')).toHaveLength(0);
});

test.each([
  [400, 'CREDIT_CODE_MISMATCH', '统一社会信用代码核对未通过，请核对营业执照后重新输入'],
  [429, 'RATE_LIMITED', '信用代码核对失败次数过多，请 42 分钟后再试'],
  [409, 'JOIN_REQUEST_OPEN', '您已有一份待处理的加入申请，请等待单位主联系人或分会工作人员处理'],
])('a refusal (%s %s) is shown as the server says it, and the sheet stays', async (status, code, message) => {
  serveDirectory(visitor, { '': ok({ items: [cloud], nextCursor: null }) }, () => ({
    statusCode: status,
    data: { code, message },
  }));
  await openDirectory();
  fireEvent.click(await screen.findByText('杭州云栈信息技术有限公司'));
  await typeInto('.identity-input--creditCode', '91330106MA2H0Y2X1K');
  await typeInto('.identity-input--name', '孙同事');
  fireEvent.click(screen.getByText('提交申请'));
  await screen.findByText(message);
  expect(screen.getByText('申请成为该单位联系人')).toBeTruthy();
});

test('a unit’s contact only browses: no 申请加入, and tapping opens nothing', async () => {
  const member: Me = {
    ...visitor,
    unit: { id: 9, name: cloud.name, level: 'committee', status: 'active', isPrimaryContact: true },
  };
  serveDirectory(member, { '': ok({ items: [cloud], nextCursor: null }) });
  await openDirectory();
  fireEvent.click(await screen.findByText('杭州云栈信息技术有限公司'));
  expect(screen.queryByText('申请加入')).toBeNull();
  expect(screen.queryByText('申请成为该单位联系人')).toBeNull();
});

test('signed out: the list is public, and the hint leads to 我的 to log in', async () => {
  serveDirectory(null, { '': ok({ items: [cloud], nextCursor: null }) });
  await openDirectory(false);
  await screen.findByText('杭州云栈信息技术有限公司');
  expect(screen.queryByText('申请加入')).toBeNull();
  fireEvent.click(screen.getByText(/登录后可在名录中找到单位/));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
});
