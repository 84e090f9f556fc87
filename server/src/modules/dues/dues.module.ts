import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
import { BillEntity } from './bill.entity';
import { DuesController } from './dues.controller';
import { DuesPolicy } from './dues.policy';
import { DuesService } from './dues.service';

@Module({
  imports: [TransactionalRepositoriesModule.forFeature([BillEntity]), UnitsModule, AuditModule, PaymentsModule],
  controllers: [DuesController],
  providers: [DuesService, DuesPolicy],
  exports: [DuesService],
})
export class DuesModule {}
