import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { EventAudience, EventKind, EventPrices, LevelCode, PlaceMode } from '@itss/shared';

/** The stored states; `closed` is presented from `closesAt`, never stored. */
export type StoredEventState = 'draft' | 'published' | 'cancelled';

/**
 * An event and its registration rules. Times are UTC datetimes. Prices and the levels' earlier
 * openings are small JSON objects read with the event, never queried by their parts.
 */
@Entity('events')
// The public list: published (and cancelled) events by end time, then id for the keyset.
@Index('ix_events_state_ends', ['state', 'endsAt', 'id'])
@Index('ix_events_kind_ends', ['kind', 'endsAt', 'id'])
export class EventEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 24 })
  kind: EventKind;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'varchar', length: 120, default: '' })
  summary: string;

  /** Sanitized rich text. */
  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'cover_file_id', type: 'integer', nullable: true })
  coverFileId: number | null;

  @Column({ name: 'place_mode', type: 'varchar', length: 8 })
  placeMode: PlaceMode;

  /** The address (offline) or the live link (online). */
  @Column({ name: 'place_text', type: 'varchar', length: 300 })
  placeText: string;

  @Column({ name: 'starts_at', type: 'datetime' })
  startsAt: Date;

  @Column({ name: 'ends_at', type: 'datetime' })
  endsAt: Date;

  @Column({ name: 'member_opens_at', type: 'datetime' })
  memberOpensAt: Date;

  @Column({ name: 'level_opens_at', type: 'simple-json' })
  levelOpensAt: Partial<Record<LevelCode, string>>;

  @Column({ name: 'public_opens_at', type: 'datetime', nullable: true })
  publicOpensAt: Date | null;

  @Column({ name: 'closes_at', type: 'datetime' })
  closesAt: Date;

  @Column({ type: 'varchar', length: 16 })
  audience: EventAudience;

  @Column({ type: 'simple-json' })
  prices: EventPrices;

  @Column({ name: 'refund_full_until_days', type: 'integer' })
  refundFullUntilDays: number;

  /** Training hours in tenths (学时 3.5 → 35): exact on both databases. */
  @Column({ name: 'hours_tenths', type: 'integer' })
  hoursTenths: number;

  @Column({ type: 'varchar', length: 16 })
  state: StoredEventState;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 80, nullable: true })
  cancelReason: string | null;

  @Column({ name: 'created_by', type: 'integer', nullable: true })
  createdBy: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt: Date | null;

  @Column({ name: 'cancelled_at', type: 'datetime', nullable: true })
  cancelledAt: Date | null;
}
