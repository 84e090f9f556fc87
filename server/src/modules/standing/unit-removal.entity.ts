import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RemovalBody, RemovalGround } from '@itss/shared';

/**
 * A removal (除名) as the deciding body recorded it: the ground, the body, the day and the document.
 * A unit that rejoins and is removed again has a second row; the latest is its removal.
 */
@Entity('unit_removals')
@Index('ix_unit_removals_unit', ['unitId', 'id'])
export class UnitRemovalEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ type: 'varchar', length: 32 })
  ground: RemovalGround;

  @Column({ type: 'varchar', length: 20 })
  body: RemovalBody;

  /** YYYY-MM-DD. */
  @Column({ name: 'decided_on', type: 'varchar', length: 10 })
  decidedOn: string;

  @Column({ name: 'document_number', type: 'varchar', length: 60, nullable: true })
  documentNumber: string | null;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ name: 'file_id', type: 'integer', nullable: true })
  fileId: number | null;

  /** Unpaid past-due years at the time, e.g. "2024,2025": what the decision rested on. */
  @Column({ name: 'unpaid_years', type: 'varchar', length: 100 })
  unpaidYears: string;

  @Column({ name: 'recorded_by', type: 'integer', nullable: true })
  recordedBy: number | null;

  @Column({ name: 'recorded_at', type: 'datetime' })
  recordedAt: Date;
}
