import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
import { BillEntity } from './bill.entity';
import { DuesController } from './dues.controller';
import { DuesPolicy } from './dues.policy';
import { DuesService } from './dues.service';
import { DuesJobs } from './dues-jobs';
import { DuesReminderEntity } from './reminders.entity';
import { DuesReminders } from './reminders.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([BillEntity, DuesReminderEntity]),
    UnitsModule,
    AuditModule,
    PaymentsModule,
    NotificationsModule,
    FilesModule,
  ],
  controllers: [DuesController],
  providers: [DuesService, DuesPolicy, DuesReminders, DuesJobs],
  exports: [DuesService],
})
export class DuesModule {}
