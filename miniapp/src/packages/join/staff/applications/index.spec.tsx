import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ok, serveBy, staffOnly, login, type Answer, type Call } from '@test/fixtures';
import { campaign, summary } from '@test/review-fixtures';
import { downloadFile, openDocument, showModal, storage, useReachBottom } from '@test/taro-mock';
import { session } from '@/services/session';
import ApplicationsPage from './index';

const campaigns = ok({ items: [campaign(3, '2026 会议周展位'), campaign(4, '会员转发')] });

async function open(api: (call: Call) => Answer): Promise<Call[]> {
  serveBy((call) =>
    call.path === '/api/auth/wechat' ? login(staffOnly, 'token-staff-0123456789abcdef') : ok({}),
  );
  await act(() => session.start());
  const calls = serveBy((call) => (call.path === '/api/campaigns' ? campaigns : api(call)));
  render(<ApplicationsPage />);
  return calls;
}

const listCalls = (calls: Call[]) =>
  calls.filter((c) => c.path.startsWith('/api/applications')).map((c) => c.path);

beforeEach(() => {
  storage.clear();
  session.reset();
});

test('opens on the to-do state, oldest first, and scrolls on with nextCursor to the end', async () => {
  const calls = await open((call) =>
    call.path.includes('cursor=')
      ? ok({ items: [summary(3)], nextCursor: null, pending: 3 })
      : ok({ items: [summary(1), summary(2)], nextCursor: 'c2', pending: 3 }),
  );
  await screen.findByText('北京数智运维科技有限公司2');
  expect(listCalls(calls)).toEqual(['/api/applications?state=awaiting_staff&limit=20']);
  // Reaching the bottom of the page loads the next page, as 加载更多 does.
  const reachBottom = useReachBottom.mock.calls.at(-1)?.[0];
  act(() => reachBottom?.());
  await screen.findByText('北京数智运维科技有限公司3');
  expect(listCalls(calls)).toEqual([
    '/api/applications?state=awaiting_staff&limit=20',
    '/api/applications?state=awaiting_staff&limit=20&cursor=c2',
  ]);
  expect(screen.getByText('没有更多了')).toBeTruthy();
  expect(screen.queryByText('加载更多')).toBeNull();
});

test('another state or a campaign starts the list over with that filter; an empty one says so', async () => {
  const calls = await open((call) =>
    call.path.includes('state=rejected')
      ? ok({ items: [], nextCursor: null, pending: 0 })
      : ok({ items: [summary(1)], nextCursor: null, pending: 1 }),
  );
  await screen.findByText('北京数智运维科技有限公司1');
  fireEvent.click(screen.getByText('未通过'));
  await screen.findByText('暂无未通过的申请');
  await waitFor(() => expect(document.querySelector('taro-picker-core')).not.toBeNull());
  fireEvent(
    document.querySelector('taro-picker-core') as Element,
    new CustomEvent('change', { detail: { value: 1 }, bubbles: true }),
  );
  await waitFor(() => expect(listCalls(calls)).toHaveLength(3));
  expect(listCalls(calls)).toEqual([
    '/api/applications?state=awaiting_staff&limit=20',
    '/api/applications?state=rejected&limit=20',
    '/api/applications?state=rejected&campaignId=3&limit=20',
  ]);
});

test('导出 Excel downloads the filtered list with the token and opens it as xlsx in WeChat', async () => {
  await open(() => ok({ items: [summary(1)], nextCursor: null, pending: 1 }));
  await screen.findByText('北京数智运维科技有限公司1');
  fireEvent.click(screen.getByText('全部'));
  fireEvent.click(screen.getByText('导出 Excel'));
  await waitFor(() => expect(openDocument).toHaveBeenCalled());
  expect(downloadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      url: 'https://api.test/api/applications/export',
      header: { Authorization: 'Bearer token-staff-0123456789abcdef' },
    }),
  );
  expect(openDocument).toHaveBeenCalledWith(
    expect.objectContaining({ filePath: 'wxfile://tmp/export', fileType: 'xlsx' }),
  );
});

test('a refused export says why instead of opening anything', async () => {
  await open(() => ok({ items: [summary(1)], nextCursor: null, pending: 1 }));
  await screen.findByText('北京数智运维科技有限公司1');
  downloadFile.mockImplementationOnce(() =>
    Promise.resolve({ errMsg: 'downloadFile:ok', statusCode: 403, tempFilePath: 'wxfile://tmp/x' }),
  );
  fireEvent.click(screen.getByText('导出 Excel'));
  await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '导出失败' })));
  expect(downloadFile.mock.calls[0]?.[0]).toMatchObject({
    url: 'https://api.test/api/applications/export?state=awaiting_staff',
  });
  expect(openDocument).not.toHaveBeenCalled();
});
