import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { GroupTodoKind, LevelCode, RemovalReason } from '@itss/shared';

/**
 * A members-only WeChat group that staff keep. `groups` is a reserved word in MySQL 8, hence the
 * table's longer name.
 */
@Entity('wechat_groups')
export class WechatGroupEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('uq_wechat_groups_name', { unique: true })
  @Column({ type: 'varchar', length: 30 })
  name: string;

  @Column({ name: 'min_level', type: 'varchar', length: 16 })
  minLevel: LevelCode;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'boolean' })
  archived: boolean;

  /** The QR image shown now; null until the first upload. */
  @Column({ name: 'current_code_id', type: 'integer', nullable: true })
  currentCodeId: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/**
 * One upload of a group's QR image. Its bytes are in the FileStorage under `storageKey` until a newer
 * upload replaces it; then the key is cleared and the bytes deleted, so an old code is unreachable.
 */
@Entity('group_codes')
@Index('ix_group_codes_group', ['groupId', 'id'])
export class GroupCodeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'group_id', type: 'integer' })
  groupId: number;

  @Index('uq_group_codes_storage_key', { unique: true })
  @Column({ name: 'storage_key', type: 'varchar', length: 64, nullable: true })
  storageKey: string | null;

  @Column({ name: 'content_type', type: 'varchar', length: 16 })
  contentType: 'image/png' | 'image/jpeg';

  @Column({ type: 'integer' })
  size: number;

  @Column({ name: 'uploaded_by', type: 'integer' })
  uploadedBy: number;

  @Column({ name: 'uploaded_at', type: 'datetime' })
  uploadedAt: Date;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  /** When staff were warned that this code expires: set once, by whichever replica gets there first. */
  @Column({ name: 'warned_at', type: 'datetime', nullable: true })
  warnedAt: Date | null;

  @Column({ name: 'replaced_at', type: 'datetime', nullable: true })
  replacedAt: Date | null;
}

/**
 * A person the product let into a group: shown its code, or added by staff on a to-do. What they
 * were told (name, unit, nickname) is kept, because on 待移出群聊 staff look for that nickname after
 * the person has left the unit. `leftAt` is set when the person stops speaking for a member unit
 * (the removal row is made then); a later admission clears it.
 */
@Entity('group_reveals')
// The dashboard counts people first shown a code in a range.
@Index('ix_group_reveals_first_shown_at', ['firstShownAt'])
@Index('uq_group_reveals_group_user', ['groupId', 'userId'], { unique: true })
export class GroupRevealEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'group_id', type: 'integer' })
  groupId: number;

  @Index('ix_group_reveals_user')
  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ type: 'varchar', length: 30 })
  name: string;

  @Column({ name: 'unit_name', type: 'varchar', length: 60 })
  unitName: string;

  @Column({ type: 'varchar', length: 60 })
  nickname: string;

  @Column({ name: 'first_shown_at', type: 'datetime', nullable: true })
  firstShownAt: Date | null;

  @Column({ name: 'last_shown_at', type: 'datetime', nullable: true })
  lastShownAt: Date | null;

  /** The upload last shown to the person: a reveal is audited once per person and upload. */
  @Column({ name: 'last_code_id', type: 'integer', nullable: true })
  lastCodeId: number | null;

  @Column({ name: 'added_by_staff_at', type: 'datetime', nullable: true })
  addedByStaffAt: Date | null;

  @Column({ name: 'left_at', type: 'datetime', nullable: true })
  leftAt: Date | null;
}

/** A staff to-do on 工作台: add a person by hand, or renew a code about to expire. */
@Entity('group_todos')
@Index('ix_group_todos_done', ['doneAt', 'id'])
export class GroupTodoEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 16 })
  kind: GroupTodoKind;

  @Column({ name: 'group_id', type: 'integer' })
  groupId: number;

  /** For `add_member`: the person to add, and what they were told. */
  @Index('ix_group_todos_user')
  @Column({ name: 'user_id', type: 'integer', nullable: true })
  userId: number | null;

  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  name: string | null;

  @Column({ name: 'unit_name', type: 'varchar', length: 60, nullable: true })
  unitName: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  nickname: string | null;

  /**
   * What the to-do is about while it is open (`add:<group>:<user>`, `expiring:<group>`), null once
   * done: its unique index makes "one open to-do per thing" hold when two requests create it at once.
   */
  @Index('uq_group_todos_open_key', { unique: true })
  @Column({ name: 'open_key', type: 'varchar', length: 64, nullable: true })
  openKey: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'done_at', type: 'datetime', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by', type: 'integer', nullable: true })
  doneBy: number | null;
}

/** 待移出群聊: a person who was let into a group and no longer speaks for a member unit. */
@Entity('group_removals')
@Index('ix_group_removals_done', ['doneAt', 'id'])
export class GroupRemovalEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'group_id', type: 'integer' })
  groupId: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ type: 'varchar', length: 30 })
  name: string;

  @Column({ name: 'unit_name', type: 'varchar', length: 60 })
  unitName: string;

  @Column({ type: 'varchar', length: 60 })
  nickname: string;

  @Column({ type: 'varchar', length: 16 })
  reason: RemovalReason;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'done_at', type: 'datetime', nullable: true })
  doneAt: Date | null;

  @Column({ name: 'done_by', type: 'integer', nullable: true })
  doneBy: number | null;
}
