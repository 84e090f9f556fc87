import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
import { BillPaymentsController } from './bill-payments.controller';
import { BillPaymentsService } from './bill-payments.service';
import { BillEntity } from './bill.entity';
import { DuesController } from './dues.controller';
import { DuesPolicy } from './dues.policy';
import { DuesService } from './dues.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([BillEntity]),
    UnitsModule,
    AuditModule,
    PaymentsModule,
    NotificationsModule,
  ],
  controllers: [DuesController, BillPaymentsController],
  providers: [DuesService, DuesPolicy, BillPaymentsService],
  exports: [DuesService, BillPaymentsService],
})
export class DuesModule {}
