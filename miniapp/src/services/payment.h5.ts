import { ErrorCode, type RequestPaymentParams } from '@itss/shared';
import { ApiError, request } from './http';
import { showModal } from './modal';
import type { PaymentOutcome } from './payment';
import { getPersonas } from './standin';

/** The development server's WeChat Pay stand-in plays the payer of an order it issued. */
const STANDIN_PAY = '/__wechatpay/pay';

const IN_WECHAT_ONLY = '请在微信小程序中完成支付';

/** The order's prepay id, from requestPayment's `package` ("prepay_id=…"). */
function prepayIdOf(params: RequestPaymentParams): string {
  return params.package.replace(/^prepay_id=/, '');
}

async function tellInWechatOnly(): Promise<PaymentOutcome> {
  await showModal({ title: '无法在浏览器中支付', content: IN_WECHAT_ONLY, showCancel: false });
  return 'unavailable';
}

/**
 * A browser has no WeChat Pay. Where the server plays WeChat (development: its stand-ins answer),
 * the person decides the cashier's outcome and the WeChat Pay stand-in pays or fails the order as
 * WeChat Pay would, notification included; elsewhere they are told to pay in the mini-program.
 */
export async function requestPayment(params: RequestPaymentParams, summary: string): Promise<PaymentOutcome> {
  // The login stand-in and the WeChat Pay stand-in are served together, in development only.
  const standin = await getPersonas().then(
    (personas) => personas.length > 0,
    () => false,
  );
  if (!standin) return tellInWechatOnly();
  const { confirm } = await showModal({
    title: '模拟支付',
    content: `${summary}\n浏览器中没有微信支付，开发环境由本地模拟微信支付。请选择本次支付的结果。`,
    confirmText: '支付成功',
    cancelText: '支付失败',
  });
  try {
    await request({
      path: STANDIN_PAY,
      method: 'POST',
      data: { prepayId: prepayIdOf(params), outcome: confirm ? 'success' : 'fail' },
      auth: false,
    });
  } catch (error) {
    // A server with a configured WeChat Pay serves no stand-in for it.
    if (error instanceof ApiError && error.code === ErrorCode.NotFound) return tellInWechatOnly();
    return 'failed';
  }
  return confirm ? 'paid' : 'failed';
}
