import { Module } from '@nestjs/common';
import { TransactionalRepositoriesModule } from '../../database/transactional-repositories.module';
import { AttendanceCertificateEntity } from './attendance-certificate.entity';
import { BookingEntity } from './booking.entity';
import { CheckInScanEntity } from './check-in-scan.entity';
import { EventMaterialEntity } from './event-material.entity';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';

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
  ],
})
export class EventsModule {}
