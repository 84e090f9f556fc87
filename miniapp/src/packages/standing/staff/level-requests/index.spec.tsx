import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { LevelRequest, PresidentSeat } from '@itss/shared';
import { ok, serveBy, signedInAs, staffOnly, type Answer, type Call } from '@test/fixtures';
import { typeInTextarea } from '@test/forms';
import { showModal, showToast } from '@test/taro-mock';
import { levelRequest } from '@/packages/standing/test-fixtures';
import LevelRequestsPage from './index';

function open(
  requests: () => LevelRequest[],
  seat: () => PresidentSeat,
  writes: (call: Call) => Answer = () => ok({}),
): Call[] {
  signedInAs(staffOnly);
  const calls = serveBy((call) => {
    if (call.method === 'POST') return writes(call);
    if (call.path === '/api/president-seat') return ok(seat());
    const state = /state=(\w+)/.exec(call.path)?.[1];
    return ok({ items: requests().filter((r) => !state || r.state === state), nextCursor: null });
  });
  render(<LevelRequestsPage />);
  return calls;
}

const text = () => document.body.textContent ?? '';
const posts = (calls: Call[]) => calls.filter((call) => call.method === 'POST');
const chip = (name: string) =>
  [...document.querySelectorAll('.staff-chips__chip')].find((el) => el.textContent === name)!;

const president = (id: number, unitName: string) =>
  levelRequest(id, { unitId: 100 + id, unitName, fromLevel: 'vice_president', toLevel: 'president' });

test('the queue opens on 待审核, with the 会长单位 seat’s holder; other states on their chip', async () => {
  const all = [
    levelRequest(1),
    levelRequest(2, { unitName: '上海数据服务有限公司', state: 'rejected', decisionReason: '材料不全' }),
  ];
  const calls = open(
    () => all,
    () => ({ holder: { unitId: 50, unitName: '深圳市鹏城云服务股份有限公司' }, openRequests: 0 }),
  );
  await screen.findByText('深圳市鹏城云服务股份有限公司');
  await screen.findByText('升级：会员单位 → 委员单位');
  expect(calls.map((c) => c.path).sort()).toEqual([
    '/api/level-requests?state=open&limit=20',
    '/api/president-seat',
  ]);
  expect(text()).not.toContain('上海数据服务有限公司');
  expect(screen.getByText('批准')).toBeTruthy();

  fireEvent.click(chip('未通过'));
  await screen.findByText('上海数据服务有限公司');
  expect(text()).toContain('审核意见：材料不全');
  expect(screen.queryByText('批准')).toBeNull();
});

test('批准 an upgrade says what follows, then the request leaves the queue', async () => {
  let requests = [levelRequest(1)];
  const calls = open(
    () => requests,
    () => ({ holder: null, openRequests: 0 }),
    () => {
      requests = [{ ...requests[0]!, state: 'approved' }];
      return ok(requests[0]);
    },
  );
  fireEvent.click(await screen.findByText('批准'));
  await screen.findByText('暂无待审核的级别申请');
  const asked = showModal.mock.calls.at(-1)?.[0];
  expect(asked?.title).toBe('批准委员单位申请');
  expect(asked?.content).toContain('按本年剩余月份（含本月）生成本年度的会费差额账单');
  expect(posts(calls)).toEqual([
    expect.objectContaining({ path: '/api/level-requests/1/decisions', data: { decision: 'approve' } }),
  ]);
  expect(showToast).toHaveBeenCalledWith({ title: '已批准', icon: 'success' });
});

test('approving one of several president requests warns that the others will be refused', async () => {
  open(
    () => [
      president(1, '甲科技有限公司'),
      president(2, '乙信息技术有限公司'),
      president(3, '丙数据有限公司'),
    ],
    () => ({ holder: null, openRequests: 3 }),
  );
  await screen.findByText('会长单位只设一家；3 份会长单位申请待审核，批准其中一份将自动不批准其余申请');
  expect(text()).toContain('暂无（空缺）');
  fireEvent.click((await screen.findAllByText('批准'))[0]!);
  await waitFor(() => expect(showModal).toHaveBeenCalled());
  expect(showModal.mock.calls.at(-1)?.[0]?.content).toContain('批准后，其他 2 份会长单位申请将自动不予批准');
});

test('a president request while the seat is held says it cannot be approved; the server’s refusal is shown', async () => {
  open(
    () => [president(1, '甲科技有限公司')],
    () => ({ holder: { unitId: 50, unitName: '深圳市鹏城云服务股份有限公司' }, openRequests: 1 }),
    () => ({
      statusCode: 409,
      data: {
        code: 'STANDING_PRESIDENT_SEAT_TAKEN',
        message: '分会已有会长单位，会长单位只设一家，暂不能申请',
      },
    }),
  );
  await screen.findByText('会长单位现为「深圳市鹏城云服务股份有限公司」，会长单位只设一家，此申请不能批准。');
  fireEvent.click(screen.getByText('批准'));
  await screen.findByText('分会已有会长单位，会长单位只设一家，暂不能申请');
});

test('不批准 needs the reason the unit will read', async () => {
  let requests = [levelRequest(1)];
  const calls = open(
    () => requests,
    () => ({ holder: null, openRequests: 0 }),
    () => {
      requests = [];
      return ok({ ...levelRequest(1), state: 'rejected' });
    },
  );
  fireEvent.click(await screen.findByText('不批准'));
  fireEvent.click(screen.getByText('确认不批准'));
  await screen.findByText('不批准时请填写原因，申请单位会看到');
  expect(posts(calls)).toEqual([]);
  await typeInTextarea('.level-decision__reason', '请先参与一年委员会工作');
  fireEvent.click(screen.getByText('确认不批准'));
  await screen.findByText('暂无待审核的级别申请');
  expect(posts(calls)[0]?.data).toEqual({ decision: 'reject', reason: '请先参与一年委员会工作' });
});
