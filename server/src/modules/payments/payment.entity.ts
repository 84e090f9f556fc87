import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { PaymentMethod, PaymentStatus, RefundStatus } from '@itss/shared';
import type { PaymentSubjectType } from './payment-subjects';

/**
 * Money for a subject (a dues bill): a bank transfer staff saw arrive, recorded `succeeded`, or a
 * WeChat Pay order, `pending` from the moment it is opened. The unique indexes decide the races:
 * a bank reference is credited once ever, an out_trade_no names one order, and `open_key` holds
 * one open order per subject.
 */
@Entity('payments')
@Index('ix_payments_subject', ['subjectType', 'subjectId', 'id'])
@Index('ix_payments_status', ['status', 'id'])
// The dashboard sums what was received per day paid.
@Index('ix_payments_status_paid_on', ['status', 'paidOn'])
export class PaymentEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType: PaymentSubjectType;

  @Column({ name: 'subject_id', type: 'integer' })
  subjectId: number;

  @Column({ type: 'varchar', length: 16 })
  method: PaymentMethod;

  @Column({ type: 'varchar', length: 16 })
  status: PaymentStatus;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  /** Our order number at WeChat Pay; null for a bank transfer. */
  @Index('uq_payments_out_trade_no', { unique: true })
  @Column({ name: 'out_trade_no', type: 'varchar', length: 32, nullable: true })
  outTradeNo: string | null;

  @Column({ name: 'transaction_id', type: 'varchar', length: 64, nullable: true })
  transactionId: string | null;

  /** The bank's 流水号: credited once, ever, whatever the subject. */
  @Index('uq_payments_bank_reference', { unique: true })
  @Column({ name: 'bank_reference', type: 'varchar', length: 64, nullable: true })
  bankReference: string | null;

  /**
   * `subject_type:subject_id` while the WeChat order is pending, null once it is settled, closed or
   * failed: its unique index keeps one open order per subject, also when two contacts ask at once.
   */
  @Index('uq_payments_open_key', { unique: true })
  @Column({ name: 'open_key', type: 'varchar', length: 48, nullable: true })
  openKey: string | null;

  @Column({ name: 'payer_user_id', type: 'integer', nullable: true })
  payerUserId: number | null;

  @Column({ name: 'payer_openid', type: 'varchar', length: 64, nullable: true })
  payerOpenid: string | null;

  @Column({ name: 'payer_name', type: 'varchar', length: 100, nullable: true })
  payerName: string | null;

  /** YYYY-MM-DD (Beijing): the transfer's date, or the day WeChat Pay reports it paid. */
  @Column({ name: 'paid_on', type: 'varchar', length: 10, nullable: true })
  paidOn: string | null;

  @Column({ name: 'expires_at', type: 'datetime', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'prepay_id', type: 'varchar', length: 64, nullable: true })
  prepayId: string | null;

  /** Staff who recorded a bank transfer. */
  @Column({ name: 'recorded_by', type: 'integer', nullable: true })
  recordedBy: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}

/**
 * A refund of a WeChat payment. The row and its out_refund_no exist before WeChat Pay is asked, so
 * a retried call repeats the same out_refund_no; it counts only once WeChat Pay reports SUCCESS.
 */
@Entity('refunds')
export class RefundEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Index('ix_refunds_payment_id')
  @Column({ name: 'payment_id', type: 'integer' })
  paymentId: number;

  @Index('uq_refunds_out_refund_no', { unique: true })
  @Column({ name: 'out_refund_no', type: 'varchar', length: 64 })
  outRefundNo: string;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ type: 'varchar', length: 80 })
  reason: string;

  @Index('ix_refunds_status')
  @Column({ type: 'varchar', length: 16 })
  status: RefundStatus;

  @Column({ name: 'refund_id', type: 'varchar', length: 64, nullable: true })
  refundId: string | null;

  @Column({ name: 'requested_by', type: 'integer' })
  requestedBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  @Column({ name: 'succeeded_at', type: 'datetime', nullable: true })
  succeededAt: Date | null;
}
