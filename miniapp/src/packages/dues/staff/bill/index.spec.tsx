import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { BillDetail } from '@itss/shared';
import { typeInTextarea, typeInto } from '@test/forms';
import { ok, serveBy, signedInAs, staffOnly, type Answer, type Call } from '@test/fixtures';
import { routerParams, setClipboardData, showModal } from '@test/taro-mock';
import { beijingToday } from '@/utils/format';
import { billDetail, payment } from '@/packages/dues/staff/test-fixtures';
import DuesBillPage from './index';

beforeEach(() => {
  signedInAs(staffOnly);
  routerParams.id = '9';
});

afterEach(() => {
  delete routerParams.id;
});

/** Serves the bill (as it stands after each write) and answers writes with `write`. */
function open(detail: () => BillDetail, write: (call: Call) => Answer = () => ok({})): Call[] {
  const calls = serveBy((call) => (call.method === 'GET' ? ok(detail()) : write(call)));
  render(<DuesBillPage />);
  return calls;
}

const posts = (calls: Call[]) => calls.filter((c) => c.method === 'POST');

async function fillPayment(fields: { amount?: string; reference?: string; payer?: string }): Promise<void> {
  if (fields.amount !== undefined) await typeInto('.dues-payment-form__amount', fields.amount);
  if (fields.reference !== undefined) await typeInto('.dues-payment-form__reference', fields.reference);
  if (fields.payer !== undefined) await typeInto('.dues-payment-form__payer', fields.payer);
}

test('shows the bill, its remittance code to copy, its payments with refunds, and its history', async () => {
  open(() =>
    billDetail({
      status: 'partially_paid',
      paidFen: 100000,
      payments: [
        payment(1),
        payment(2, {
          method: 'wechat',
          amountFen: 50000,
          bankReference: null,
          payerName: null,
          transactionId: '4200001234202602100000',
          paidOn: '2026-02-11',
          refunds: [
            {
              id: 5,
              paymentId: 2,
              amountFen: 50000,
              reason: '重复支付',
              status: 'succeeded',
              createdAt: '2026-02-12T02:00:00.000Z',
              succeededAt: '2026-02-12T02:01:00.000Z',
            },
          ],
        }),
      ],
    }),
  );
  await screen.findByText('北京数智运维科技有限公司9');
  expect(screen.getByText('2026 年度 · 会员单位 · 截止 2026-03-31')).toBeTruthy();
  expect(screen.getByText('2,000.00 元')).toBeTruthy();
  expect(screen.getByText('K7QWM3P')).toBeTruthy();
  fireEvent.click(screen.getByText('复制'));
  expect(setClipboardData).toHaveBeenCalledWith({ data: 'K7QWM3P' });
  expect(screen.getByText('对公转账')).toBeTruthy();
  expect(screen.getByText(/2026-02-10 · 流水号 BR20260210001 · 北京数智运维科技有限公司/)).toBeTruthy();
  expect(screen.getByText(/2026-02-11 · 交易单号 4200001234202602100000/)).toBeTruthy();
  expect(screen.getByText(/退款 500.00 元 · 已退款 · 重复支付/)).toBeTruthy();
  // Fully refunded: nothing left to refund.
  expect(screen.queryByText('退款')).toBeNull();
  expect(screen.getByText('生成年度会费账单')).toBeTruthy();
  // From partially paid the machine allows both.
  expect(document.querySelectorAll('.dues-close__open')).toHaveLength(2);
});

test('登记到账 checks the amount in yuan and every field before sending anything', async () => {
  const calls = open(() => billDetail());
  await screen.findByText('北京数智运维科技有限公司9');
  // Prefilled with what is owed (the input inside Taro's element renders a moment later).
  await waitFor(() =>
    expect(document.querySelector<HTMLInputElement>('.dues-payment-form__amount input')?.value).toBe('3000'),
  );
  await fillPayment({ amount: '3000.555', reference: '', payer: '' });
  fireEvent.click(screen.getByText('登记到账', { selector: 'taro-button-core' }));
  await screen.findByText('请填写金额（元），最多两位小数，如 3000 或 3000.50');
  expect(screen.getByText('请填写银行流水号')).toBeTruthy();
  expect(screen.getByText('请填写付款户名')).toBeTruthy();
  await fillPayment({ amount: '0' });
  fireEvent.click(screen.getByText('登记到账', { selector: 'taro-button-core' }));
  await screen.findByText('金额应大于 0');
  expect(posts(calls)).toHaveLength(0);
  expect(showModal).not.toHaveBeenCalled();
});

test('登记到账 sends fen, the date, the reference and the payer, then shows the bill again', async () => {
  let paid = false;
  const calls = open(
    () =>
      paid
        ? billDetail({ status: 'paid', paidFen: 300000, payments: [payment(1, { amountFen: 300000 })] })
        : billDetail(),
    () => {
      paid = true;
      return ok(payment(1, { amountFen: 300000 }));
    },
  );
  await screen.findByText('北京数智运维科技有限公司9');
  await fillPayment({ amount: '¥3,000.50', reference: 'BR20260210001' });
  fireEvent.click(screen.getByText('登记到账', { selector: 'taro-button-core' }));
  await waitFor(() => expect(posts(calls)).toHaveLength(1));
  expect(showModal.mock.calls.at(-1)?.[0].content).toContain('3,000.50 元');
  expect(posts(calls)[0]).toEqual(
    expect.objectContaining({
      path: '/api/dues/bills/9/payments',
      data: {
        amountFen: 300050,
        paidOn: beijingToday(),
        bankReference: 'BR20260210001',
        payerName: '北京数智运维科技有限公司9',
      },
    }),
  );
  await waitFor(() => expect(document.querySelector('.bill-status--paid')).not.toBeNull());
  // Paid: no more 减免 or 作废, and a fresh form with nothing owed.
  expect(screen.queryByText('减免或作废')).toBeNull();
  await waitFor(() =>
    expect(document.querySelector<HTMLInputElement>('.dues-payment-form__amount input')?.value).toBe(''),
  );
  expect(document.querySelector<HTMLInputElement>('.dues-payment-form__reference input')?.value).toBe('');
});

test('a bank reference already credited is refused with the server’s message; field errors land by their fields', async () => {
  let answer: Answer = {
    statusCode: 409,
    data: { code: 'PAYMENT_BANK_REFERENCE_USED', message: '该银行流水号已入账，同一笔转账不能重复记录' },
  };
  open(
    () => billDetail(),
    () => answer,
  );
  await screen.findByText('北京数智运维科技有限公司9');
  await fillPayment({ reference: 'BR20260210001' });
  fireEvent.click(screen.getByText('登记到账', { selector: 'taro-button-core' }));
  await screen.findByText('该银行流水号已入账，同一笔转账不能重复记录');
  answer = {
    statusCode: 400,
    data: {
      code: 'VALIDATION_FAILED',
      message: '请求参数有误',
      details: [{ path: 'paidOn', message: '到账日期不能晚于今天' }],
    },
  };
  fireEvent.click(screen.getByText('登记到账', { selector: 'taro-button-core' }));
  await screen.findByText('到账日期不能晚于今天');
});

test('作废 needs a reason, asks first, and sends it; a refusal shows the server’s message', async () => {
  let voided = false;
  let refuse = true;
  const calls = open(
    () => (voided ? billDetail({ status: 'void', reason: '单位已退会' }) : billDetail()),
    () => {
      if (refuse)
        return {
          statusCode: 409,
          data: { code: 'DUES_BILL_WRONG_STATE', message: '该账单当前状态不能执行此操作，请刷新后查看' },
        };
      voided = true;
      return ok({});
    },
  );
  await screen.findByText('北京数智运维科技有限公司9');
  fireEvent.click(screen.getByText('作废'));
  fireEvent.click(screen.getByText('确认作废'));
  await screen.findByText('请填写原因');
  expect(posts(calls)).toHaveLength(0);
  await typeInTextarea('.dues-close__reason', '单位已退会');
  fireEvent.click(screen.getByText('确认作废'));
  await screen.findByText('该账单当前状态不能执行此操作，请刷新后查看');
  refuse = false;
  fireEvent.click(screen.getByText('确认作废'));
  await screen.findByText('作废原因');
  expect(posts(calls).at(-1)).toEqual(
    expect.objectContaining({ path: '/api/dues/bills/9/void', data: { reason: '单位已退会' } }),
  );
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '作废账单', confirmText: '作废' }));
  // Void: no payment form, no closing actions.
  expect(screen.queryByText('登记到账')).toBeNull();
  expect(screen.queryByText('减免')).toBeNull();
});

test('a WeChat payment can be refunded up to what is left, in yuan; the server’s refusal is shown', async () => {
  const wechat = payment(3, {
    method: 'wechat',
    amountFen: 300000,
    bankReference: null,
    transactionId: '4200009',
    refunds: [
      {
        id: 6,
        paymentId: 3,
        amountFen: 100000,
        reason: '多付',
        status: 'processing',
        createdAt: '2026-02-12T02:00:00.000Z',
        succeededAt: null,
      },
    ],
  });
  let answer: Answer = {
    statusCode: 502,
    data: {
      code: 'PAYMENT_WECHAT_FAILED',
      message: '微信支付暂时无法处理，请稍后重试；如已扣款，款项会在确认后自动入账',
    },
  };
  const calls = open(
    () => billDetail({ status: 'paid', paidFen: 300000, payments: [payment(1), wechat] }),
    () => answer,
  );
  await screen.findByText('北京数智运维科技有限公司9');
  // The bank transfer has no 退款; the WeChat one has 2,000 元 left (1,000 on its way back).
  expect(screen.getAllByText('退款')).toHaveLength(1);
  fireEvent.click(screen.getByText('退款'));
  await typeInto('.dues-refund__amount', '2000.01');
  await typeInto('.dues-refund__reason', '重复支付');
  fireEvent.click(screen.getByText('确认退款'));
  await screen.findByText('最多可退 2,000.00 元');
  await typeInto('.dues-refund__amount', '1500');
  fireEvent.click(screen.getByText('确认退款'));
  await screen.findByText('微信支付暂时无法处理，请稍后重试；如已扣款，款项会在确认后自动入账');
  expect(posts(calls)).toEqual([
    expect.objectContaining({
      path: '/api/payments/3/refunds',
      data: { amountFen: 150000, reason: '重复支付' },
    }),
  ]);
  answer = ok({});
  fireEvent.click(screen.getByText('确认退款'));
  await waitFor(() => expect(document.querySelector('.dues-refund')).toBeNull());
  expect(posts(calls)).toHaveLength(2);
});

test('opened without an id it says the bill is not there and asks nothing', async () => {
  delete routerParams.id;
  const calls = open(() => billDetail());
  await screen.findByText('没有找到该账单');
  expect(calls).toEqual([]);
});
