import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { BILL_OPEN_STATUSES } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { lockRows } from '../../database/locks';
import { BillEntity } from './bill.entity';
import { DuesReminderEntity } from './reminders.entity';

/** What one unit-year still owes on its open bills past their due date. */
export interface OverdueYear {
  unitId: number;
  year: number;
  owedFen: number;
}

/** MariaDB answers SUM as a string (DECIMAL), SQLite as a number. */
const num = (value: unknown): number => Number(value ?? 0);

/**
 * Dues as the standing feature reads them: the open bills past their due date, grouped by unit and
 * year in one query over the index (status, due_date, unit_id, year, amount_fen, paid_fen); the
 * lock a decision on a unit's arrears takes on its bills; the reminders sent for them.
 */
@Injectable()
export class DuesArrears {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    @InjectRepository(DuesReminderEntity) private readonly reminders: Repository<DuesReminderEntity>,
  ) {}

  /** Every unit-year (or one unit's) with an open bill whose due date is before `today`. */
  async overdue(today: string, unitId?: number): Promise<OverdueYear[]> {
    const qb = this.bills
      .createQueryBuilder('bill')
      .select('bill.unitId', 'unitId')
      .addSelect('bill.year', 'year')
      .addSelect('SUM(bill.amountFen - bill.paidFen)', 'owed')
      .where('bill.status IN (:...open)', { open: [...BILL_OPEN_STATUSES] })
      .andWhere('bill.dueDate < :today', { today });
    if (unitId !== undefined) qb.andWhere('bill.unitId = :unitId', { unitId });
    const rows = await qb
      .groupBy('bill.unitId')
      .addGroupBy('bill.year')
      .getRawMany<{ unitId: unknown; year: unknown; owed: unknown }>();
    return rows.map((row) => ({ unitId: num(row.unitId), year: num(row.year), owedFen: num(row.owed) }));
  }

  /**
   * Locks the unit's bills until the transaction ends: a payment (which locks its bill) waits for
   * the caller, or the caller waits for it and then reads what it committed.
   */
  async lockBillsOf(unitId: number): Promise<void> {
    const ids = (await this.bills.find({ select: { id: true }, where: { unitId } })).map((bill) => bill.id);
    await lockRows(this.bills, ids);
  }

  /** Whether every bill of the unit's year is settled (paid or waived; void ones aside); false with none. */
  async yearSettled(unitId: number, year: number): Promise<boolean> {
    const rows = await this.bills.find({ select: { status: true }, where: { unitId, year } });
    const counted = rows.filter((bill) => bill.status !== 'void');
    return counted.length > 0 && counted.every((bill) => bill.status === 'paid' || bill.status === 'waived');
  }

  /** The reminders sent for these bills, newest first. */
  async remindersOf(billIds: number[]): Promise<DuesReminderEntity[]> {
    if (billIds.length === 0) return [];
    return this.reminders.find({ where: { billId: In(billIds) }, order: { sentAt: 'DESC', id: 'DESC' } });
  }
}
