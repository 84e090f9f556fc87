import type { RequestPaymentParams } from '@itss/shared';
import { serveBy, ok, type Call } from '@test/fixtures';
import { requestPayment as wechatCashier, showModal } from '@test/taro-mock';
import { requestPayment as browserPayment } from './payment.h5';
import { requestPayment as weappPayment } from './payment';

const params: RequestPaymentParams = {
  timeStamp: '1796630400',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx_standin_77',
  signType: 'RSA',
  paySign: 'c2lnbmVk',
};

const personas = ok({
  personas: [{ key: 'visitor', label: '访客', displayName: '赵晓访', openid: 'o', phone: '1' }],
});
const notFound = { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };

function serveStandin(pay: (call: Call) => { statusCode: number; data: unknown } = () => ok({})): Call[] {
  return serveBy((call) => {
    if (call.path === '/__wechat/__standin/personas') return personas;
    if (call.path === '/__wechatpay/pay') return pay(call);
    return notFound;
  });
}

describe('WeChat (payment.ts)', () => {
  test('the cashier paid', async () => {
    await expect(weappPayment(params, '2026 年度会费')).resolves.toBe('paid');
    expect(wechatCashier).toHaveBeenCalledWith(params);
  });

  test('closed by the person, or failed', async () => {
    wechatCashier.mockRejectedValueOnce({ errMsg: 'requestPayment:fail cancel' });
    await expect(weappPayment(params, '')).resolves.toBe('cancelled');
    wechatCashier.mockRejectedValueOnce({ errMsg: 'requestPayment:fail (detail message)' });
    await expect(weappPayment(params, '')).resolves.toBe('failed');
  });
});

describe('the browser (payment.h5.ts)', () => {
  test('against the stand-in: 模拟支付, and the order paid through it', async () => {
    const calls = serveStandin();
    await expect(browserPayment(params, '2026 年度会费 10,000.00 元')).resolves.toBe('paid');
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '模拟支付', confirmText: '支付成功', cancelText: '支付失败' }),
    );
    expect(String(showModal.mock.lastCall?.[0].content)).toContain('2026 年度会费 10,000.00 元');
    expect(calls.find((call) => call.path === '/__wechatpay/pay')).toEqual(
      expect.objectContaining({
        method: 'POST',
        token: null,
        data: { prepayId: 'wx_standin_77', outcome: 'success' },
      }),
    );
  });

  test('支付失败 in the modal fails the order at the stand-in', async () => {
    showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
    const calls = serveStandin();
    await expect(browserPayment(params, '')).resolves.toBe('failed');
    expect(calls.find((call) => call.path === '/__wechatpay/pay')?.data).toEqual({
      prepayId: 'wx_standin_77',
      outcome: 'fail',
    });
  });

  test('no stand-in (production): pay in the mini-program, and nothing is posted', async () => {
    const calls = serveBy(() => notFound);
    await expect(browserPayment(params, '')).resolves.toBe('unavailable');
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '请在微信小程序中完成支付', showCancel: false }),
    );
    expect(calls.map((call) => call.path)).toEqual(['/__wechat/__standin/personas']);
  });

  test('a login stand-in without the WeChat Pay one (a configured WeChat Pay): pay in the mini-program', async () => {
    serveStandin(() => notFound);
    await expect(browserPayment(params, '')).resolves.toBe('unavailable');
    expect(showModal).toHaveBeenLastCalledWith(
      expect.objectContaining({ content: '请在微信小程序中完成支付' }),
    );
  });

  test('the stand-in refusing the order: failed', async () => {
    serveStandin(() => ({ statusCode: 409, data: { code: 'CONFLICT', message: '订单已关闭' } }));
    await expect(browserPayment(params, '')).resolves.toBe('failed');
  });
});
