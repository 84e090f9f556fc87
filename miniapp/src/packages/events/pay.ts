import Taro from '@tarojs/taro';
import { formatFen, type WechatPayOrder } from '@itss/shared';
import { toApiError } from '@/services/http';
import { showModal } from '@/services/modal';
import { syncPayment } from '@/packages/dues/api';
import { confirmRegistration, payBooking } from '@/packages/events/api';
// Relative, so that the H5 build resolves the browser's own payment.h5.ts.
import { requestPayment, type PaymentOutcome } from '../../services/payment';

const UNFINISHED: Record<Exclude<PaymentOutcome, 'unavailable'>, string> = {
  paid: '微信支付尚未确认到账。如已扣款，到账后报名即自动生效；若名额保留已过期，款项将全额退回。',
  cancelled: '您已取消支付，名额仍为您保留到截止时间，可稍后再次支付。',
  failed: '支付没有完成。如已扣款，到账后报名即自动生效；若名额保留已过期，款项将全额退回。',
};

/**
 * The cashier for an order the server signed, then the server asked at once where the payment
 * stands, since WeChat Pay's own notification may come later or never. Every outcome is said.
 */
async function payOrder(
  order: Pick<WechatPayOrder, 'paymentId' | 'amountFen' | 'requestPayment'>,
  summary: string,
) {
  const outcome = await requestPayment(order.requestPayment, `${summary} ${formatFen(order.amountFen)}`);
  if (outcome === 'unavailable') return;
  void Taro.showLoading({ title: '正在确认支付结果', mask: true });
  let status;
  try {
    ({ status } = await syncPayment(order.paymentId));
    void Taro.hideLoading();
  } catch (error) {
    void Taro.hideLoading();
    await showModal({
      title: '支付结果查询失败',
      content: `${toApiError(error).message}\n如已付款，到账后报名即自动生效，可稍后下拉刷新查看。`,
      showCancel: false,
    });
    return;
  }
  if (status === 'succeeded') {
    await Taro.showToast({ title: '支付成功', icon: 'success' });
    return;
  }
  await showModal({ title: '支付未完成', content: UNFINISHED[outcome], showCancel: false });
}

/**
 * 确认参加 / 去支付: the server takes an offered free seat at once, or answers the WeChat Pay order
 * of a seat held for payment (a booked seat's order is its booking's, for all its seats). The caller
 * reloads the registration after.
 */
export async function confirmOrPay(registration: {
  id: number;
  eventTitle: string;
  bookingId?: number | null;
}): Promise<void> {
  if (registration.bookingId) {
    await payForBooking(registration.bookingId, registration.eventTitle);
    return;
  }
  let result;
  try {
    result = await confirmRegistration(registration.id);
  } catch (error) {
    await showModal({ title: '未能确认', content: toApiError(error).message, showCancel: false });
    return;
  }
  if (!result.order) {
    await Taro.showToast({ title: result.state === 'confirmed' ? '已确认参加' : '已提交', icon: 'success' });
    return;
  }
  await payOrder(result.order, `${registration.eventTitle} 报名费`);
}

/** 微信支付 for a unit's booking: one order for all its seats. */
export async function payForBooking(bookingId: number, eventTitle: string): Promise<void> {
  let order;
  try {
    order = await payBooking(bookingId);
  } catch (error) {
    await showModal({ title: '无法发起微信支付', content: toApiError(error).message, showCancel: false });
    return;
  }
  await payOrder(order, `${eventTitle} 单位预订`);
}
