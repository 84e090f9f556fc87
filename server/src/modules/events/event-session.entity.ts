import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One session of an event (the 会议周's sub-forums; a single-day training has one). `taken` counts the
 * registrations holding a seat (confirmed, awaiting payment, offered): a seat is taken with
 * `UPDATE … SET taken = taken + 1 WHERE id = ? AND taken < capacity`, so no interleaving of requests
 * can hold more seats than the capacity, on SQLite or MariaDB.
 */
@Entity('event_sessions')
@Index('ix_event_sessions_event', ['eventId', 'position'])
// The reminder job: sessions starting within a day, not yet reminded.
@Index('ix_event_sessions_remind', ['remindedAt', 'startsAt'])
export class EventSessionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'event_id', type: 'integer' })
  eventId: number;

  /** Order on the event page. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 40 })
  title: string;

  @Column({ name: 'starts_at', type: 'datetime' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime' })
  endsAt: Date;

  @Column({ type: 'integer' })
  capacity: number;

  @Column({ type: 'integer', default: 0 })
  taken: number;

  /** When the day-before reminders went out; null before. */
  @Column({ name: 'reminded_at', type: 'datetime', nullable: true })
  remindedAt: Date | null;
}
