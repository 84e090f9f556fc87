import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
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

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      BillEntity,
      DuesFeeEntity,
      DuesFeeChangeEntity,
      DuesSettingsEntity,
    ]),
    UnitsModule,
    AuditModule,
    PaymentsModule,
  ],
  controllers: [DuesController, DuesStaffController],
  providers: [
    DuesService,
    DuesPolicy,
    DuesFeesService,
    DuesSettingsService,
    BillOpening,
    BillListService,
    BillStatesService,
    DemoDuesSeed,
  ],
  exports: [DuesService],
})
export class DuesModule {}
