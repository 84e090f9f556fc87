import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
import { BankStatementEntity, BankStatementLineEntity } from './bank-statement.entity';
import { BillEntity } from './bill.entity';
import { DuesController } from './dues.controller';
import { DuesPolicy } from './dues.policy';
import { DuesService } from './dues.service';
import { StatementPostingService } from './statement-posting.service';
import { StatementsController } from './statements.controller';
import { StatementsPolicy } from './statements.policy';
import { StatementsService } from './statements.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([BillEntity, BankStatementEntity, BankStatementLineEntity]),
    UnitsModule,
    AuditModule,
    PaymentsModule,
  ],
  controllers: [DuesController, StatementsController],
  providers: [DuesService, DuesPolicy, StatementsService, StatementPostingService, StatementsPolicy],
  exports: [DuesService],
})
export class DuesModule {}
