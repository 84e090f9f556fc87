import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PriceAudience, RegistrationState } from '@itss/shared';

/**
 * A person's registration for a session, or one seat of a unit's booking. `live_user_id` holds the
 * registrant's user id while the registration is not cancelled and is NULL otherwise (and for booked
 * seats): its unique key with the session keeps one live registration per person per session, which
 * two requests sent at once cannot both pass. The waiting list is the session's waitlisted
 * registrations in id order.
 */
@Entity('event_registrations')
@Index('uq_event_registrations_live', ['sessionId', 'liveUserId'], { unique: true })
@Index('ix_event_registrations_session_state', ['sessionId', 'state', 'id'])
@Index('ix_event_registrations_event_state', ['eventId', 'state', 'id'])
@Index('ix_event_registrations_user', ['userId', 'id'])
@Index('ix_event_registrations_booking', ['bookingId'])
// The hold job: offers and payment holds that ran out.
@Index('ix_event_registrations_hold', ['state', 'holdExpiresAt'])
export class RegistrationEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'event_id', type: 'integer' })
  eventId: number;

  @Column({ name: 'session_id', type: 'integer' })
  sessionId: number;

  /** Who registered (the booker for a booked seat, staff's walk-in has the staff member). */
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'live_user_id', type: 'integer', nullable: true })
  liveUserId: number | null;

  @Column({ name: 'booking_id', type: 'integer', nullable: true })
  bookingId: number | null;

  @Column({ type: 'varchar', length: 20 })
  state: RegistrationState;

  /** Null for a booked seat whose attendee is not named yet. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  name: string | null;

  /** The registrant's member unit when they registered (stats by level), if any. */
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId: number | null;

  @Column({ name: 'unit_name', type: 'varchar', length: 60, nullable: true })
  unitName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  /** Whose price applied: a level, or non_member. */
  @Column({ type: 'varchar', length: 16 })
  audience: PriceAudience;

  @Column({ name: 'price_fen', type: 'integer' })
  priceFen: number;

  /** Until when an offered seat or a seat awaiting payment is held. */
  @Column({ name: 'hold_expires_at', type: 'datetime', nullable: true })
  holdExpiresAt: Date | null;

  @Column({ name: 'checked_in_at', type: 'datetime', nullable: true })
  checkedInAt: Date | null;

  @Column({ name: 'checked_in_by', type: 'integer', nullable: true })
  checkedInBy: number | null;

  @Column({ name: 'survey_rating', type: 'integer', nullable: true })
  surveyRating: number | null;

  @Column({ name: 'survey_comment', type: 'varchar', length: 300, nullable: true })
  surveyComment: string | null;

  @Column({ name: 'surveyed_at', type: 'datetime', nullable: true })
  surveyedAt: Date | null;

  @Column({ name: 'invoice_title', type: 'varchar', length: 100, nullable: true })
  invoiceTitle: string | null;

  @Column({ name: 'invoice_tax_number', type: 'varchar', length: 20, nullable: true })
  invoiceTaxNumber: string | null;

  @Column({ name: 'invoice_number', type: 'varchar', length: 40, nullable: true })
  invoiceNumber: string | null;

  @Column({ name: 'invoice_file_id', type: 'integer', nullable: true })
  invoiceFileId: number | null;

  @Column({ name: 'invoice_requested_at', type: 'datetime', nullable: true })
  invoiceRequestedAt: Date | null;

  @Column({ name: 'invoice_issued_at', type: 'datetime', nullable: true })
  invoiceIssuedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  @Column({ name: 'cancelled_at', type: 'datetime', nullable: true })
  cancelledAt: Date | null;
}
