import type { DeviceSessionKind } from '@itss/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A login. Only the token's SHA-256 is stored: a leaked table opens no session. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('uq_sessions_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Index('ix_sessions_user_id')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'datetime' })
  lastSeenAt: Date;

  /**
   * Where the session was started: the mini-program (WeChat login) or a desktop browser (a scanned
   * code, confirmed on a phone); each has its own lifetimes.
   */
  @Column({ type: 'varchar', length: 16, default: 'miniapp' })
  kind: DeviceSessionKind;

  /** E.g. `Chrome · Windows`, from the User-Agent at sign-in; null for sessions older than the column. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  browser: string | null;

  /** The address the session was started from. */
  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  /** Approximate, from the address: 内网 or 未知地区. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  place: string | null;

  /** The absolute end (30 days after a mini-program login, 7 after a desktop one), whatever the activity. */
  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt: Date | null;
}
