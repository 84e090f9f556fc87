import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A single-use link to become a contact of one unit, for 7 days. Only the SHA-256 of the token is
 * kept: a copy of the table lets no one in.
 */
@Entity('unit_invites')
export class UnitInviteEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_unit_invites_unit_id')
  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  /** Hex SHA-256 of the token the share card carries. */
  @Index('uq_unit_invites_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy: number;

  /** How the invitee is told who invited them: the contact's name, or 会员服务部 for staff. */
  @Column({ name: 'invited_by_name', type: 'varchar', length: 20 })
  invitedByName: string;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt: Date | null;

  @Column({ name: 'used_by', type: 'integer', nullable: true })
  usedBy: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
