import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An uploaded bank statement: its lines are matched at upload (`preview`) and the matched ones
 * credited at once when staff confirm it (`confirmed`). Kept after confirmation, so staff can reopen
 * it and assign what did not match.
 */
@Entity('bank_statements')
export class BankStatementEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'uploaded_by', type: 'integer' })
  uploadedBy: number;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 16 })
  status: 'preview' | 'confirmed';

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'confirmed_by', type: 'integer', nullable: true })
  confirmedBy: number | null;

  @Column({ name: 'confirmed_at', type: 'datetime', nullable: true })
  confirmedAt: Date | null;
}

/**
 * One line of a statement as read from the file. A line is matched when it names a bill and has no
 * `reason`; confirming credits it (`credited_payment_id`) or gives the reason it could not be.
 * A line staff assign by hand keeps its reason and gains `assigned_bill_id` with the payment.
 */
@Entity('bank_statement_lines')
@Index('uq_bank_statement_lines_line', ['statementId', 'line'], { unique: true })
export class BankStatementLineEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'statement_id', type: 'integer' })
  statementId: number;

  /** The line's row number in the uploaded file, as staff see it in their spreadsheet program. */
  @Column({ type: 'integer' })
  line: number;

  /** YYYY-MM-DD; null when the cell held no date. */
  @Column({ name: 'paid_on', type: 'varchar', length: 10, nullable: true })
  paidOn: string | null;

  /** Incoming money in fen, negative for a debit; null when the cell held no usable amount. */
  @Column({ name: 'amount_fen', type: 'integer', nullable: true })
  amountFen: number | null;

  @Column({ type: 'varchar', length: 100 })
  payer: string;

  @Column({ type: 'varchar', length: 500 })
  memo: string;

  @Column({ name: 'bank_reference', type: 'varchar', length: 64 })
  bankReference: string;

  /** The remittance code the memo named, when it named one bill. */
  @Column({ name: 'remittance_code', type: 'varchar', length: 8, nullable: true })
  remittanceCode: string | null;

  @Column({ name: 'bill_id', type: 'integer', nullable: true })
  billId: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  reason: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  warning: string | null;

  @Column({ name: 'credited_payment_id', type: 'integer', nullable: true })
  creditedPaymentId: number | null;

  @Column({ name: 'assigned_bill_id', type: 'integer', nullable: true })
  assignedBillId: number | null;
}
