import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Application } from '@itss/shared';
import { application, login, ok, serveBy, visitor, type Call } from '@test/fixtures';
import { navigateTo, routerParams, showModal, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import DetailPage from './index';

function serveApplication(shown: Application, after: Application = shown): Call[] {
  let current = shown;
  return serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(visitor);
    if (call.path === `/api/applications/${shown.id}` && call.method === 'GET') return ok(current);
    if (call.method === 'POST' && call.path.startsWith(`/api/applications/${shown.id}/`)) {
      current = after;
      return ok(after);
    }
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
}

async function open(id: number): Promise<void> {
  routerParams.id = String(id);
  await act(() => session.start());
  render(<DetailPage />);
}

beforeEach(() => {
  showModal.mockReset().mockResolvedValue({ errMsg: 'ok', confirm: true });
  storage.clear();
  session.reset();
  process.env.TARO_ENV = 'weapp';
});

test('needs_info: the reason, the full history with who and when, the fields, and edit leads to the form', async () => {
  serveApplication(application);
  await open(42);
  await screen.findByText('会员服务部请您补充材料：');
  expect(screen.getAllByText('营业执照照片不清晰，请重新上传')).toHaveLength(2);
  const history = document.querySelector('.detail-history')?.textContent ?? '';
  expect(history).toContain('待审核');
  expect(history).toContain('申请人');
  expect(history).toContain('2026-11-20 10:00');
  expect(history).toContain('待补充材料');
  expect(history).toContain('会员服务部');
  expect(history).toContain('2026-11-21 11:30');
  expect(screen.getByText('委员单位 · 10,000 元/年')).toBeTruthy();
  expect(screen.getByText('营业执照.pdf（200 KB）')).toBeTruthy();
  fireEvent.click(screen.getByText('修改申请'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/join/pages/apply/index?id=42' });
});

test('resubmit without changes: POST …/resubmit, then the new state', async () => {
  const calls = serveApplication(application, { ...application, state: 'resubmitted' });
  await open(42);
  fireEvent.click(await screen.findByText('不修改，直接重新提交'));
  await screen.findByText('已重新提交');
  expect(calls.some((c) => c.method === 'POST' && c.path === '/api/applications/42/resubmit')).toBe(true);
  expect(screen.queryByText('修改申请')).toBeNull();
});

test('withdraw asks first; declining sends nothing, confirming withdraws', async () => {
  const calls = serveApplication(
    { ...application, state: 'submitted' },
    { ...application, state: 'withdrawn' },
  );
  await open(42);
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  fireEvent.click(await screen.findByText('撤回申请'));
  await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1));
  expect(calls.some((c) => c.path.endsWith('/withdraw'))).toBe(false);
  fireEvent.click(screen.getByText('撤回申请'));
  await screen.findByText('已撤回');
  expect(calls.filter((c) => c.path === '/api/applications/42/withdraw')).toHaveLength(1);
  expect(screen.queryByText('撤回申请')).toBeNull();
});

test('approved: a link to the unit, nothing to withdraw', async () => {
  serveApplication({ ...application, state: 'approved', unit: { id: 9, name: '北京数智运维科技有限公司' } });
  await open(42);
  fireEvent.click(await screen.findByText('查看我的单位'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/unit/pages/index/index?id=9' });
  expect(screen.queryByText('撤回申请')).toBeNull();
});

test('another person’s application (404) shows the error with 重试', async () => {
  serveApplication(application);
  await open(43);
  await screen.findByText('您访问的内容不存在');
  expect(screen.getByText('重试')).toBeTruthy();
});
