import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LevelCode, RightTier } from '@itss/shared';

@Entity('membership_levels')
export class MembershipLevelEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  code: LevelCode;

  @Column({ type: 'varchar', length: 32 })
  name: string;

  @Column({ name: 'annual_fee_yuan', type: 'integer' })
  annualFeeYuan: number;

  @Column({ type: 'integer' })
  rank: number;
}

@Entity('membership_rights')
export class MembershipRightEntity {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  tier: RightTier;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  text: string;
}

@Entity('membership_obligations')
export class MembershipObligationEntity {
  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  text: string;
}
