import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LevelCode, UnitStatus, UnitType } from '@itss/shared';

/** A member unit (会员单位), made when its application is approved. */
@Entity('units')
// The dashboard counts units by level and status, and those that joined per month.
@Index('ix_units_level_status', ['level', 'status'])
@Index('ix_units_joined_on', ['joinedOn'])
export class UnitEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Index('uq_units_credit_code', { unique: true })
  @Column({ name: 'credit_code', type: 'varchar', length: 18 })
  creditCode: string;

  @Column({ name: 'unit_type', type: 'varchar', length: 32 })
  unitType: UnitType;

  @Column({ type: 'varchar', length: 20 })
  province: string;

  @Column({ type: 'varchar', length: 20 })
  city: string;

  @Column({ type: 'varchar', length: 16 })
  level: LevelCode;

  @Column({ type: 'varchar', length: 16 })
  status: UnitStatus;

  /** The day it became a member, YYYY-MM-DD (China time). */
  @Column({ name: 'joined_on', type: 'varchar', length: 10 })
  joinedOn: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
