import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The reminder steps of a bill, by days from its due date. */
export const REMINDER_STEPS = { before_30: -30, before_7: -7, due: 0, after_30: 30 } as const;
export type ReminderStep = keyof typeof REMINDER_STEPS;

/**
 * One row per reminder sent: a bill's step is told once, ever. Inserted in the transaction that
 * writes the messages, so a crash leaves both or neither, and a second run (another replica, a
 * run repeated after a crash) collides on the key and sends nothing.
 */
@Entity('dues_reminders')
@Index('uq_dues_reminders_bill_step', ['billId', 'step'], { unique: true })
export class DuesReminderEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'bill_id', type: 'integer' })
  billId: number;

  @Column({ type: 'varchar', length: 16 })
  step: ReminderStep;

  /** How many contacts were told. */
  @Column({ type: 'integer' })
  recipients: number;

  @Column({ name: 'sent_at', type: 'datetime' })
  sentAt: Date;
}
