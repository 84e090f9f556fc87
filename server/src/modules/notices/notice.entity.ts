import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { NoticeLinkKind, NoticeState } from '@itss/shared';

/**
 * A notice staff sent, and how far its delivery got. The audience is kept as staff chose it and
 * expanded by the job, contact by contact in id order: `cursor` is the last contact id handled, so
 * a job stopped anywhere resumes after it.
 */
@Entity('notices')
@Index('ix_notices_state', ['state', 'id'])
export class NoticeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 40 })
  title: string;

  @Column({ type: 'varchar', length: 200 })
  text: string;

  @Column({ name: 'link_kind', type: 'varchar', length: 16, nullable: true })
  linkKind: NoticeLinkKind | null;

  @Column({ name: 'link_id', type: 'integer', nullable: true })
  linkId: number | null;

  /** The audience as the contract's JSON (`{ kind: 'levels', levels: [...] }`). */
  @Column({ type: 'varchar', length: 2000 })
  audience: string;

  @Column({ type: 'varchar', length: 16 })
  state: NoticeState;

  /** The last unit-contact id the job has delivered to; 0 before the first batch. */
  @Column({ name: 'cursor_contact_id', type: 'integer', default: 0 })
  cursor: number;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy: number;

  @Column({ name: 'created_by_name', type: 'varchar', length: 60 })
  createdByName: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'datetime', nullable: true })
  sentAt: Date | null;
}

/**
 * One person a notice was delivered to, with the message it wrote in their 消息. The key
 * (notice, user) is what makes delivery at most once: a batch repeated after a crash, or run by two
 * processes at once, collides on it and writes nothing more.
 */
@Entity('notice_deliveries')
@Index('uq_notice_deliveries_notice_user', ['noticeId', 'userId'], { unique: true })
export class NoticeDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'notice_id', type: 'integer' })
  noticeId: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Index('ix_notice_deliveries_message')
  @Column({ name: 'message_id', type: 'integer' })
  messageId: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
