import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
import { BankStatementEntity, BankStatementLineEntity } from './bank-statement.entity';
import { BillPaymentsController } from './bill-payments.controller';
import { BillPaymentsService } from './bill-payments.service';
import { BillEntity } from './bill.entity';
import { BillListService } from './bill-list.service';
import { BillOpening } from './bill-opening.service';
import { BillStatesService } from './bill-states.service';
import { DemoDuesSeed } from './demo-dues.seed';
import { DuesFeeChangeEntity, DuesFeeEntity } from './dues-fee.entity';
import { DuesFeesService } from './dues-fees.service';
import { DuesSettingsEntity } from './dues-settings.entity';
import { DuesSettingsService } from './dues-settings.service';
import { DuesStaffController } from './dues-staff.controller';
import { DuesController } from './dues.controller';
import { DuesPolicy } from './dues.policy';
import { DuesService } from './dues.service';
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
      BankStatementEntity,
      BankStatementLineEntity,
    ]),
    UnitsModule,
    AuditModule,
    PaymentsModule,
    NotificationsModule,
  ],
  controllers: [DuesController, DuesStaffController, BillPaymentsController, StatementsController],
  providers: [
    DuesService,
    DuesPolicy,
    DuesFeesService,
    DuesSettingsService,
    BillOpening,
    BillListService,
    BillStatesService,
    BillPaymentsService,
    StatementsService,
    StatementPostingService,
    StatementsPolicy,
    DemoDuesSeed,
  ],
  exports: [DuesService, BillPaymentsService],
})
export class DuesModule {}
