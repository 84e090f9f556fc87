import { render, screen } from '@testing-library/react';
import { submission } from '@test/editor-fixtures';
import { ok, serveBy } from '@test/fixtures';
import { routerParams } from '@test/taro-mock';
import SubmissionDetailPage from './index';

test('a rejected submission shows why, and the text as readers would have seen it', async () => {
  routerParams.id = '21';
  const calls = serveBy(() => ok(submission({ state: 'rejected', rejectReason: '请补充图片' })));
  render(<SubmissionDetailPage />);
  await screen.findByText('未通过原因：请补充图片');
  expect(calls[0]?.path).toBe('/api/submissions/21');
  expect(screen.getByText('示例单位获评优秀运维服务商')).toBeTruthy();
  expect(document.querySelector('.article-body')).not.toBeNull();
});

test("another unit's or an unknown submission: the server's 404 message", async () => {
  routerParams.id = '99';
  serveBy(() => ({ statusCode: 404, data: { code: 'SUBMISSION_NOT_FOUND', message: '投稿不存在' } }));
  render(<SubmissionDetailPage />);
  await screen.findByText('投稿不存在');
});
