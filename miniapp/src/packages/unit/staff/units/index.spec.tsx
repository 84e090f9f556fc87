import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { typeInto } from '@test/forms';
import { login, ok, serveBy, staffOnly, type Answer, type Call } from '@test/fixtures';
import { downloadFile, navigateTo, openDocument, showModal, storage, useReachBottom } from '@test/taro-mock';
import { session } from '@/services/session';
import { unitSummary } from '@/packages/staff/test-fixtures';
import UnitsPage from './index';

async function open(api: (call: Call) => Answer): Promise<Call[]> {
  serveBy((call) =>
    call.path === '/api/auth/wechat' ? login(staffOnly, 'token-staff-0123456789abcdef') : ok({}),
  );
  await act(() => session.start());
  const calls = serveBy(api);
  render(<UnitsPage />);
  return calls;
}

const listCalls = (calls: Call[]) => calls.filter((c) => c.path.startsWith('/api/units')).map((c) => c.path);

async function search(value: string): Promise<void> {
  await typeInto('.units-search__input', value);
  fireEvent.click(screen.getByText('搜索'));
}

/** A filter chip, not the status tag of a row that shows the same word. */
function chip(text: string): Element {
  const found = [...document.querySelectorAll('.staff-chips__chip')].find((el) => el.textContent === text);
  if (!found) throw new Error(`no chip ${text}`);
  return found;
}

beforeEach(() => {
  storage.clear();
  session.reset();
});

test('rows show name, level, status, contacts and the primary contact; the end loads the next page', async () => {
  const calls = await open((call) =>
    call.path.includes('cursor=')
      ? ok({
          items: [unitSummary(3, { status: 'suspended', contactCount: 0, primaryContactName: null })],
          nextCursor: null,
        })
      : ok({ items: [unitSummary(1), unitSummary(2, { level: 'member' })], nextCursor: 'c2' }),
  );
  await screen.findByText('北京数智运维科技有限公司2');
  const levels = [...document.querySelectorAll('.queue-row__level')].map((el) => el.textContent);
  expect(levels).toEqual(['委员单位', '会员单位']);
  expect(screen.getAllByText('联系人 2 位 · 主联系人：李主联')).toHaveLength(2);
  act(() => useReachBottom.mock.calls.at(-1)?.[0]());
  await screen.findByText('北京数智运维科技有限公司3');
  expect(document.querySelector('.unit-status--suspended')?.textContent).toBe('暂停');
  expect(screen.getByText('联系人 0 位 · 主联系人：暂无（可邀请）')).toBeTruthy();
  expect(screen.getByText('没有更多了')).toBeTruthy();
  expect(listCalls(calls)).toEqual(['/api/units?limit=20', '/api/units?limit=20&cursor=c2']);
  fireEvent.click(screen.getByText('北京数智运维科技有限公司1'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/unit/staff/unit/index?id=1' });
});

test('search, level and status start the list over with those filters; nothing found says so', async () => {
  const calls = await open((call) =>
    call.path.includes('status=removed')
      ? ok({ items: [], nextCursor: null })
      : ok({ items: [unitSummary(1)], nextCursor: null }),
  );
  await screen.findByText('北京数智运维科技有限公司1');
  await search(' 数智 ');
  await waitFor(() => expect(listCalls(calls)).toHaveLength(2));
  fireEvent.click(chip('副会长单位'));
  await waitFor(() => expect(listCalls(calls)).toHaveLength(3));
  fireEvent.click(chip('已除名'));
  await screen.findByText('没有符合条件的会员单位');
  expect(listCalls(calls)).toEqual([
    '/api/units?limit=20',
    `/api/units?q=${encodeURIComponent('数智')}&limit=20`,
    `/api/units?q=${encodeURIComponent('数智')}&level=vice_president&limit=20`,
    `/api/units?q=${encodeURIComponent('数智')}&level=vice_president&status=removed&limit=20`,
  ]);
});

test('导出 Excel downloads the filtered list with the token and opens it as xlsx in WeChat', async () => {
  await open(() => ok({ items: [unitSummary(1)], nextCursor: null }));
  await screen.findByText('北京数智运维科技有限公司1');
  fireEvent.click(chip('正常'));
  await screen.findByText('北京数智运维科技有限公司1');
  fireEvent.click(screen.getByText('导出 Excel'));
  await waitFor(() => expect(openDocument).toHaveBeenCalled());
  expect(downloadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      url: 'https://api.test/api/units/export?status=active',
      header: { Authorization: 'Bearer token-staff-0123456789abcdef' },
    }),
  );
  expect(openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'xlsx' }));
});

test('a refused export says why; the list of a first-page failure offers 重试', async () => {
  let fail = true;
  await open(() =>
    fail
      ? { statusCode: 503, data: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } }
      : ok({ items: [unitSummary(1)], nextCursor: null }),
  );
  await screen.findByText('服务暂时不可用，请稍后重试');
  fail = false;
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('北京数智运维科技有限公司1');
  downloadFile.mockImplementationOnce(() =>
    Promise.resolve({ errMsg: 'downloadFile:ok', statusCode: 403, tempFilePath: 'wxfile://tmp/x' }),
  );
  fireEvent.click(screen.getByText('导出 Excel'));
  await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '导出失败' })));
  expect(openDocument).not.toHaveBeenCalled();
});

test('新增单位, 批量导入 and 名额设置 open their pages', async () => {
  await open(() => ok({ items: [], nextCursor: null }));
  await screen.findByText('还没有会员单位，可新增或批量导入');
  fireEvent.click(screen.getByText('新增单位'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/unit/staff/unit-new/index' });
  fireEvent.click(screen.getByText('批量导入'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/unit/staff/units-import/index' });
  fireEvent.click(screen.getByText('名额设置'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/unit/staff/seat-limits/index' });
});
