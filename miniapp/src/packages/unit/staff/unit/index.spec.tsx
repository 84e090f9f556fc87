import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { unitStatusChangeRequestSchema } from '@itss/shared';
import { typeInTextarea } from '@test/forms';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { routerParams, setClipboardData, showModal } from '@test/taro-mock';
import { joinRequest, unit } from '@/packages/staff/test-fixtures';
import UnitPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

const invite = {
  token: 'tok_0123456789abcdefghijKLMN',
  expiresAt: '2026-12-01T02:00:00.000Z',
  path: 'packages/unit/pages/invite/index?token=tok_0123456789abcdefghijKLMN',
};

/** The unit at GET, no pending requests unless given; writes answer what `write` says. */
function open(write: (call: Call) => Answer = () => ok(unit()), requests = [joinRequest(31)]): Call[] {
  routerParams.id = '8';
  const calls = serveBy((call) => {
    if (call.method !== 'GET') return write(call);
    if (call.path.startsWith('/api/units/8/join-requests')) return ok({ items: requests });
    return call.path === '/api/units/8'
      ? ok(unit())
      : { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
  render(<UnitPage />);
  return calls;
}

const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');

const typeReason = (value: string) => typeInTextarea('.unit-status-panel__reason', value);

test('shows the fields, contacts with masked phones and the 主联系人 tag, seats, requests and history', async () => {
  const calls = open();
  await screen.findByText('91110108MA01ABCD2X');
  expect(screen.getByText('广东省 深圳市')).toBeTruthy();
  expect(screen.getByText('企业')).toBeTruthy();
  expect(screen.getByText('2019-06-01')).toBeTruthy();
  expect(screen.getByText('主联系人')).toBeTruthy();
  expect(screen.getByText(/市场总监 · 139\*\*\*\*0002/)).toBeTruthy();
  expect(screen.getByText(/138\*\*\*\*0003/)).toBeTruthy();
  expect(screen.getByText('名额 2/5')).toBeTruthy();
  expect(screen.getByText('入会申请通过', { exact: false })).toBeTruthy();
  expect(screen.getByText('系统')).toBeTruthy();
  await screen.findByText('赵申请');
  expect(calls.map((c) => c.path)).toEqual(['/api/units/8', '/api/units/8/join-requests?state=pending']);
  // Only the contact who is not primary can be made primary or removed.
  expect(screen.getAllByText('设为主联系人')).toHaveLength(1);
  expect(screen.getAllByText('移除')).toHaveLength(1);
});

test('a status change needs a reason the contract accepts, a confirmation, then PATCHes what it parsed', async () => {
  const parse = jest.spyOn(unitStatusChangeRequestSchema, 'safeParse');
  const calls = open(() => ok(unit({ status: 'suspended' })));
  await screen.findByText('91110108MA01ABCD2X');
  fireEvent.click(screen.getByText('暂停会员资格'));
  fireEvent.click(await screen.findByText('确认暂停会员资格'));
  await screen.findByText('请填写原因（至少 2 个字），会记入单位的状态记录');
  expect(writes(calls)).toHaveLength(0);
  await typeReason(' 连续两年未缴会费 ');
  fireEvent.click(screen.getByText('确认暂停会员资格'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '暂停会员资格' }));
  const parsed = parse.mock.results.at(-1)?.value as ReturnType<
    typeof unitStatusChangeRequestSchema.safeParse
  >;
  expect(writes(calls)[0]).toMatchObject({
    method: 'PATCH',
    path: '/api/units/8/status',
    data: { status: 'suspended', reason: '连续两年未缴会费' },
  });
  expect(writes(calls)[0]?.data).toBe(parsed.data);
  parse.mockRestore();
});

test('a cancelled confirmation sends nothing', async () => {
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  const calls = open();
  await screen.findByText('91110108MA01ABCD2X');
  fireEvent.click(screen.getByText('除名'));
  await typeReason('严重违反分会章程');
  fireEvent.click(screen.getByText('确认除名'));
  await waitFor(() => expect(showModal).toHaveBeenCalled());
  expect(writes(calls)).toHaveLength(0);
});

test('a removed unit says its status is final and offers no invite', async () => {
  routerParams.id = '8';
  serveBy((call) =>
    call.path.includes('join-requests') ? ok({ items: [] }) : ok(unit({ status: 'removed' })),
  );
  render(<UnitPage />);
  await screen.findByText('该单位已除名，状态不能再变更。');
  expect(screen.queryByText('暂停会员资格')).toBeNull();
  expect(screen.getByText('单位会员资格未恢复前不能添加联系人。')).toBeTruthy();
});

test('邀请联系人 shows the one-time link and its expiry, and copies the text to send', async () => {
  const calls = open(() => ok(invite));
  await screen.findByText('91110108MA01ABCD2X');
  fireEvent.click(screen.getByText('邀请联系人'));
  await screen.findByText(`https://api.test/#/${invite.path}`);
  expect(writes(calls)).toEqual([expect.objectContaining({ method: 'POST', path: '/api/units/8/invites' })]);
  expect(screen.getByText('有效期至 2026-12-01 10:00 · 仅可使用一次')).toBeTruthy();
  fireEvent.click(screen.getByText('复制邀请文字'));
  await waitFor(() => expect(setClipboardData).toHaveBeenCalled());
  expect(String(setClipboardData.mock.calls[0]?.[0].data)).toContain(`https://api.test/#/${invite.path}`);
});

test('a unit without contacts says the first to accept becomes the primary contact', async () => {
  routerParams.id = '8';
  serveBy((call) =>
    call.path.includes('join-requests')
      ? ok({ items: [] })
      : ok(unit({ contacts: [], primaryContact: null, seats: { used: 0, limit: 5 }, statusHistory: [] })),
  );
  render(<UnitPage />);
  await screen.findByText('暂无联系人');
  expect(screen.getByText('暂无状态变更记录')).toBeTruthy();
  expect(screen.getByText(/第一位接受邀请的人将成为主联系人/)).toBeTruthy();
  await screen.findByText('暂无待处理的加入申请');
});

test('同意 a join request posts the decision and loads the unit again', async () => {
  const calls = open(() => ok({ ...joinRequest(31), state: 'approved' }));
  await screen.findByText('赵申请');
  fireEvent.click(screen.getByText('同意'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(writes(calls)[0]).toMatchObject({
    method: 'POST',
    path: '/api/units/8/join-requests/31/decisions',
    data: { decision: 'approve' },
  });
  await waitFor(() => expect(calls.filter((c) => c.path === '/api/units/8')).toHaveLength(2));
});

test('拒绝 after another decided first shows the server’s message', async () => {
  const calls = open(() => ({
    statusCode: 409,
    data: { code: 'JOIN_REQUEST_DECIDED', message: '该申请已处理，请刷新后查看' },
  }));
  await screen.findByText('赵申请');
  fireEvent.click(screen.getByText('拒绝'));
  await waitFor(() =>
    expect(showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '操作未完成', content: '该申请已处理，请刷新后查看' }),
    ),
  );
  expect(writes(calls)[0]?.data).toEqual({ decision: 'decline' });
});

test('设为主联系人 and 移除 act on that contact after a confirmation', async () => {
  const calls = open(() => ({ statusCode: 204, data: '' }));
  await screen.findByText('王同事');
  fireEvent.click(screen.getByText('设为主联系人'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  fireEvent.click(screen.getByText('移除'));
  await waitFor(() => expect(writes(calls)).toHaveLength(2));
  expect(writes(calls)).toEqual([
    expect.objectContaining({ method: 'POST', path: '/api/units/8/primary-contact', data: { userId: 22 } }),
    expect.objectContaining({ method: 'DELETE', path: '/api/units/8/contacts/22' }),
  ]);
});

test('a unit the server does not show (404) says so with 重试', async () => {
  routerParams.id = '9';
  serveBy(() => ({ statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } }));
  render(<UnitPage />);
  await screen.findByText('您访问的内容不存在');
  expect(screen.getByText('重试')).toBeTruthy();
});
