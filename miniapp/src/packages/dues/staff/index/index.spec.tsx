import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DuesSummary } from '@itss/shared';
import { ok, serveBy, signedInAs, staffOnly, type Answer, type Call } from '@test/fixtures';
import { navigateTo, showModal } from '@test/taro-mock';
import { currentYear } from '@/packages/dues/staff/components/parts';
import DuesOverviewPage from './index';

beforeEach(() => signedInAs(staffOnly));

const summary = (year: number): DuesSummary => ({
  year,
  byLevel: [
    // The server's order need not be the levels' order.
    { level: 'committee', units: 3, amountFen: 3000000, paidFen: 1000000 },
    { level: 'member', units: 10, amountFen: 3000000, paidFen: 3050000 },
    { level: 'vice_president', units: 2, amountFen: 6000000, paidFen: 0 },
  ],
});

function open(api: (call: Call) => Answer = () => ok({})): Call[] {
  const calls = serveBy((call) => {
    if (call.path.startsWith('/api/dues/receipt-requests')) return ok({ items: [], nextCursor: null });
    if (call.path.startsWith('/api/dues/summary')) {
      const year = Number(/year=(\d+)/.exec(call.path)?.[1]);
      return ok(summary(year));
    }
    return api(call);
  });
  render(<DuesOverviewPage />);
  return calls;
}

const texts = (selector: string) => [...document.querySelectorAll(selector)].map((el) => el.textContent);
const widths = (selector: string) =>
  [...document.querySelectorAll<HTMLElement>(selector)].map((el) => el.style.width);

// The file's first render loads Taro's picker and the kit: seconds on a busy machine.
test('the chart draws collected against billed per level on one scale, with the figures and totals', async () => {
  const calls = open();
  await screen.findByText('委员单位');
  expect(calls.map((c) => c.path)).toContain(`/api/dues/summary?year=${currentYear()}`);
  // In the levels' order, whatever the server's.
  expect(texts('.dues-chart__level')).toEqual(['会员单位', '委员单位', '副会长单位']);
  expect(texts('.dues-chart__units')).toEqual(['10 家', '3 家', '2 家']);
  // An over-payment reads as all collected, never above it; nothing collected is 0 %.
  expect(texts('.dues-chart__percent')).toEqual(['100%', '33%', '0%']);
  // The longest bill (副会长, 60,000 元) is the full track.
  expect(widths('.dues-chart__billed')).toEqual(['50%', '50%', '100%']);
  expect(widths('.dues-chart__paid')).toEqual(['50.8%', '16.7%', '0%']);
  expect(texts('.dues-chart__collected')).toEqual(['已收 30,500.00', '已收 10,000.00', '已收 0.00']);
  expect(texts('.dues-chart__outstanding')).toEqual([
    '未收 0.00 元',
    '未收 20,000.00 元',
    '未收 60,000.00 元',
  ]);
  expect(texts('.dues-totals__value')).toEqual(['40,500.00 元', '80,000.00 元', '120,000.00 元']);
  expect(screen.getByText('应收（15 家）')).toBeTruthy();
  expect(screen.getByText(/收缴率 33%/)).toBeTruthy();
}, 15000);

test('a year without bills says so; another year asks the summary of that year', async () => {
  const calls = serveBy((call) =>
    call.path.startsWith('/api/dues/summary')
      ? ok({ year: currentYear(), byLevel: [] })
      : ok({ items: [], nextCursor: null }),
  );
  render(<DuesOverviewPage />);
  await screen.findByText(`${currentYear()} 年度还没有会费账单，可在下方生成`);
  const picker = document.querySelector('.dues-overview__picker');
  if (!picker) throw new Error('no year picker');
  // The choices run from next year down: index 2 is last year.
  fireEvent(picker, new CustomEvent('change', { detail: { value: 2 }, bubbles: true }));
  await waitFor(() =>
    expect(calls.map((c) => c.path)).toContain(`/api/dues/summary?year=${currentYear() - 1}`),
  );
  await screen.findByText(`${currentYear() - 1} 年度还没有会费账单，可在下方生成`);
});

test('生成年度账单 asks first, sends the due date when given, and says how many were opened', async () => {
  const calls = open((call) => (call.method === 'POST' ? ok({ opened: 12, existing: 3 }) : ok({})));
  await screen.findByText('委员单位');
  const date = document.querySelector('.dues-open__date');
  if (!date) throw new Error('no date picker');
  fireEvent(date, new CustomEvent('change', { detail: { value: `${currentYear()}-04-30` }, bubbles: true }));
  fireEvent.click(await screen.findByText(`生成 ${currentYear()} 年度账单`));
  await screen.findByText('已生成 12 份账单，3 家单位已有账单');
  const asked = showModal.mock.calls.at(-1)?.[0];
  expect(asked?.title).toBe(`生成 ${currentYear()} 年度账单`);
  expect(asked?.content).toContain(`截止日期为 ${currentYear()}-04-30`);
  expect(calls.filter((c) => c.method === 'POST')).toEqual([
    expect.objectContaining({
      path: `/api/dues/years/${currentYear()}/bills`,
      data: { dueDate: `${currentYear()}-04-30` },
    }),
  ]);
  // The chart is asked again.
  await waitFor(() => expect(calls.filter((c) => c.path.startsWith('/api/dues/summary'))).toHaveLength(2));
});

test('a refusal to open the bills shows the server’s message; a cancelled confirmation sends nothing', async () => {
  const calls = open((call) =>
    call.method === 'POST'
      ? {
          statusCode: 400,
          data: { code: 'DUES_DUE_DATE_REQUIRED', message: '生成往年账单时请填写截止日期' },
        }
      : ok({}),
  );
  await screen.findByText('委员单位');
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  fireEvent.click(screen.getByText(`生成 ${currentYear()} 年度账单`));
  await waitFor(() => expect(showModal).toHaveBeenCalled());
  expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
  fireEvent.click(screen.getByText(`生成 ${currentYear()} 年度账单`));
  await screen.findByText('生成往年账单时请填写截止日期');
  expect(calls.filter((c) => c.method === 'POST')).toEqual([
    expect.objectContaining({ path: `/api/dues/years/${currentYear()}/bills`, data: {} }),
  ]);
});

test('the links open the year’s bills, the statement, receipts with their count, and the settings', async () => {
  serveBy((call) => {
    if (call.path.startsWith('/api/dues/receipt-requests'))
      return ok({
        items: [1, 2].map((billId) => ({
          billId,
          unitName: '单位',
          year: 2026,
          amountFen: 300000,
          paidFen: 300000,
          receipt: {
            status: 'requested',
            title: '单位',
            taxNumber: null,
            number: null,
            requestedAt: '2026-11-20T02:00:00.000Z',
            issuedAt: null,
          },
        })),
        nextCursor: null,
      });
    return ok(summary(currentYear()));
  });
  render(<DuesOverviewPage />);
  await screen.findByLabelText('2 份待开票');
  const opens = [
    [`${currentYear()} 年度账单`, `/packages/dues/staff/bills/index?year=${currentYear()}`],
    ['上传银行流水', '/packages/dues/staff/statement/index'],
    ['开票申请', '/packages/dues/staff/receipts/index'],
    ['会费标准与收款账户', '/packages/dues/staff/settings/index'],
  ];
  for (const [text, url] of opens) {
    fireEvent.click(screen.getByText(text as string));
    expect(navigateTo).toHaveBeenLastCalledWith({ url });
  }
});
