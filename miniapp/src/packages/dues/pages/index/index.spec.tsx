import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Bill, DuesSettingsResponse, Me, WechatPayOrder } from '@itss/shared';
import { login, ok, serveBy, visitor, type Answer, type Call } from '@test/fixtures';
import { typeInto } from '@test/forms';
import {
  chooseInvoiceTitle,
  downloadFile,
  navigateTo,
  openDocument,
  requestPayment,
  routerParams,
  setClipboardData,
  showModal,
  showToast,
  stopPullDownRefresh,
  storage,
  usePullDownRefresh,
} from '@test/taro-mock';
import { session } from '@/services/session';
import DuesPage from './index';

const TOKEN = 'token-member-0123456789abcdef';

const member: Me = {
  ...visitor,
  id: 3,
  displayName: '孙同事',
  unit: {
    id: 9,
    name: '杭州云栈信息技术有限公司',
    level: 'committee',
    status: 'active',
    isPrimaryContact: false,
  },
};

const openBill: Bill = {
  id: 21,
  unitId: 9,
  unitName: '杭州云栈信息技术有限公司',
  year: 2026,
  level: 'committee',
  amountFen: 1000000,
  paidFen: 0,
  status: 'unpaid',
  dueDate: '2026-03-31',
  overdue: false,
  remittanceCode: 'HZ7K9QX3',
  receipt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const paidBill: Bill = {
  ...openBill,
  id: 20,
  year: 2025,
  level: 'member',
  amountFen: 300000,
  paidFen: 300000,
  status: 'paid',
  dueDate: '2025-03-31',
  remittanceCode: 'HZ2M4PW8',
};

const settings: DuesSettingsResponse = {
  accountName: '中国电子工业标准化技术协会',
  bankName: '中国工商银行北京海淀支行',
  accountNumber: '0200 0045 0900 1234 567',
  dueMonthDay: '03-31',
  openMonthDay: '01-01',
  wechatPay: true,
};

const order: WechatPayOrder = {
  paymentId: 77,
  amountFen: 1000000,
  expiresAt: '2026-12-07T12:00:00.000Z',
  requestPayment: {
    timeStamp: '1796630400',
    nonceStr: 'n0nce',
    package: 'prepay_id=wx_standin_77',
    signType: 'RSA',
    paySign: 'c2lnbmVk',
  },
};

const notFound = { statusCode: 404, data: { code: 'NOT_FOUND', message: '账单不存在或您无权查看' } };

/** Serves the member's session and the dues routes; `routes` answers the rest (and may override). */
function serveDues(
  bills: () => Bill[],
  routes: (call: Call) => Answer | undefined = () => undefined,
  who: Me = member,
): Call[] {
  return serveBy((call) => {
    const answer = routes(call);
    if (answer) return answer;
    if (call.path === '/api/auth/wechat') return login(who, TOKEN);
    if (call.path === '/api/units/9/bills') return ok({ items: bills() });
    if (call.path === '/api/dues/settings') return ok(settings);
    return notFound;
  });
}

async function openDues(): Promise<void> {
  await act(() => session.start());
  render(<DuesPage />);
}

const billLoads = (calls: Call[]) => calls.filter((call) => call.path === '/api/units/9/bills').length;

beforeEach(() => {
  storage.clear();
  session.reset();
  for (const key of Object.keys(routerParams)) delete routerParams[key];
});

test('an open bill: amount, paid, due date and state in yuan with two decimals, and how to transfer', async () => {
  serveDues(() => [openBill, paidBill]);
  await openDues();
  await screen.findByText('2026 年度会费');
  const text = document.body.textContent ?? '';
  for (const words of [
    '杭州云栈信息技术有限公司',
    '委员单位',
    '10,000.00 元',
    '0.00 元',
    '2026-03-31',
    '待缴费',
    '2025 年度会费',
    '3,000.00 元',
    '已缴清',
    '中国电子工业标准化技术协会',
    '中国工商银行北京海淀支行',
    '0200 0045 0900 1234 567',
    '附言',
  ])
    expect(text).toContain(words);
  expect(screen.getByText('HZ7K9QX3').className).toContain('dues-code__value');
  // Only the open bill asks for money; the paid one offers its receipt instead.
  expect(screen.queryByText('HZ2M4PW8')).toBeNull();
  expect(screen.getAllByText(/^微信支付/)).toHaveLength(1);
  expect(screen.getByText('申请会费票据')).toBeTruthy();

  const code = screen.getByText('HZ7K9QX3').closest('.dues-code');
  fireEvent.click(code!.querySelector('.dues-code__copy')!);
  await waitFor(() => expect(setClipboardData).toHaveBeenCalledWith({ data: 'HZ7K9QX3' }));
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已复制' }));
  fireEvent.click(document.querySelector('.dues-account__copy')!);
  await waitFor(() => expect(setClipboardData).toHaveBeenLastCalledWith({ data: '0200 0045 0900 1234 567' }));
});

test('an overdue, partly paid bill is marked so; a paid-over bill shows the unit’s credit', async () => {
  serveDues(() => [
    { ...openBill, status: 'partially_paid', paidFen: 400050, overdue: true },
    { ...paidBill, paidFen: 350000 },
  ]);
  await openDues();
  await screen.findByText('部分缴费');
  const text = document.body.textContent ?? '';
  expect(text).toContain('已逾期');
  expect(text).toContain('2026-03-31（已逾期）');
  expect(text).toContain('4,000.50 元');
  // What is still owed: 10,000.00 − 4,000.50.
  expect(text).toContain('5,999.50 元');
  expect(screen.getByText('微信支付 5,999.50 元')).toBeTruthy();
  expect(text).toContain('多缴余额');
  expect(text).toContain('500.00 元');
});

test('WeChat Pay: the order, the cashier, the sync; 支付成功 and the bill reloaded as paid', async () => {
  let paid = false;
  const calls = serveDues(
    () => [paid ? { ...openBill, paidFen: 1000000, status: 'paid' as const } : openBill],
    (call) => {
      if (call.path === '/api/dues/bills/21/wechat-pay') return ok(order);
      if (call.path === '/api/payments/77/sync') {
        paid = true;
        return ok({ paymentId: 77, status: 'succeeded' });
      }
      return undefined;
    },
  );
  await openDues();
  fireEvent.click(await screen.findByText('微信支付 10,000.00 元'));
  await screen.findByText('已缴清');
  expect(calls.filter((call) => call.method === 'POST').map((call) => [call.path, call.token])).toEqual([
    ['/api/auth/wechat', null],
    ['/api/dues/bills/21/wechat-pay', TOKEN],
    ['/api/payments/77/sync', TOKEN],
  ]);
  expect(requestPayment).toHaveBeenCalledWith(order.requestPayment);
  expect(showToast).toHaveBeenCalledWith({ title: '支付成功', icon: 'success' });
  expect(billLoads(calls)).toBe(2);
  expect(screen.queryByText(/^微信支付/)).toBeNull();
  expect(screen.getByText('申请会费票据')).toBeTruthy();
});

test('a cashier closed unpaid: synced anyway, and 支付未完成 says nothing changed', async () => {
  requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
  const calls = serveDues(
    () => [openBill],
    (call) => {
      if (call.path === '/api/dues/bills/21/wechat-pay') return ok(order);
      if (call.path === '/api/payments/77/sync') return ok({ paymentId: 77, status: 'pending' });
      return undefined;
    },
  );
  await openDues();
  fireEvent.click(await screen.findByText('微信支付 10,000.00 元'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '支付未完成', content: '您已取消支付，账单未变化。' }),
    ),
  );
  expect(calls.some((call) => call.path === '/api/payments/77/sync')).toBe(true);
  await waitFor(() => expect(billLoads(calls)).toBe(2));
  expect(showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '支付成功' }));
});

test('a failed payment says so, and the bill stays open', async () => {
  requestPayment.mockRejectedValueOnce({ errMsg: 'requestPayment:fail 余额不足' });
  serveDues(
    () => [openBill],
    (call) => {
      if (call.path === '/api/dues/bills/21/wechat-pay') return ok(order);
      if (call.path === '/api/payments/77/sync') return ok({ paymentId: 77, status: 'failed' });
      return undefined;
    },
  );
  await openDues();
  fireEvent.click(await screen.findByText('微信支付 10,000.00 元'));
  await waitFor(() =>
    expect(showModal.mock.lastCall?.[0]).toMatchObject({
      title: '支付未完成',
      content: '支付没有完成，账单未变化。如已扣款，款项确认后会自动入账。',
    }),
  );
  expect(screen.getByText('待缴费')).toBeTruthy();
});

test('the server refuses the order: its message, and no cashier', async () => {
  serveDues(
    () => [openBill],
    (call) =>
      call.path === '/api/dues/bills/21/wechat-pay'
        ? {
            statusCode: 502,
            data: {
              code: 'PAYMENT_WECHAT_FAILED',
              message: '微信支付暂时无法处理，请稍后重试；如已扣款，款项会在确认后自动入账',
            },
          }
        : undefined,
  );
  await openDues();
  fireEvent.click(await screen.findByText('微信支付 10,000.00 元'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({
        title: '无法发起微信支付',
        content: '微信支付暂时无法处理，请稍后重试；如已扣款，款项会在确认后自动入账',
      }),
    ),
  );
  expect(requestPayment).not.toHaveBeenCalled();
});

test('without WeChat Pay only the bank transfer is offered; an account not yet set is said', async () => {
  serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(member, TOKEN);
    if (call.path === '/api/units/9/bills') return ok({ items: [openBill] });
    if (call.path === '/api/dues/settings')
      return ok({ ...settings, accountName: '', bankName: '', accountNumber: '', wechatPay: false });
    return notFound;
  });
  await openDues();
  await screen.findByText('HZ7K9QX3');
  expect(screen.queryByText(/^微信支付/)).toBeNull();
  expect(screen.getByText('收款账户信息暂未公布，请联系分会工作人员。')).toBeTruthy();
});

test('a receipt for a paid bill: WeChat’s saved title prefills the form, checked, then sent', async () => {
  chooseInvoiceTitle.mockResolvedValueOnce({
    errMsg: 'chooseInvoiceTitle:ok',
    type: 0,
    title: '杭州云栈信息技术有限公司',
    taxNumber: '91330106ma2b3c4d5e',
  });
  let requested = false;
  const calls = serveDues(
    () => [
      requested
        ? {
            ...paidBill,
            receipt: {
              status: 'requested' as const,
              title: '杭州云栈信息技术有限公司',
              taxNumber: '91330106MA2B3C4D5E',
              number: null,
              requestedAt: '2026-04-02T02:00:00.000Z',
              issuedAt: null,
            },
          }
        : paidBill,
    ],
    (call) => {
      if (call.path !== '/api/dues/bills/20/receipt-request') return undefined;
      requested = true;
      return { statusCode: 201, data: {} };
    },
  );
  await openDues();
  fireEvent.click(await screen.findByText('申请会费票据'));
  await screen.findByText('提交申请');
  expect(chooseInvoiceTitle).toHaveBeenCalled();
  // Taro's Input renders its inner <input> a moment after the form.
  await screen.findByDisplayValue('杭州云栈信息技术有限公司');
  expect(screen.getByDisplayValue('91330106ma2b3c4d5e')).toBeTruthy();

  // A tax number of the wrong length is questioned before anything is sent.
  await typeInto('.dues-field__input--tax', '1234');
  fireEvent.click(screen.getByText('提交申请'));
  await screen.findByText('纳税人识别号应为 15–20 位数字或大写字母');
  expect(calls.some((call) => call.path.endsWith('/receipt-request'))).toBe(false);

  await typeInto('.dues-field__input--tax', '91330106ma2b3c4d5e');
  fireEvent.click(screen.getByText('提交申请'));
  await screen.findByText('已申请开票');
  expect(calls.find((call) => call.path === '/api/dues/bills/20/receipt-request')?.data).toEqual({
    title: '杭州云栈信息技术有限公司',
    taxNumber: '91330106MA2B3C4D5E',
  });
  expect(document.body.textContent).toContain('2026-04-02 10:00');
  expect(screen.queryByText('下载票据')).toBeNull();
});

test('a receipt request the server refuses shows its message under the form', async () => {
  chooseInvoiceTitle.mockRejectedValueOnce({ errMsg: 'chooseInvoiceTitle:fail cancel' });
  serveDues(
    () => [paidBill],
    (call) =>
      call.path === '/api/dues/bills/20/receipt-request'
        ? {
            statusCode: 409,
            data: {
              code: 'DUES_RECEIPT_ALREADY_REQUESTED',
              message: '该账单已申请过会费票据，如需修改抬头请联系分会工作人员',
            },
          }
        : undefined,
  );
  await openDues();
  fireEvent.click(await screen.findByText('申请会费票据'));
  // Closing WeChat's list leaves the unit's own name as the title.
  await screen.findByDisplayValue('杭州云栈信息技术有限公司');
  fireEvent.click(screen.getByText('提交申请'));
  await screen.findByText('该账单已申请过会费票据，如需修改抬头请联系分会工作人员');
});

test('an issued receipt downloads with the session’s token and opens in WeChat’s viewer', async () => {
  serveDues(() => [
    {
      ...paidBill,
      receipt: {
        status: 'issued',
        title: '杭州云栈信息技术有限公司',
        taxNumber: null,
        number: 'HF2025-000123',
        requestedAt: '2026-04-02T02:00:00.000Z',
        issuedAt: '2026-04-03T02:00:00.000Z',
      },
    },
  ]);
  await openDues();
  await screen.findByText('票据已开具');
  expect(screen.getByText('HF2025-000123')).toBeTruthy();
  fireEvent.click(screen.getByText('下载票据'));
  await waitFor(() =>
    expect(openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/receipt.pdf',
      fileType: 'pdf',
      showMenu: true,
    }),
  );
  expect(downloadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      url: 'https://api.test/api/dues/bills/20/receipt.pdf',
      header: { Authorization: `Bearer ${TOKEN}` },
    }),
  );
});

test('a receipt that cannot be downloaded says why', async () => {
  downloadFile.mockResolvedValueOnce({ errMsg: 'downloadFile:ok', statusCode: 404, tempFilePath: '' });
  serveDues(() => [
    {
      ...paidBill,
      receipt: {
        status: 'issued',
        title: '杭州云栈信息技术有限公司',
        taxNumber: null,
        number: 'HF2025-000123',
        requestedAt: '2026-04-02T02:00:00.000Z',
        issuedAt: '2026-04-03T02:00:00.000Z',
      },
    },
  ]);
  await openDues();
  fireEvent.click(await screen.findByText('下载票据'));
  await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '下载失败' })));
  expect(openDocument).not.toHaveBeenCalled();
});

test('no bill yet: says so', async () => {
  serveDues(() => []);
  await openDues();
  await screen.findByText('本单位暂无会费账单，账单生成后会通知您');
});

test('a failure shows the error with 重试, which loads again', async () => {
  let fail = true;
  serveDues(
    () => [openBill],
    (call) => (call.path === '/api/units/9/bills' && fail ? 'offline' : undefined),
  );
  await openDues();
  await screen.findByText('网络连接失败，请检查网络后重试');
  fail = false;
  fireEvent.click(screen.getByText('重试'));
  await screen.findByText('HZ7K9QX3');
});

test('pull-to-refresh loads the bills again and stops the spinner', async () => {
  const calls = serveDues(() => [openBill]);
  await openDues();
  await screen.findByText('HZ7K9QX3');
  act(() => usePullDownRefresh.mock.lastCall?.[0]());
  await waitFor(() => expect(stopPullDownRefresh).toHaveBeenCalled());
  expect(billLoads(calls)).toBe(2);
});

test('not a unit’s contact: why, and the way to 会员名录; no bill is asked for', async () => {
  const calls = serveDues(() => [openBill], undefined, visitor);
  await openDues();
  await screen.findByText('会费仅限会员单位联系人查看');
  expect(calls.some((call) => call.path.includes('/bills'))).toBe(false);
  fireEvent.click(screen.getByText('会员名录'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/directory/pages/index/index' });
});

test('a unit the person no longer speaks for (404) is the same refusal, without 重试', async () => {
  routerParams.unitId = '12';
  serveDues(() => [openBill]);
  await openDues();
  await screen.findByText('会费仅限会员单位联系人查看');
  expect(screen.queryByText('重试')).toBeNull();
});

test('only the bills’ 404 is a refusal: a failure of the account is an error with 重试', async () => {
  serveDues(
    () => [openBill],
    (call) =>
      call.path === '/api/dues/settings'
        ? { statusCode: 503, data: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' } }
        : undefined,
  );
  await openDues();
  await screen.findByText('重试');
  expect(screen.queryByText('会费仅限会员单位联系人查看')).toBeNull();
});

test('signed out: led to 我的 to log in first', async () => {
  process.env.TARO_ENV = 'h5';
  serveDues(() => []);
  await openDues();
  expect(screen.getByText('登录后查看本单位的会费账单')).toBeTruthy();
});

test('an upgrade’s difference bill is named as such beside the year’s annual bill', async () => {
  serveDues(() => [
    { ...openBill, id: 22, kind: 'upgrade', amountFen: 58300, remittanceCode: 'HZ9D2FF7' },
    { ...openBill, kind: 'annual' },
  ]);
  await openDues();
  await screen.findByText('2026 年度升级差额');
  expect(screen.getByText('2026 年度会费')).toBeTruthy();
  expect(document.body.textContent).toContain('583.00 元');
});
