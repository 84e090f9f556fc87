import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { UnitStatus } from '@itss/shared';

/** One status a unit entered, with why and who: the unit page's status history. */
@Entity('unit_status_changes')
// The dashboard counts removals per month.
@Index('ix_unit_status_changes_status_at', ['status', 'at'])
export class UnitStatusChangeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_unit_status_changes_unit_id')
  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ type: 'varchar', length: 16 })
  status: UnitStatus;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  /** The staff member who made the change; null when the system did (an approval). */
  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ type: 'datetime' })
  at: Date;
}
