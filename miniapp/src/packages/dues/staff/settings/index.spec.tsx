import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DuesSettingsResponse, FeesResponse } from '@itss/shared';
import { typeInto } from '@test/forms';
import { ok, serveBy, signedInAs, staffOnly, type Answer, type Call } from '@test/fixtures';
import DuesSettingsPage from './index';

beforeEach(() => signedInAs(staffOnly));

const handbook = { member: 300000, committee: 1000000, vice_president: 3000000, president: 3000000 };
const fees: FeesResponse = {
  years: [
    { year: 2026, feesFen: handbook, editable: false, isDefault: true },
    { year: 2027, feesFen: { ...handbook, member: 350000 }, editable: true, isDefault: false },
  ],
  history: [
    {
      year: 2027,
      level: 'member',
      fromFen: 300000,
      toFen: 350000,
      at: '2026-10-01T02:00:00.000Z',
      actorName: '吴员工',
    },
  ],
};
const settings: DuesSettingsResponse = {
  accountName: '中国电子工业标准化技术协会',
  bankName: '中国工商银行北京公主坟支行',
  accountNumber: '0200004509014412345',
  dueMonthDay: '03-31',
  openMonthDay: '01-01',
  wechatPay: false,
};

function open(write: (call: Call) => Answer = () => ok({})): Call[] {
  const calls = serveBy((call) => {
    if (call.method !== 'GET') return write(call);
    return call.path === '/api/dues/fees' ? ok(fees) : ok(settings);
  });
  render(<DuesSettingsPage />);
  return calls;
}

const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');

test('each year’s fees by level, locked years without 修改, and the history of changes', async () => {
  open();
  await screen.findByText('2027 年度');
  expect(screen.getByText('手册标准')).toBeTruthy();
  expect(screen.getByText('已锁定')).toBeTruthy();
  expect(screen.getAllByText('修改')).toHaveLength(1);
  expect(screen.getByText('3,500.00 元')).toBeTruthy();
  expect(screen.getByText('2027 年度 会员单位：3,000.00 元 → 3,500.00 元')).toBeTruthy();
  expect(screen.getByText('吴员工 · 2026-10-01 10:00')).toBeTruthy();
  expect(screen.getByText(/微信支付：未开通/)).toBeTruthy();
});

test('fees are typed in yuan, checked, and sent in fen for that year', async () => {
  const calls = open();
  fireEvent.click(await screen.findByText('修改'));
  await typeInto('.fee-year__input--member', '3,600.5');
  await typeInto('.fee-year__input--committee', '一万');
  fireEvent.click(screen.getByText('保存 2027 年度会费标准'));
  await screen.findByText('请填写金额（元），最多两位小数');
  expect(writes(calls)).toHaveLength(0);
  await typeInto('.fee-year__input--committee', '12000');
  fireEvent.click(screen.getByText('保存 2027 年度会费标准'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(writes(calls)[0]).toEqual(
    expect.objectContaining({
      method: 'PUT',
      path: '/api/dues/fees/2027',
      data: { feesFen: { member: 360050, committee: 1200000, vice_president: 3000000, president: 3000000 } },
    }),
  );
});

test('a locked year refused by the server says why', async () => {
  open(() => ({
    statusCode: 409,
    data: { code: 'DUES_FEES_LOCKED', message: '该年度账单已生成或年度已过，会费标准不能再修改' },
  }));
  fireEvent.click(await screen.findByText('修改'));
  fireEvent.click(screen.getByText('保存 2027 年度会费标准'));
  await screen.findByText('该年度账单已生成或年度已过，会费标准不能再修改');
});

test('the account and days are checked with the contract and saved', async () => {
  const calls = open();
  await screen.findByText('保存收款设置');
  await typeInto('.dues-account__dueMonthDay', '3-31');
  fireEvent.click(screen.getByText('保存收款设置'));
  await screen.findByText('应为 MM-DD');
  expect(writes(calls)).toHaveLength(0);
  await typeInto('.dues-account__dueMonthDay', '04-30');
  fireEvent.click(screen.getByText('保存收款设置'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(writes(calls)[0]).toEqual(
    expect.objectContaining({
      method: 'PUT',
      path: '/api/dues/settings',
      data: {
        accountName: '中国电子工业标准化技术协会',
        bankName: '中国工商银行北京公主坟支行',
        accountNumber: '0200004509014412345',
        dueMonthDay: '04-30',
        openMonthDay: '01-01',
      },
    }),
  );
});
