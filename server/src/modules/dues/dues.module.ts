import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { BankStatementEntity, BankStatementLineEntity } from './bank-statement.entity';
import { BillPaymentsController } from './bill-payments.controller';
import { BillPaymentsService } from './bill-payments.service';
import { BillEntity } from './bill.entity';
import { BillListService } from './bill-list.service';
import { BillOpening } from './bill-opening.service';
import { BillStatesService } from './bill-states.service';
import { DemoDuesSeed } from './demo-dues.seed';
import { DuesArrears } from './dues-arrears';
import { DuesFeeChangeEntity, DuesFeeEntity } from './dues-fee.entity';
import { DuesFeesService } from './dues-fees.service';
import { DuesSettingsEntity } from './dues-settings.entity';
import { DuesSettingsService } from './dues-settings.service';
import { DuesStaffController } from './dues-staff.controller';
import { DuesController } from './dues.controller';
import { DuesPolicy } from './dues.policy';
import { DuesService } from './dues.service';
import { DuesJobs } from './dues-jobs';
import { DuesReminderEntity } from './reminders.entity';
import { DuesReminders } from './reminders.service';
import { ReceiptsController } from './receipts.controller';
import { ReceiptsPolicy } from './receipts.policy';
import { DuesReceipts } from './receipts.service';
import { StatementPostingService } from './statement-posting.service';
import { StatementsController } from './statements.controller';
import { StatementsPolicy } from './statements.policy';
import { StatementsService } from './statements.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      BillEntity,
      DuesFeeEntity,
      DuesFeeChangeEntity,
      DuesSettingsEntity,
      DuesReminderEntity,
      BankStatementEntity,
      BankStatementLineEntity,
    ]),
    UnitsModule,
    AuditModule,
    PaymentsModule,
    NotificationsModule,
    FilesModule,
    UsersModule,
  ],
  controllers: [
    DuesController,
    DuesStaffController,
    BillPaymentsController,
    StatementsController,
    ReceiptsController,
  ],
  providers: [
    DuesService,
    DuesArrears,
    DuesPolicy,
    DuesFeesService,
    DuesSettingsService,
    BillOpening,
    BillListService,
    BillStatesService,
    DemoDuesSeed,
    DuesReminders,
    DuesJobs,
    DuesReceipts,
    ReceiptsPolicy,
    BillPaymentsService,
    StatementsService,
    StatementPostingService,
    StatementsPolicy,
  ],
  exports: [DuesService, DuesArrears, BillPaymentsService],
})
export class DuesModule {}
