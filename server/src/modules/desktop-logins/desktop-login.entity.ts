import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Where a ticket is: waiting for a phone, opened on one (`scanned`), confirmed there, its session
 * handed to the desktop (`delivered`), or refused on the phone (`cancelled`). Expiry is not a state:
 * it is read from `expires_at`, so no job has to write it.
 */
export type DesktopLoginStatus = 'pending' | 'scanned' | 'confirmed' | 'delivered' | 'cancelled';

/**
 * A desktop's request to sign in, shown as a mini-program code. In the database rather than in a
 * process's memory so that any replica can answer the desktop's polls and the phone's confirmation.
 * The ticket is public (it is in the code); the poll token that collects the session is kept only
 * as its SHA-256, and the session's own token is never stored here: it is made when handed over.
 */
@Entity('desktop_logins')
@Index('ix_desktop_logins_expires_at', ['expiresAt'])
export class DesktopLoginEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('uq_desktop_logins_ticket', { unique: true })
  @Column({ type: 'varchar', length: 32 })
  ticket: string;

  @Column({ name: 'poll_token_hash', type: 'varchar', length: 64 })
  pollTokenHash: string;

  @Column({ type: 'varchar', length: 16 })
  status: DesktopLoginStatus;

  /** The desktop as the phone shows it before confirming. */
  @Column({ type: 'varchar', length: 64 })
  browser: string;

  @Column({ type: 'varchar', length: 45 })
  ip: string;

  @Column({ type: 'varchar', length: 32 })
  place: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  /** The staff member whose phone opened (and alone may confirm or cancel) the ticket. */
  @Column({ name: 'scanned_by', type: 'integer', nullable: true })
  scannedBy: number | null;

  @Column({ name: 'scanned_at', type: 'datetime', nullable: true })
  scannedAt: Date | null;

  @Column({ name: 'confirmed_at', type: 'datetime', nullable: true })
  confirmedAt: Date | null;

  /** The session handed to the desktop. */
  @Column({ name: 'session_id', type: 'integer', nullable: true })
  sessionId: number | null;
}
