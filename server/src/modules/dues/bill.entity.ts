import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BillStatus, LevelCode } from '@itss/shared';

/** A unit's annual dues (会费) for one year, at its level's fee. */
@Entity('bills')
@Index('uq_bills_unit_year', ['unitId', 'year'], { unique: true })
export class BillEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  level: LevelCode;

  /** Whole yuan, as the handbook's fees are. */
  @Column({ name: 'amount_yuan', type: 'integer' })
  amountYuan: number;

  @Column({ type: 'varchar', length: 16 })
  status: BillStatus;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
