import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { DuesModule } from '../dues/dues.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UnitsModule } from '../units/units.module';
import { UsersModule } from '../users/users.module';
import { ArrearsPolicy } from './arrears.policy';
import { ArrearsService } from './arrears.service';
import { DemoStandingSeed } from './demo-standing.seed';
import { LevelRequestEntity } from './level-request.entity';
import { LevelRequestsPolicy } from './level-requests.policy';
import { LevelRequestsService } from './level-requests.service';
import { RemovalService } from './removal.service';
import {
  LevelRequestsController,
  StandingStaffController,
  UnitStandingController,
} from './standing.controller';
import { StandingPolicy } from './standing.policy';
import { StandingService } from './standing.service';
import { UnitLevelChangeEntity } from './unit-level-change.entity';
import { UnitRemovalEntity } from './unit-removal.entity';

/**
 * A unit's standing: arrears and the two-year rule, removal as a recorded decision, level changes
 * one step at a time and the president seat. Owns its three tables; reads and locks bills and units
 * through the dues and units features, and changes them only through them (a difference bill, a
 * level, a status change), whose listeners and history follow.
 */
@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      LevelRequestEntity,
      UnitLevelChangeEntity,
      UnitRemovalEntity,
    ]),
    UnitsModule,
    DuesModule,
    AuditModule,
    NotificationsModule,
    FilesModule,
    UsersModule,
  ],
  controllers: [UnitStandingController, LevelRequestsController, StandingStaffController],
  providers: [
    ArrearsService,
    ArrearsPolicy,
    LevelRequestsService,
    LevelRequestsPolicy,
    RemovalService,
    StandingService,
    StandingPolicy,
    DemoStandingSeed,
  ],
})
export class StandingModule {}
