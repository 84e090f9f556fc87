import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LevelCode } from '@itss/shared';

/**
 * A year's fee of one level as staff set it. A year without rows charges the handbook's fees, so
 * only years staff changed are stored.
 */
@Entity('dues_fees')
@Index('uq_dues_fees_year_level', ['year', 'level'], { unique: true })
export class DuesFeeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  level: LevelCode;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;
}

/** Every change of a fee, kept for good: who changed which year's fee from what to what. */
@Entity('dues_fee_changes')
@Index('idx_dues_fee_changes_year', ['year', 'id'])
export class DuesFeeChangeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  level: LevelCode;

  @Column({ name: 'from_fen', type: 'integer' })
  fromFen: number;

  @Column({ name: 'to_fen', type: 'integer' })
  toFen: number;

  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId: number | null;

  /** As written at the time, as the audit log keeps names. */
  @Column({ name: 'actor_name', type: 'varchar', length: 64, nullable: true })
  actorName: string | null;

  @Column({ type: 'datetime' })
  at: Date;
}
