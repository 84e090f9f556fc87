import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A person who speaks for a unit; a person is the contact of at most one unit. */
@Entity('unit_contacts')
export class UnitContactEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_unit_contacts_unit_id')
  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Index('uq_unit_contacts_user_id', { unique: true })
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /** The real name given on joining; with the unit's short name it makes the group nickname. */
  @Column({ type: 'varchar', length: 20 })
  name: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  title: string | null;

  @Column({ name: 'is_primary', type: 'boolean' })
  isPrimary: boolean;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
