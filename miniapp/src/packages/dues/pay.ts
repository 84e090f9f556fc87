import Taro from '@tarojs/taro';
import { formatFen, type Bill } from '@itss/shared';
import { toApiError } from '@/services/http';
import { showModal } from '@/services/modal';
import { startWechatPay, syncPayment } from '@/packages/dues/api';
// Relative, so that the H5 build resolves the browser's own payment.h5.ts.
import { requestPayment, type PaymentOutcome } from '../../services/payment';

/** What a bill still owes: nothing once paid, and never less than nothing (credit). */
export function outstandingFen(bill: Bill): number {
  return Math.max(bill.amountFen - bill.paidFen, 0);
}

const UNFINISHED: Record<Exclude<PaymentOutcome, 'unavailable'>, string> = {
  paid: '微信支付尚未确认到账。如已扣款，款项确认后会自动入账，请稍后下拉刷新查看。',
  cancelled: '您已取消支付，账单未变化。',
  failed: '支付没有完成，账单未变化。如已扣款，款项确认后会自动入账。',
};

/**
 * WeChat Pay for what the bill still owes: the server opens (or answers again) the order, the
 * cashier takes the money, and the server is asked at once where the payment stands, since WeChat
 * Pay's own notification may come later or never. Every outcome is said to the person; the caller
 * reloads the bill after.
 */
export async function payBill(bill: Bill): Promise<void> {
  let order;
  try {
    order = await startWechatPay(bill.id);
  } catch (error) {
    await showModal({ title: '无法发起微信支付', content: toApiError(error).message, showCancel: false });
    return;
  }
  const outcome = await requestPayment(
    order.requestPayment,
    `${bill.year} 年度会费 ${formatFen(order.amountFen)}`,
  );
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
      content: `${toApiError(error).message}\n如已付款，款项确认后会自动入账，可稍后下拉刷新查看。`,
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
