import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LevelCode, LevelDirection, LevelRequestState } from '@itss/shared';

/**
 * A unit's request to move one level up or down, and staff's decision. `open_unit_id` holds the
 * unit's id while the request is open and NULL once decided or withdrawn: its unique key keeps one
 * open request per unit (NULLs never collide, on SQLite and MariaDB alike), so two requests sent at
 * once cannot both be open.
 */
@Entity('level_requests')
@Index('uq_level_requests_open_unit', ['openUnitId'], { unique: true })
@Index('ix_level_requests_unit', ['unitId', 'id'])
// Staff's list by state, newest first; the president seat's open requests.
@Index('ix_level_requests_state', ['state', 'id'])
@Index('ix_level_requests_to_state', ['toLevel', 'state'])
// Approved downgrades waiting for their year.
@Index('ix_level_requests_effective', ['direction', 'state', 'effectiveYear'])
export class LevelRequestEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ name: 'open_unit_id', type: 'integer', nullable: true })
  openUnitId: number | null;

  @Column({ name: 'from_level', type: 'varchar', length: 16 })
  fromLevel: LevelCode;

  @Column({ name: 'to_level', type: 'varchar', length: 16 })
  toLevel: LevelCode;

  @Column({ type: 'varchar', length: 16 })
  direction: LevelDirection;

  @Column({ type: 'varchar', length: 16 })
  state: LevelRequestState;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'requested_by', type: 'integer', nullable: true })
  requestedBy: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decided_by', type: 'integer', nullable: true })
  decidedBy: number | null;

  @Column({ name: 'decision_reason', type: 'varchar', length: 500, nullable: true })
  decisionReason: string | null;

  /** An upgrade's year of approval; a downgrade's next year (set again when approved). */
  @Column({ name: 'effective_year', type: 'integer' })
  effectiveYear: number;

  @Column({ name: 'difference_bill_id', type: 'integer', nullable: true })
  differenceBillId: number | null;

  /** When an approved downgrade came into force (its year's bills opened); null before. */
  @Column({ name: 'applied_at', type: 'datetime', nullable: true })
  appliedAt: Date | null;
}
