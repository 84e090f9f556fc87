import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type ArrearsItem,
  type ArrearsListResponse,
  BILL_OPEN_STATUSES,
  ErrorCode,
  type LevelCode,
  REMOVAL_PROPOSED_YEARS,
  type UnitArrears,
  type UnitStatus,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate } from '../../common/time';
import { lockRows } from '../../database/locks';
import { BillEntity } from '../dues/bill.entity';
import { DuesService } from '../dues/dues.service';
import { DuesReminderEntity } from '../dues/reminders.entity';
import { UnitEntity } from '../units/unit.entity';
import { UsersService } from '../users/users.service';
import { ArrearsPolicy } from './arrears.policy';
import { presentRemoval } from './removal-presenter';
import { UnitRemovalEntity } from './unit-removal.entity';

/** MariaDB answers SUM as a string (DECIMAL), SQLite as a number. */
const num = (value: unknown): number => Number(value ?? 0);

/** A unit's unpaid past-due years, oldest first, and what is still owed on them. */
export interface Unpaid {
  years: number[];
  outstandingFen: number;
}

/** Proposed for removal: two or more unpaid years, and not removed already. */
export function isProposed(unpaid: Unpaid, status: UnitStatus): boolean {
  return status !== 'removed' && unpaid.years.length >= REMOVAL_PROPOSED_YEARS;
}

/**
 * Arrears, derived from the bills and never stored: a year is unpaid while one of its bills is
 * neither paid, waived nor void and its due date (a Beijing day) has passed. A payment that brings
 * a unit under two such years takes it off the removal proposals at once. Reads the dues and units
 * tables with aggregate SQL only (as the dashboard does); every write goes through their features.
 */
@Injectable()
export class ArrearsService {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(DuesReminderEntity) private readonly reminders: Repository<DuesReminderEntity>,
    @InjectRepository(UnitRemovalEntity) private readonly removals: Repository<UnitRemovalEntity>,
    private readonly dues: DuesService,
    private readonly users: UsersService,
    private readonly policy: ArrearsPolicy,
  ) {}

  /**
   * Every unit not removed with an unpaid year, most years first, then most owed. One grouped
   * query over the index (status, due_date, unit_id, year, amount_fen, paid_fen) joined to units by
   * primary key, whatever the number of units.
   */
  async list(ctx: SignedInContext, proposed?: boolean): Promise<ArrearsListResponse> {
    authorize(this.policy, ctx, 'read', undefined);
    const today = beijingDate(new Date());
    const rows = await this.overdue(today)
      .andWhere('unit.status <> :removed', { removed: 'removed' })
      .getRawMany<OverdueRow>();
    const items = itemsOf(rows).filter((item) => proposed === undefined || item.removalProposed === proposed);
    items.sort(
      (a, b) =>
        b.unpaidYears.length - a.unpaidYears.length ||
        b.outstandingFen - a.outstandingFen ||
        a.unitId - b.unitId,
    );
    return { items };
  }

  /** One unit's arrears (removed units too: arrears stay on record), its bills, reminders and removal. */
  async ofUnit(ctx: SignedInContext, unitId: number): Promise<UnitArrears> {
    authorize(this.policy, ctx, 'read', undefined);
    const unit = await this.units.findOneBy({ id: unitId });
    if (!unit) throw new AppError(ErrorCode.NotFound);
    const unpaid = await this.unpaidOf(unitId);
    const { items: bills } = await this.dues.list(ctx, unitId);
    const sent = bills.length
      ? await this.reminders.find({
          where: { billId: In(bills.map((bill) => bill.id)) },
          order: { sentAt: 'DESC', id: 'DESC' },
        })
      : [];
    const yearOf = new Map(bills.map((bill) => [bill.id, bill.year]));
    const removal = await this.removals.findOne({ where: { unitId }, order: { id: 'DESC' } });
    return {
      unitId,
      unitName: unit.name,
      level: unit.level,
      status: unit.status,
      unpaidYears: unpaid.years,
      outstandingFen: unpaid.outstandingFen,
      removalProposed: isProposed(unpaid, unit.status),
      bills,
      reminders: sent.map((row) => ({
        billId: row.billId,
        year: yearOf.get(row.billId) ?? 0,
        sentAt: row.sentAt.toISOString(),
        // Every reminder lands in 消息; WeChat delivery follows where the person subscribed.
        channel: 'message' as const,
        recipientCount: row.recipients,
      })),
      removal: removal ? await presentRemoval(removal, this.users) : null,
    };
  }

  /** One unit's unpaid past-due years and what is owed on them (one grouped read). */
  async unpaidOf(unitId: number, today = beijingDate(new Date())): Promise<Unpaid> {
    const rows = await this.overdue(today).andWhere('bill.unitId = :unitId', { unitId }).getRawMany<OverdueRow>();
    return unpaidOfRows(rows);
  }

  /**
   * The same, with the unit's bills locked until the transaction ends: a payment (which locks its
   * bill) waits for the caller, or the caller waits for it and reads what it committed.
   */
  async lockedUnpaidOf(unitId: number): Promise<Unpaid> {
    const ids = (await this.bills.find({ select: { id: true }, where: { unitId } })).map((bill) => bill.id);
    await lockRows(this.bills, ids);
    return this.unpaidOf(unitId);
  }

  /** Whether every current-year bill of the unit is settled (paid or waived); false with none. */
  async yearPaid(unitId: number, year: number): Promise<boolean> {
    const rows = await this.bills.find({ select: { status: true }, where: { unitId, year } });
    const counted = rows.filter((bill) => bill.status !== 'void');
    return counted.length > 0 && counted.every((bill) => bill.status === 'paid' || bill.status === 'waived');
  }

  private overdue(today: string) {
    return this.bills
      .createQueryBuilder('bill')
      .innerJoin(UnitEntity, 'unit', 'unit.id = bill.unitId')
      .select('bill.unitId', 'unitId')
      .addSelect('bill.year', 'year')
      .addSelect('SUM(bill.amountFen - bill.paidFen)', 'owed')
      .addSelect('unit.name', 'name')
      .addSelect('unit.level', 'level')
      .addSelect('unit.status', 'status')
      .where('bill.status IN (:...open)', { open: [...BILL_OPEN_STATUSES] })
      .andWhere('bill.dueDate < :today', { today })
      .groupBy('bill.unitId')
      .addGroupBy('bill.year')
      .addGroupBy('unit.name')
      .addGroupBy('unit.level')
      .addGroupBy('unit.status');
  }
}

interface OverdueRow {
  unitId: unknown;
  year: unknown;
  owed: unknown;
  name: string;
  level: LevelCode;
  status: UnitStatus;
}

function unpaidOfRows(rows: readonly OverdueRow[]): Unpaid {
  const years = [...new Set(rows.map((row) => num(row.year)))].sort((a, b) => a - b);
  const outstandingFen = rows.reduce((sum, row) => sum + Math.max(0, num(row.owed)), 0);
  return { years, outstandingFen };
}

function itemsOf(rows: readonly OverdueRow[]): ArrearsItem[] {
  const byUnit = new Map<number, OverdueRow[]>();
  for (const row of rows) {
    const id = num(row.unitId);
    byUnit.set(id, [...(byUnit.get(id) ?? []), row]);
  }
  return [...byUnit.entries()].map(([unitId, own]) => {
    const first = own[0] as OverdueRow;
    const unpaid = unpaidOfRows(own);
    return {
      unitId,
      unitName: first.name,
      level: first.level,
      status: first.status,
      unpaidYears: unpaid.years,
      outstandingFen: unpaid.outstandingFen,
      removalProposed: isProposed(unpaid, first.status),
    };
  });
}
