import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { JoinRequestState } from '@itss/shared';

/** A person asking to become a contact of a unit, having typed its credit code. */
@Entity('unit_join_requests')
export class UnitJoinRequestEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_unit_join_requests_unit_id')
  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Index('ix_unit_join_requests_user_id')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  /**
   * The requester while the request is pending, null once it is closed: one pending request per
   * person is a unique index, so two sent at once cannot both be stored.
   */
  @Index('uq_unit_join_requests_open_user_id', { unique: true })
  @Column({ name: 'open_user_id', type: 'integer', nullable: true })
  openUserId: number | null;

  @Column({ type: 'varchar', length: 20 })
  name: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 16 })
  state: JoinRequestState;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;

  /** Who approved, declined or withdrew it. */
  @Column({ name: 'decided_by', type: 'integer', nullable: true })
  decidedBy: number | null;
}
