import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { submission } from '@test/editor-fixtures';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { typeInTextarea } from '@test/forms';
import { routerParams, showModal } from '@test/taro-mock';
import SubmissionReviewPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

function open(api: (call: Call) => Answer): Call[] {
  routerParams.id = '21';
  const calls = serveBy(api);
  render(<SubmissionReviewPage />);
  return calls;
}

const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');

test('通过 asks first, then posts approve and shows the decision', async () => {
  let decided = false;
  const calls = open((call) => {
    if (call.method === 'GET')
      return ok(
        decided
          ? submission({ state: 'published', decidedAt: '2026-11-21T02:00:00.000Z' })
          : submission({ flagged: true }),
      );
    decided = true;
    return ok({});
  });
  await screen.findByText('示例单位获评优秀运维服务商');
  expect(screen.getAllByText('需人工复核')).toHaveLength(1);
  expect(screen.getByText('会员风采 · 示例会员单位')).toBeTruthy();
  fireEvent.click(screen.getByText('通过'));
  await screen.findByText('已发布 · 2026-11-21 10:00');
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '通过投稿' }));
  expect(writes(calls)).toEqual([
    expect.objectContaining({
      method: 'POST',
      path: '/api/submissions/21/decisions',
      data: { decision: 'approve' },
    }),
  ]);
});

test('退回 needs a reason of at least 2 characters before anything is sent', async () => {
  const calls = open((call) => (call.method === 'GET' ? ok(submission()) : ok({})));
  await screen.findByText('示例单位获评优秀运维服务商');
  fireEvent.click(screen.getByText('退回'));
  await typeInTextarea('.submission-decision__reason', '短');
  fireEvent.click(screen.getByText('确认退回'));
  await screen.findByText('退回时请填写原因（至少 2 个字），投稿人会在消息中看到');
  expect(writes(calls)).toEqual([]);
  await typeInTextarea('.submission-decision__reason', '请补充案例数据');
  fireEvent.click(screen.getByText('确认退回'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(writes(calls)[0]?.data).toEqual({ decision: 'reject', reason: '请补充案例数据' });
});

test('a submission another staff member decided first: 已处理, and the page shows its state', async () => {
  let decided = false;
  open((call) => {
    if (call.method === 'GET')
      return ok(
        decided
          ? submission({ state: 'rejected', rejectReason: '内容重复', decidedAt: '2026-11-21T02:00:00.000Z' })
          : submission(),
      );
    decided = true;
    return {
      statusCode: 409,
      data: { code: 'SUBMISSION_ALREADY_DECIDED', message: '该投稿已处理，请刷新后查看' },
    };
  });
  await screen.findByText('示例单位获评优秀运维服务商');
  fireEvent.click(screen.getByText('通过'));
  await screen.findByText('未通过 · 2026-11-21 10:00 · 原因：内容重复');
  expect(showModal).toHaveBeenLastCalledWith(
    expect.objectContaining({ title: '已处理', content: '该投稿已处理，请刷新后查看' }),
  );
});
