import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { typeInto } from '@test/forms';
import { login, ok, serveBy, staffOnly, type Answer, type Call } from '@test/fixtures';
import {
  downloadFile,
  navigateTo,
  openDocument,
  routerParams,
  storage,
  useReachBottom,
} from '@test/taro-mock';
import { session } from '@/services/session';
import { bill } from '@/packages/dues/staff/test-fixtures';
import DuesBillsPage from './index';

async function open(api: (call: Call) => Answer): Promise<Call[]> {
  serveBy((call) =>
    call.path === '/api/auth/wechat' ? login(staffOnly, 'token-staff-0123456789abcdef') : ok({}),
  );
  await act(() => session.start());
  const calls = serveBy(api);
  render(<DuesBillsPage />);
  return calls;
}

const listCalls = (calls: Call[]) =>
  calls.filter((c) => c.path.startsWith('/api/dues/bills')).map((c) => c.path);

function chip(text: string): Element {
  const found = [...document.querySelectorAll('.staff-chips__chip')].find((el) => el.textContent === text);
  if (!found) throw new Error(`no chip ${text}`);
  return found;
}

beforeEach(() => {
  storage.clear();
  session.reset();
  routerParams.year = '2025';
});

afterEach(() => {
  delete routerParams.year;
});

test('rows show unit, year, level, amount, paid with credit, state, overdue and due date; the end loads more', async () => {
  const calls = await open((call) =>
    call.path.includes('cursor=')
      ? ok({ items: [bill(3, { status: 'paid', paidFen: 320000 })], nextCursor: null })
      : ok({
          items: [
            bill(1, { overdue: true }),
            bill(2, { status: 'partially_paid', paidFen: 100000, level: 'committee', amountFen: 1000000 }),
          ],
          nextCursor: 'c2',
        }),
  );
  await screen.findByText('北京数智运维科技有限公司2');
  expect(screen.getByText('应缴 10,000.00 元')).toBeTruthy();
  expect(screen.getByText('已缴 1,000.00 元')).toBeTruthy();
  expect(document.querySelector('.bill-status--partially_paid')?.textContent).toBe('部分缴费');
  expect(document.querySelectorAll('.bill-status--overdue')).toHaveLength(1);
  expect(screen.getAllByText('截止 2026-03-31 · 识别码 K7QWM3P')).toHaveLength(2);
  act(() => useReachBottom.mock.calls.at(-1)?.[0]());
  await screen.findByText('北京数智运维科技有限公司3');
  expect(screen.getByText('已缴 3,200.00 元（余 200.00 元）')).toBeTruthy();
  expect(listCalls(calls)).toEqual([
    '/api/dues/bills?year=2025&limit=20',
    '/api/dues/bills?year=2025&limit=20&cursor=c2',
  ]);
  fireEvent.click(screen.getByText('北京数智运维科技有限公司1'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/dues/staff/bill/index?id=1' });
});

test('year, state, level, 逾期 and search start the list over with those filters', async () => {
  const calls = await open((call) =>
    call.path.includes('overdue=true')
      ? ok({ items: [], nextCursor: null })
      : ok({ items: [bill(1)], nextCursor: null }),
  );
  await screen.findByText('北京数智运维科技有限公司1');
  const year = document.querySelector('.bills-year');
  if (!year) throw new Error('no year picker');
  // 全部年度 first, then next year down: index 0 leaves the year open.
  fireEvent(year, new CustomEvent('change', { detail: { value: 0 }, bubbles: true }));
  await waitFor(() => expect(listCalls(calls)).toHaveLength(2));
  fireEvent.click(chip('待缴费'));
  await waitFor(() => expect(listCalls(calls)).toHaveLength(3));
  fireEvent.click(chip('委员单位'));
  await waitFor(() => expect(listCalls(calls)).toHaveLength(4));
  await typeInto('.bills-search__input', ' K7QW ');
  fireEvent.click(screen.getByText('搜索'));
  await waitFor(() => expect(listCalls(calls)).toHaveLength(5));
  fireEvent.click(chip('仅看逾期'));
  await screen.findByText('没有符合条件的账单');
  expect(listCalls(calls)).toEqual([
    '/api/dues/bills?year=2025&limit=20',
    '/api/dues/bills?limit=20',
    '/api/dues/bills?status=unpaid&limit=20',
    '/api/dues/bills?status=unpaid&level=committee&limit=20',
    '/api/dues/bills?status=unpaid&level=committee&q=K7QW&limit=20',
    '/api/dues/bills?status=unpaid&level=committee&q=K7QW&overdue=true&limit=20',
  ]);
  fireEvent.click(chip('含未逾期'));
  await waitFor(() => expect(listCalls(calls)).toHaveLength(7));
  expect(listCalls(calls).at(-1)).toBe('/api/dues/bills?status=unpaid&level=committee&q=K7QW&limit=20');
});

test('导出 Excel downloads the filtered list with the token', async () => {
  await open(() => ok({ items: [bill(1)], nextCursor: null }));
  await screen.findByText('北京数智运维科技有限公司1');
  fireEvent.click(chip('仅看逾期'));
  await screen.findByText('北京数智运维科技有限公司1');
  fireEvent.click(screen.getByText('导出 Excel'));
  await waitFor(() => expect(openDocument).toHaveBeenCalled());
  expect(downloadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      url: 'https://api.test/api/dues/bills/export.xlsx?year=2025&overdue=true',
      header: { Authorization: 'Bearer token-staff-0123456789abcdef' },
    }),
  );
});

test('a failed first page offers 重试; an empty year says how to open its bills', async () => {
  let fail = true;
  await open(() =>
    fail
      ? { statusCode: 503, data: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } }
      : ok({ items: [], nextCursor: null }),
  );
  await screen.findByText('服务暂时不可用，请稍后重试');
  fail = false;
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('该年度还没有会费账单，可在「会费管理」中生成');
});
