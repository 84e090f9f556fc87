import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { BillKind, BillStatus, LevelCode } from '@itss/shared';

/** The series of a year's annual bill; a difference bill's series is its level request's id. */
export const ANNUAL_SERIES = 0;

/**
 * A unit's dues (会费) for one year: its annual bill at that year's fee of its level, and a
 * difference bill per upgrade approved during the year (unique on unit, year and series). `paid_fen` is kept in
 * step with the payments feature's confirmed payments less refunds, inside the transaction that
 * confirms them, and `status` follows it (never set by hand except waive and void).
 */
@Entity('bills')
@Index('uq_bills_unit_year_series', ['unitId', 'year', 'series'], { unique: true })
@Index('uq_bills_remittance_code', ['remittanceCode'], { unique: true })
@Index('idx_bills_year_status', ['year', 'status', 'id'])
// Staff's list pages by id within a year, by state or level: each page one range read.
@Index('idx_bills_year_id', ['year', 'id'])
@Index('idx_bills_year_level', ['year', 'level', 'id'])
@Index('idx_bills_due_date', ['dueDate', 'id'])
// The dashboard sums what open bills still owe.
@Index('idx_bills_status', ['status'])
// The arrears list: open bills past their due date, grouped by unit and year, read from the index alone.
@Index('idx_bills_arrears', ['status', 'dueDate', 'unitId', 'year', 'amountFen', 'paidFen'])
export class BillEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'unit_id', type: 'integer' })
  unitId: number;

  @Column({ type: 'integer' })
  year: number;

  @Column({ type: 'varchar', length: 16 })
  level: LevelCode;

  @Column({ type: 'varchar', length: 16, default: 'annual' })
  kind: BillKind;

  /** 0 for the annual bill; a difference bill's level request id. */
  @Column({ type: 'integer', default: ANNUAL_SERIES })
  series: number;

  @Column({ name: 'amount_fen', type: 'integer' })
  amountFen: number;

  @Column({ name: 'paid_fen', type: 'integer', default: 0 })
  paidFen: number;

  @Column({ type: 'varchar', length: 16 })
  status: BillStatus;

  /** YYYY-MM-DD, Beijing. */
  @Column({ name: 'due_date', type: 'varchar', length: 10 })
  dueDate: string;

  @Column({ name: 'remittance_code', type: 'varchar', length: 8 })
  remittanceCode: string;

  /** Why staff waived or voided it. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Column({ name: 'receipt_status', type: 'varchar', length: 16, nullable: true })
  receiptStatus: 'requested' | 'issued' | null;

  @Column({ name: 'receipt_title', type: 'varchar', length: 100, nullable: true })
  receiptTitle: string | null;

  @Column({ name: 'receipt_tax_number', type: 'varchar', length: 20, nullable: true })
  receiptTaxNumber: string | null;

  @Column({ name: 'receipt_number', type: 'varchar', length: 40, nullable: true })
  receiptNumber: string | null;

  @Column({ name: 'receipt_file_id', type: 'integer', nullable: true })
  receiptFileId: number | null;

  @Column({ name: 'receipt_requested_at', type: 'datetime', nullable: true })
  receiptRequestedAt: Date | null;

  @Column({ name: 'receipt_issued_at', type: 'datetime', nullable: true })
  receiptIssuedAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
