import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { UsersModule } from '../users/users.module';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';
import { UnitDepartures } from './departures';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { UnitImportService } from './unit-import.service';
import { UnitStatusChangeEntity } from './unit-status-change.entity';
import { UnitsController } from './units.controller';
import { UnitsPolicy } from './units.policy';
import { UnitsService } from './units.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([UnitEntity, UnitContactEntity, UnitStatusChangeEntity]),
    UsersModule,
    AuditModule,
  ],
  controllers: [UnitsController, DirectoryController],
  providers: [UnitsService, UnitsPolicy, UnitDepartures, UnitImportService, DirectoryService],
  exports: [UnitsService, UnitDepartures],
})
export class UnitsModule {}
