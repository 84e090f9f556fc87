import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { WechatPayApi } from '../../wechatpay/wechatpay.types';
import { AuditModule } from '../audit/audit.module';
import { BankTransferBatch } from './bank-transfer-batch';
import { PaymentSettlement } from './payment-settlement';
import { PaymentSubjects } from './payment-subjects';
import { PaymentEntity, RefundEntity } from './payment.entity';
import { PaymentsController } from './payments.controller';
import { PaymentsPolicy } from './payments.policy';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';
import { WechatNotifications } from './wechat-notifications';
import { WechatOrders } from './wechat-orders';

/** Until the WeChat Pay client lands: not offered, so every order is refused before it is asked. */
class WechatPayNotConfigured extends WechatPayApi {
  readonly enabled = false;
  private refuse(): never {
    throw new Error('WeChat Pay is not configured');
  }
  jsapiOrder = () => this.refuse();
  requestPaymentParams = () => this.refuse();
  queryOrder = () => this.refuse();
  closeOrder = () => this.refuse();
  refund = () => this.refuse();
  queryRefund = () => this.refuse();
  parseNotification = () => this.refuse();
}

@Module({
  imports: [TransactionalRepositoriesModule.forFeature([PaymentEntity, RefundEntity]), AuditModule],
  controllers: [PaymentsController],
  providers: [
    PaymentsService,
    BankTransferBatch,
    PaymentSubjects,
    PaymentSettlement,
    RefundsService,
    WechatOrders,
    WechatNotifications,
    PaymentsPolicy,
    { provide: WechatPayApi, useClass: WechatPayNotConfigured },
  ],
  exports: [PaymentsService, PaymentSubjects, BankTransferBatch],
})
export class PaymentsModule {}
