import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { LevelCode } from '@itss/shared';

/** How many contacts a unit of one level may have, as staff set it; a level without a row has the default. */
@Entity('unit_seat_limits')
export class SeatLimitEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('uq_unit_seat_limits_level', { unique: true })
  @Column({ type: 'varchar', length: 16 })
  level: LevelCode;

  @Column({ type: 'integer' })
  seats: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'integer', nullable: true })
  updatedBy: number | null;
}

/**
 * One row per unit whose contacts have changed, keyed by the unit's id: what a change to the
 * contacts locks (`lockRows`), so that two admissions racing for the last seat, or two hand-overs,
 * run one after the other. Made on first use; `units` belongs to the unit's own lifecycle.
 */
@Entity('unit_rosters')
export class UnitRosterEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'changed_at', type: 'datetime' })
  changedAt: Date;
}
