import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';
import { UnitDepartures } from './departures';
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
  providers: [UnitsService, UnitsPolicy, UnitDepartures],
  exports: [UnitsService, UnitDepartures],
})
export class UnitsModule {}
