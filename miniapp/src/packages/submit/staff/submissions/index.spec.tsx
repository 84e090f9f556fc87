import { fireEvent, render, screen } from '@testing-library/react';
import { submission } from '@test/editor-fixtures';
import { admin, ok, serveBy, signedInAs } from '@test/fixtures';
import { navigateTo } from '@test/taro-mock';
import SubmissionsPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

const row = (id: number, flagged: boolean) => {
  const { body: _body, ...rest } = submission({ id, flagged, title: `投稿${id}` });
  return rest;
};

test('the queue asks for what is in review; rows show unit, title, category, time and the 需人工复核 flag', async () => {
  const calls = serveBy(() => ok({ items: [row(1, true), row(2, false)], nextCursor: null }));
  render(<SubmissionsPage />);
  await screen.findByText('投稿1');
  expect(calls[0]?.path).toBe('/api/submissions?state=in_review&limit=20');
  expect(screen.getAllByText('需人工复核')).toHaveLength(1);
  expect(screen.getAllByText('示例会员单位')).toHaveLength(2);
  expect(screen.getAllByText('李主联 提交于 2026-11-20 10:00')).toHaveLength(2);
  fireEvent.click(screen.getByText('投稿2'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/submit/staff/submission/index?id=2' });
});

test('an empty queue says so', async () => {
  serveBy(() => ok({ items: [], nextCursor: null }));
  render(<SubmissionsPage />);
  await screen.findByText('暂无待审核的投稿');
});
