import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A unit's booking of several seats of one session by its primary contact: one bill and one payment
 * for all its seats (`event_registrations.booking_id`), whose attendees are named later.
 */
@Entity('event_bookings')
@Index('ix_event_bookings_unit', ['unitId', 'id'])
@Index('ix_event_bookings_session', ['sessionId'])
export class BookingEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'event_id', type: 'integer' })
  eventId: number;

  @Column({ name: 'session_id', type: 'integer' })
  sessionId: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'integer' })
  seats: number;

  /** All seats' price together, in fen. */
  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
