import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LevelCode } from '@itss/shared';

/** Each level a unit moved to, from which, on which request and when: the unit's level history. */
@Entity('unit_level_changes')
@Index('ix_unit_level_changes_unit', ['unitId', 'id'])
export class UnitLevelChangeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ name: 'from_level', type: 'varchar', length: 16 })
  fromLevel: LevelCode;

  @Column({ name: 'to_level', type: 'varchar', length: 16 })
  toLevel: LevelCode;

  @Column({ name: 'level_request_id', type: 'integer', nullable: true })
  levelRequestId: number | null;

  /** The staff member who approved; null when the change fell due (a downgrade's year opened). */
  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ type: 'datetime' })
  at: Date;
}
