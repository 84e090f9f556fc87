import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { showModal } from '@test/taro-mock';
import { removal, serveTasks } from '@/packages/staff/test-fixtures';
import GroupRemovalsPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

const open = [removal(1), removal(2, { name: '陈离职', nickname: '云服-陈离职', reason: 'contact_left' })];
const done = [removal(3, { reason: 'unit_removed', doneAt: '2026-11-23T06:30:00.000Z', doneBy: '吴员工' })];

function show(
  write: (call: Call) => Answer = (call) => ok(removal(Number(call.path.split('/')[4]))),
): Call[] {
  const calls = serveTasks(open, done, write);
  render(<GroupRemovalsPage />);
  return calls;
}

test('each person shows name, unit, nickname, group and the reason', async () => {
  show();
  await screen.findByText('陈离职 · 北京数智运维科技有限公司');
  expect(screen.getByText('群昵称：数智运维-王同事')).toBeTruthy();
  expect(screen.getAllByText('所在群：ITSS 会员交流1群')).toHaveLength(2);
  expect(screen.getByText('单位暂停会员资格')).toBeTruthy();
  expect(screen.getByText('已不是单位联系人')).toBeTruthy();
});

test('已移出 asks with the nickname, ticks the removal off and shows the list again', async () => {
  const calls = show();
  await screen.findByText('陈离职 · 北京数智运维科技有限公司');
  fireEvent.click(screen.getAllByText('已移出')[1] as Element);
  await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
  expect(showModal).toHaveBeenCalledWith(
    expect.objectContaining({ content: '已在「ITSS 会员交流1群」中将「云服-陈离职」移出了吗？' }),
  );
  expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/groups/removals/2/done');
  await waitFor(() => expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2));
});

test('a cancelled confirmation sends nothing', async () => {
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  const calls = show();
  await screen.findByText('陈离职 · 北京数智运维科技有限公司');
  fireEvent.click(screen.getAllByText('已移出')[0] as Element);
  await waitFor(() => expect(showModal).toHaveBeenCalled());
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
});

test('the 已处理 tab shows who removed each person and when', async () => {
  const calls = show();
  await screen.findByText('陈离职 · 北京数智运维科技有限公司');
  fireEvent.click(screen.getByText('已处理'));
  await screen.findByText('吴员工 移出于 2026-11-23 14:30');
  expect(screen.getByText('单位被除名')).toBeTruthy();
  expect(screen.queryByText('已移出')).toBeNull();
  expect(calls.map((c) => c.path)).toEqual([
    '/api/groups/removals?done=false',
    '/api/groups/removals?done=true',
  ]);
});

test('a failed list offers 重试; an empty one says so', async () => {
  let fail = true;
  serveBy(() => (fail ? 'offline' : ok({ items: [], open: 0 })));
  render(<GroupRemovalsPage />);
  await screen.findByText('重试');
  fail = false;
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('暂无待移出群聊的人员');
});
