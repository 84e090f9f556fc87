import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { BillEntity } from './bill.entity';
import { DuesController } from './dues.controller';
import { DuesPolicy } from './dues.policy';
import { DuesService } from './dues.service';
import { DuesJobs } from './dues-jobs';
import { DuesReminderEntity } from './reminders.entity';
import { DuesReminders } from './reminders.service';
import { ReceiptsController } from './receipts.controller';
import { ReceiptsPolicy } from './receipts.policy';
import { DuesReceipts } from './receipts.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([BillEntity, DuesReminderEntity]),
    UnitsModule,
    AuditModule,
    PaymentsModule,
    NotificationsModule,
    FilesModule,
    UsersModule,
  ],
  controllers: [DuesController, ReceiptsController],
  providers: [DuesService, DuesPolicy, DuesReminders, DuesJobs, DuesReceipts, ReceiptsPolicy],
  exports: [DuesService],
})
export class DuesModule {}
