import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { navigateTo, showModal, showToast } from '@test/taro-mock';
import { todo, serveTasks } from '@/packages/staff/test-fixtures';
import GroupTodosPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

const open = [
  todo(1),
  todo(2, { kind: 'code_expiring', person: null, group: { id: 3, name: 'ITSS 委员交流群' } }),
];
const done = [todo(4, { doneAt: '2026-11-22T03:00:00.000Z', doneBy: '周工作' })];

function show(
  write: (call: Call) => Answer = () => ok(todo(1, { doneAt: '2026-11-24T01:00:00.000Z' })),
): Call[] {
  const calls = serveTasks(open, done, write);
  render(<GroupTodosPage />);
  return calls;
}

test('an add_member to-do shows the person, unit, nickname and masked phone; code_expiring the group', async () => {
  const calls = show();
  await screen.findByText('王同事 · 北京数智运维科技有限公司');
  expect(screen.getByText('群昵称：数智运维-王同事')).toBeTruthy();
  expect(screen.getByText('手机号：138****0003')).toBeTruthy();
  expect(screen.getByText('拉入群聊 · ITSS 会员交流1群')).toBeTruthy();
  expect(screen.getByText('群二维码即将过期')).toBeTruthy();
  expect(screen.getByText('ITSS 委员交流群')).toBeTruthy();
  expect(calls.map((c) => c.path)).toEqual(['/api/groups/todos?done=false']);
  fireEvent.click(screen.getByText('去上传'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/groups/staff/groups/index' });
});

test('已处理 asks first, ticks the to-do off and loads the list again', async () => {
  const calls = show();
  await screen.findByText('王同事 · 北京数智运维科技有限公司');
  fireEvent.click(screen.getAllByText('已处理').find((el) => el.closest('.task-row')) as Element);
  await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '已拉入群聊' }));
  expect(calls.find((c) => c.method === 'POST')?.path).toBe('/api/groups/todos/1/done');
  await waitFor(() => expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2));
});

test('ticked off by someone else first (409) is a short note, and the list is shown again', async () => {
  const calls = show(() => ({
    statusCode: 409,
    data: { code: 'GROUP_TASK_ALREADY_DONE', message: '该事项已由其他工作人员处理，请刷新后查看' },
  }));
  await screen.findByText('王同事 · 北京数智运维科技有限公司');
  fireEvent.click(screen.getAllByText('已处理').find((el) => el.closest('.task-row')) as Element);
  await waitFor(() =>
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已由其他工作人员处理' })),
  );
  await waitFor(() => expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2));
});

test('the 已处理 tab shows who ticked each off and when, with nothing left to tick', async () => {
  const calls = show();
  await screen.findByText('王同事 · 北京数智运维科技有限公司');
  fireEvent.click(document.querySelectorAll('.staff-chips__chip')[1] as Element);
  await screen.findByText('周工作 处理于 2026-11-22 11:00');
  expect(calls.map((c) => c.path)).toEqual(['/api/groups/todos?done=false', '/api/groups/todos?done=true']);
  expect(document.querySelector('.task-row__done')).toBeNull();
});

test('nothing to do says so', async () => {
  serveBy(() => ok({ items: [], open: 0 }));
  render(<GroupTodosPage />);
  await screen.findByText('暂无入群待办');
});
