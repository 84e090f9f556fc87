import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Append-only: the service only inserts and reads, and database triggers (the AuditAppendOnly
 * migrations) refuse any update or delete.
 */
@Entity('audit_log')
// A record's history (a bill's) is the log's entries about it, newest first.
@Index('ix_audit_log_target', ['target', 'id'])
export class AuditEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'datetime' })
  at: Date;

  @Index('ix_audit_log_actor_id')
  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId: number | null;

  /** Kept as written at the time: the log must read the same after a person renames themself. */
  @Column({ name: 'actor_name', type: 'varchar', length: 64 })
  actorName: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  target: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  detail: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
