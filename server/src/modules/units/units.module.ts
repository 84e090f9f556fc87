import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UsersModule } from '../users/users.module';
import { ContactsController } from './contacts.controller';
import { ContactsPolicy } from './contacts.policy';
import { ContactsService } from './contacts.service';
import { DemoUnitSeed } from './demo-unit.seed';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';
import { UnitDepartures } from './departures';
import { DirectoryController } from './directory.controller';
import { DirectoryService } from './directory.service';
import { UnitImportService } from './unit-import.service';
import { UnitStatusChangeEntity } from './unit-status-change.entity';
import { UnitInviteEntity } from './invite.entity';
import { InvitesController, JoinRequestsController } from './invites.controller';
import { InvitesService } from './invites.service';
import { JoinThrottle } from './join-throttle';
import { UnitJoinRequestEntity } from './join-request.entity';
import { JoinRequestsService } from './join-requests.service';
import { SeatLimitEntity, UnitRosterEntity } from './seat-limit.entity';
import { SeatLimitsService } from './seat-limits.service';
import { UnitAdminService } from './unit-admin.service';
import { UnitExportFacts } from './unit-export-facts';
import { UnitExportService } from './unit-export.service';
import { UnitsController } from './units.controller';
import { UnitsPolicy } from './units.policy';
import { UnitAudiences } from './unit-audience';
import { UnitsService } from './units.service';

@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      UnitEntity,
      UnitContactEntity,
      UnitStatusChangeEntity,
      UnitInviteEntity,
      UnitJoinRequestEntity,
      SeatLimitEntity,
      UnitRosterEntity,
    ]),
    UsersModule,
    AuditModule,
    NotificationsModule,
  ],
  controllers: [
    UnitsController,
    DirectoryController,
    ContactsController,
    InvitesController,
    JoinRequestsController,
  ],
  providers: [
    UnitsService,
    UnitAdminService,
    UnitsPolicy,
    UnitDepartures,
    ContactsService,
    InvitesService,
    JoinRequestsService,
    ContactsPolicy,
    SeatLimitsService,
    JoinThrottle,
    DemoUnitSeed,
    UnitImportService,
    UnitExportService,
    UnitExportFacts,
    DirectoryService,
    UnitAudiences,
  ],
  exports: [UnitsService, UnitAdminService, UnitDepartures, UnitExportFacts, UnitAudiences],
})
export class UnitsModule {}
