import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { UnitContactEntity, UnitEntity } from './unit.entity';
import { UnitsController } from './units.controller';
import { UnitsPolicy } from './units.policy';
import { UnitsService } from './units.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([UnitEntity, UnitContactEntity]),
    UsersModule,
    AuditModule,
  ],
  controllers: [UnitsController],
  providers: [UnitsService, UnitsPolicy],
  exports: [UnitsService],
})
export class UnitsModule {}
