import { Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../../common/request-context';
import { WechatPayApi, WechatPayVerifyError } from '../../wechatpay/wechatpay.types';
import { PaymentSettlement } from './payment-settlement';

/** What WeChat Pay is answered: accepted, or refused (it retries) with its own `{ code, message }`. */
export type NotificationAnswer = { accepted: true } | { accepted: false; message: string };

/**
 * WeChat Pay's notifications (`POST /api/payments/wechat/notify`): believed only when the signature
 * over the raw body verifies and the resource decrypts; then settled like any other word of WeChat
 * Pay's. One that verifies but names no order of ours, or another amount, is logged by the
 * settlement and accepted: sending it again would not make it match.
 */
@Injectable()
export class WechatNotifications {
  private readonly logger = new Logger(WechatNotifications.name);

  constructor(
    private readonly wechatPay: WechatPayApi,
    private readonly settlement: PaymentSettlement,
  ) {}

  async receive(
    actor: RequestContext,
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): Promise<NotificationAnswer> {
    let notification;
    try {
      notification = this.wechatPay.parseNotification(headers, rawBody);
    } catch (error) {
      if (!(error instanceof WechatPayVerifyError)) throw error;
      this.logger.warn(`Refused a WeChat Pay notification from ${actor.ip}: ${error.message}`);
      return { accepted: false, message: '签名验证或解密失败' };
    }
    if (notification.transaction && notification.eventType.startsWith('TRANSACTION.')) {
      if (notification.transaction.tradeState === 'SUCCESS') {
        await this.settlement.settlePaid(actor, notification.transaction);
        return { accepted: true };
      }
    } else if (notification.refund && notification.eventType.startsWith('REFUND.')) {
      await this.settlement.settleRefund(actor, notification.refund);
      return { accepted: true };
    }
    this.logger.error(
      `WeChat Pay notification ${notification.id} of type ${notification.eventType} handled by nothing; accepted unchanged`,
    );
    return { accepted: true };
  }
}
