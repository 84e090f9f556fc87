import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { NotificationPurpose } from '@itss/shared';

/**
 * How many subscribe messages WeChat will still let us send a person for one purpose: one per
 * "accept" in wx.requestSubscribeMessage, one spent per send. WeChat does not tell; we count.
 */
@Entity('subscription_credits')
export class SubscriptionCreditEntity {
  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  purpose: NotificationPurpose;

  @Column({ type: 'integer' })
  credits: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/** Where a message got to beyond the app's own 消息 list. */
export type Delivery = 'pending' | 'sent' | 'no_credit' | 'in_app_only' | 'failed';

/** A notification as the person reads it in 我的 → 消息, and its WeChat delivery. */
@Entity('messages')
@Index('ix_messages_user', ['userId', 'id'])
export class MessageEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  purpose: NotificationPurpose;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'varchar', length: 1000 })
  body: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  page: string | null;

  /** The subscribe message's template fields as JSON, filled at notify time so delivery can be retried. */
  @Column({ name: 'template_data', type: 'varchar', length: 1000 })
  templateData: string;

  @Column({ type: 'varchar', length: 16 })
  delivery: Delivery;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'datetime', nullable: true })
  readAt: Date | null;
}
