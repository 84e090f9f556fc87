import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ok, serveBy, signedInAs, staffOnly, visitor, type Answer, type Call } from '@test/fixtures';
import { hiddenCallbacks, navigateTo, shownCallbacks } from '@test/taro-mock';
import { fakeViewport } from '@test/viewport';
import { WIDE_CLASS } from '@/components/kit/layout';
import { arrearsItem } from '@/packages/standing/test-fixtures';
import ArrearsPage from './index';

function open(api: (call: Call) => Answer): Call[] {
  signedInAs(staffOnly);
  const calls = serveBy(api);
  render(<ArrearsPage />);
  return calls;
}

const ITEMS = [
  arrearsItem(1, { unpaidYears: [2023, 2024, 2025], outstandingFen: 900000 }),
  arrearsItem(2, { level: 'committee', outstandingFen: 2000000 }),
  arrearsItem(3, {
    unpaidYears: [2025],
    outstandingFen: 300000,
    removalProposed: false,
    status: 'suspended',
  }),
];

const chip = (text: string) =>
  [...document.querySelectorAll('.staff-chips__chip')].find((el) => el.textContent === text)!;

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
  document.documentElement.classList.remove(WIDE_CLASS);
});

test('on a phone: each unit’s level, unpaid years, amount owed and 建议除名; a card opens the unit', async () => {
  const calls = open(() => ok({ items: ITEMS }));
  await screen.findByText('北京数智运维科技有限公司1');
  expect(calls.map((c) => c.path)).toEqual(['/api/dues/arrears']);
  const rows = [...document.querySelectorAll('.arrears-row')];
  expect(rows.map((row) => row.querySelector('.arrears-row__years')?.textContent)).toEqual([
    '欠费 3 个年度（2023、2024、2025 年度）',
    '欠费 2 个年度（2024、2025 年度）',
    '欠费 1 个年度（2025 年度）',
  ]);
  expect(rows.map((row) => row.querySelector('.arrears-row__amount')?.textContent)).toEqual([
    '欠缴 9,000.00 元',
    '欠缴 20,000.00 元',
    '欠缴 3,000.00 元',
  ]);
  expect(rows.map((row) => row.querySelector('.arrears-badge')?.textContent ?? null)).toEqual([
    '建议除名',
    '建议除名',
    null,
  ]);
  expect(rows[2]?.textContent).toContain('暂停');
  fireEvent.click(rows[1]!);
  expect(navigateTo).toHaveBeenLastCalledWith({
    url: '/packages/standing/staff/arrears-unit/index?unitId=2',
  });
});

test('仅看建议除名 asks for the proposed units only; none says so', async () => {
  const calls = open((call) => ok({ items: call.path.includes('proposed=true') ? [] : ITEMS }));
  await screen.findByText('北京数智运维科技有限公司1');
  fireEvent.click(chip('仅看建议除名'));
  await screen.findByText('暂无建议除名的会员单位');
  expect(calls.map((c) => c.path)).toEqual(['/api/dues/arrears', '/api/dues/arrears?proposed=true']);
});

test('shown again (back from a unit removed), the list on screen is asked again, whatever its filter', async () => {
  const calls = open(() => ok({ items: ITEMS }));
  await screen.findByText('北京数智运维科技有限公司1');
  fireEvent.click(chip('仅看建议除名'));
  await waitFor(() => expect(calls.map((c) => c.path)).toContain('/api/dues/arrears?proposed=true'));
  const asked = () => calls.filter((c) => c.path === '/api/dues/arrears?proposed=true').length;
  // Shown without having been hidden (the page's first show): nothing asked again.
  act(() => shownCallbacks.at(-1)?.());
  expect(asked()).toBe(1);
  // Covered by the unit's page, then shown again.
  act(() => {
    hiddenCallbacks.at(-1)?.();
    shownCallbacks.at(-1)?.();
  });
  await waitFor(() => expect(asked()).toBe(2));
});

test('no unit in arrears, and a failed load with 重试', async () => {
  let offline = true;
  open(() => (offline ? 'offline' : ok({ items: [] })));
  await screen.findByText('重试');
  offline = false;
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('暂无逾期未缴会费的会员单位');
});

test('at a desk: a table of the units, sortable by amount owed; a row opens the unit', async () => {
  process.env.TARO_ENV = 'h5';
  fakeViewport(1366);
  open(() => ok({ items: ITEMS }));
  await screen.findByText('北京数智运维科技有限公司1');
  const headers = [...document.querySelectorAll('.data-table__header')].map((el) => el.textContent);
  expect(headers.map((text) => text?.replace(/[↑↓↕]/g, ''))).toEqual([
    '单位',
    '级别',
    '欠费年度',
    '欠缴金额',
    '除名建议',
  ]);
  const units = () =>
    [...document.querySelectorAll('.data-table__row--link .arrears-table__unit')].map((el) => el.textContent);
  fireEvent.click(screen.getByText('欠缴金额'));
  await waitFor(() =>
    expect(units()).toEqual([
      '北京数智运维科技有限公司3',
      '北京数智运维科技有限公司1',
      '北京数智运维科技有限公司2',
    ]),
  );
  expect(document.querySelector('.data-table__end')?.textContent).toBe('共 3 条 · 以上为全部欠费单位');
  fireEvent.click(document.querySelectorAll('.data-table__row--link')[0]!);
  expect(navigateTo).toHaveBeenLastCalledWith({
    url: '/packages/standing/staff/arrears-unit/index?unitId=3',
  });
});

test('someone who is not staff is refused and nothing is asked', () => {
  signedInAs(visitor);
  const calls = serveBy(() => ok({ items: [] }));
  render(<ArrearsPage />);
  expect(screen.getByText('此页面仅限会员服务部工作人员使用')).toBeTruthy();
  expect(calls).toEqual([]);
});
