import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { FilesModule } from '../files/files.module';
import { AttendanceCertificateEntity } from './attendance-certificate.entity';
import { AttendanceCertificatesController } from './attendance-certificates.controller';
import { AttendanceCertificatesService } from './attendance-certificates.service';
import { AttendancePolicy } from './attendance.policy';
import { BookingEntity } from './booking.entity';
import { CheckInScanEntity } from './check-in-scan.entity';
import { CheckInsController } from './check-ins.controller';
import { CheckInsService } from './check-ins.service';
import { EventMaterialEntity } from './event-material.entity';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';
import { TicketCodes } from './ticket-codes';
import { WalkInsService } from './walk-ins.service';

/**
 * Training and events: events with sessions, registration with member priority and a waiting list,
 * unit bookings, paid seats, tickets and check-in, certificates of attendance. Owns `events`,
 * `event_sessions`, `event_registrations` and `event_bookings`.
 */
@Module({
  imports: [
    TransactionalRepositoriesModule.forFeature([
      EventEntity,
      EventSessionEntity,
      RegistrationEntity,
      BookingEntity,
      AttendanceCertificateEntity,
      CheckInScanEntity,
      EventMaterialEntity,
    ]),
    AuditModule,
    CertificatesModule,
    FilesModule,
  ],
  controllers: [CheckInsController, AttendanceCertificatesController, SurveysController, MaterialsController],
  providers: [
    TicketCodes,
    AttendancePolicy,
    CheckInsService,
    WalkInsService,
    AttendanceCertificatesService,
    SurveysService,
    MaterialsService,
  ],
})
export class EventsModule {}
