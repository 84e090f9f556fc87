import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AuditModule } from '../audit/audit.module';
import { FilesModule } from '../files/files.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PaymentsModule } from '../payments/payments.module';
import { UnitsModule } from '../units/units.module';
import { BookingEntity } from './booking.entity';
import { DemoEventsSeed } from './demo-events.seed';
import { EventJobs } from './event-jobs';
import { HoldExpiry } from './hold-expiry';
import { EventSessionEntity } from './event-session.entity';
import { EventSessionsEditor } from './event-sessions-editor';
import { EventEntity } from './event.entity';
import { EventsController } from './events.controller';
import { EventsPolicy, RegistrationsPolicy } from './events.policy';
import { EventsService } from './events.service';
import { RegistrationEntity } from './registration.entity';
import { RegistrationPayments } from './registration-payments';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsService } from './registrations.service';
import { Seats } from './seats';
import { TicketCodes } from './ticket-codes';

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
    ]),
    UnitsModule,
    FilesModule,
    AuditModule,
    NotificationsModule,
    PaymentsModule,
  ],
  controllers: [EventsController, RegistrationsController],
  providers: [
    EventsService,
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
  ],
  exports: [TicketCodes],
})
export class EventsModule {}
