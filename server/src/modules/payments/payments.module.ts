import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { WechatPayModule } from '../../wechatpay/wechatpay.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { BankTransferBatch } from './bank-transfer-batch';
import { PaymentReconciler } from './payment-reconciler';
import { PaymentSettlement } from './payment-settlement';
import { PaymentSubjects } from './payment-subjects';
import { PaymentEntity, RefundEntity } from './payment.entity';
import { PaymentsController } from './payments.controller';
import { PaymentsPolicy } from './payments.policy';
import { PaymentsService } from './payments.service';
import { RefundsService } from './refunds.service';
import { WechatNotifications } from './wechat-notifications';
import { WechatOrders } from './wechat-orders';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([PaymentEntity, RefundEntity]),
    AuditModule,
    UsersModule,
    WechatPayModule,
  ],
  controllers: [PaymentsController],
  providers: [
    PaymentsService,
    BankTransferBatch,
    PaymentSubjects,
    PaymentSettlement,
    PaymentReconciler,
    RefundsService,
    WechatOrders,
    WechatNotifications,
    PaymentsPolicy,
  ],
  exports: [PaymentsService, PaymentSubjects, BankTransferBatch, RefundsService],
})
export class PaymentsModule {}
