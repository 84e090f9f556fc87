import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { CertificatesModule } from '../certificates/certificates.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
import { AttendanceCertificateEntity } from './attendance-certificate.entity';
import { AttendanceCertificatesController } from './attendance-certificates.controller';
import { AttendanceCertificatesService } from './attendance-certificates.service';
import { AttendancePolicy } from './attendance.policy';
import { BookingEntity } from './booking.entity';
import { CheckInScanEntity } from './check-in-scan.entity';
import { CheckInsController } from './check-ins.controller';
import { CheckInsService } from './check-ins.service';
import { DemoEventsSeed } from './demo-events.seed';
import { EventJobs } from './event-jobs';
import { EventMaterialEntity } from './event-material.entity';
import { HoldExpiry } from './hold-expiry';
import { BookingsController } from './bookings.controller';
import { BookingsService } from './bookings.service';
import { EventDeskPolicy } from './event-desk.policy';
import { EventInvoicesController } from './event-invoices.controller';
import { EventInvoices } from './event-invoices.service';
import { EventReminders } from './event-reminders';
import { EventReportsController } from './event-reports.controller';
import { EventReports } from './event-reports.service';
import { EventSessionEntity } from './event-session.entity';
import { EventSessionsEditor } from './event-sessions-editor';
import { EventEntity } from './event.entity';
import { EventsController } from './events.controller';
import { EventsPolicy, RegistrationsPolicy } from './events.policy';
import { EventCovers } from './event-covers';
import { EventsService } from './events.service';
import { RegistrationCalendar } from './registration-calendar';
import { MaterialsController } from './materials.controller';
import { MaterialsService } from './materials.service';
import { RegistrationEntity } from './registration.entity';
import { RegistrationPayments } from './registration-payments';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';
import { Seats } from './seats';
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
    UnitsModule,
    FilesModule,
    AuditModule,
    NotificationsModule,
    PaymentsModule,
    CertificatesModule,
  ],
  controllers: [
    EventsController,
    RegistrationsController,
    CheckInsController,
    AttendanceCertificatesController,
    SurveysController,
    MaterialsController,
    // The registration office around the core: statistics, bookings, invoices, calendar.
    EventReportsController,
    BookingsController,
    EventInvoicesController,
  ],
  providers: [
    EventsService,
    EventCovers,
    EventsPolicy,
    EventSessionsEditor,
    EventJobs,
    HoldExpiry,
    RegistrationsService,
    RegistrationsPolicy,
    RegistrationPayments,
    Seats,
    TicketCodes,
    DemoEventsSeed,
    EventDeskPolicy,
    EventReports,
    BookingsService,
    EventInvoices,
    EventReminders,
    RegistrationCalendar,
    AttendancePolicy,
    CheckInsService,
    WalkInsService,
    AttendanceCertificatesService,
    SurveysService,
    MaterialsService,
  ],
  exports: [TicketCodes],
})
export class EventsModule {}
