import Taro from '@tarojs/taro';
import type { RequestPaymentParams } from '@itss/shared';

/**
 * How a WeChat Pay cashier ended, as the person saw it; the server's query (`POST
 * /api/payments/:id/sync`) says whether money arrived. `unavailable`: no cashier could be shown
 * (a browser without the development stand-in), and the person was told so.
 */
export type PaymentOutcome = 'paid' | 'cancelled' | 'failed' | 'unavailable';

/**
 * WeChat's cashier for an order the server signed (the browser build has its own file,
 * payment.h5.ts). `summary` names what is paid where the platform shows no order of its own.
 */
export async function requestPayment(
  params: RequestPaymentParams,
  _summary: string,
): Promise<PaymentOutcome> {
  try {
    await Taro.requestPayment({ ...params });
    return 'paid';
  } catch (error) {
    // WeChat reports a closed cashier as "requestPayment:fail cancel".
    const errMsg = (error as { errMsg?: unknown } | null)?.errMsg;
    return typeof errMsg === 'string' && /cancel/.test(errMsg) ? 'cancelled' : 'failed';
  }
}
