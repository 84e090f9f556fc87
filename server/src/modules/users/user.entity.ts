import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@itss/shared';

/** A person, identified by the mini-program's openid. Times are set by the code, in UTC. */
@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('uq_users_openid', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  openid: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ name: 'display_name', type: 'varchar', length: 64 })
  displayName: string;

  /** Not unique: one person may reach us through two WeChat accounts bound to the same phone. */
  @Index('ix_users_phone')
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'last_seen_at', type: 'datetime', nullable: true })
  lastSeenAt: Date | null;
}

@Entity('user_roles')
export class UserRoleEntity {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  role: Role;

  @Column({ name: 'granted_at', type: 'datetime' })
  grantedAt: Date;

  /** Null when granted from the command line (npm run staff) or by the development seed. */
  @Column({ name: 'granted_by', type: 'integer', nullable: true })
  grantedBy: number | null;
}
