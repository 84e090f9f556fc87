import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  DuesError,
  type LevelCode,
  type OpenBillsResponse,
  formatFen,
  makeRemittanceCode,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import { type Actor, CLI, SYSTEM, type SignedInContext } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { UnitsService } from '../units/units.service';
import { ANNUAL_SERIES, BillEntity } from './bill.entity';
import { defaultDueDate, isCalendarDay, yearOf } from './due-dates';
import { DuesFeesService } from './dues-fees.service';
import { DuesSettingsService } from './dues-settings.service';
import { DuesPolicy } from './dues.policy';

/** Rows per INSERT and ids per IN (…): well under SQLite's and MariaDB's limits on bound parameters. */
const CHUNK = 250;

type NewBill = Omit<BillEntity, 'id'>;

/**
 * What must happen, in the opening's transaction, before a year's bills are made: the standing
 * feature puts approved downgrades into force, so the year's bill is at the lower level. Registered
 * at start, as departures' listeners are, so dues does not depend on the features built on it.
 */
export type BeforeOpeningYear = (year: number) => Promise<void>;

/**
 * Opens bills: a year's for every unit that owes it, and an approved unit's first. A bill is charged
 * at the fee of its year for the unit's level on the day it opens.
 *
 * A unit that joins mid-year pays the full year's fee, not a share of it: the handbook fixes an
 * annual fee per level and says nothing of fractions, and membership (its rights, the directory,
 * the groups) is the whole year's from the day of approval.
 */
@Injectable()
export class BillOpening {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly fees: DuesFeesService,
    private readonly settings: DuesSettingsService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly policy: DuesPolicy,
  ) {}

  private readonly beforeOpening: BeforeOpeningYear[] = [];

  /** Registers work to run in each year opening's transaction before its bills are made. */
  beforeOpeningYear(work: BeforeOpeningYear): void {
    this.beforeOpening.push(work);
  }

  /**
   * Every unit not removed that had joined by the end of `year` and has no bill for it gets one.
   * Idempotent: units already billed are counted `existing`. Two openings at once (two staff, two
   * replicas) collide on the unique (unit, year): the loser's rerun finds the winner's bills. Rows
   * go in a few multi-row INSERTs, so a few thousand units are a handful of statements.
   */
  @RetryOnConflict()
  @Transactional()
  async openYear(actor: Actor | typeof SYSTEM, year: number, dueDate?: string): Promise<OpenBillsResponse> {
    if (actor !== CLI && actor !== SYSTEM) authorize(this.policy, actor, 'manage', undefined);
    const today = beijingDate(new Date());
    if (year > yearOf(today)) throw new AppError(DuesError.YearTooFar);
    if (dueDate === undefined && year < yearOf(today)) throw new AppError(DuesError.DueDateRequired);
    await this.settings.lockForBilling();
    const due = dueDate === undefined ? await this.defaultDue(year, today) : checkedDueDate(dueDate, today);
    for (const work of this.beforeOpening) await work(year);
    const owing = await this.units.billable(`${year}-12-31`);
    const billed = new Set<number>();
    for (const row of await this.bills.find({
      select: { unitId: true },
      where: { year, series: ANNUAL_SERIES },
    })) {
      billed.add(row.unitId);
    }
    const missing = owing.filter((unit) => !billed.has(unit.id));
    if (missing.length > 0) {
      const fees = await this.fees.feesFor(year);
      const at = now();
      const rows = (await this.withCodes(missing)).map(({ item: unit, code }) =>
        newBill(unit.id, unit.level, year, fees[unit.level], due, code, at),
      );
      for (let i = 0; i < rows.length; i += CHUNK) {
        await this.bills
          .createQueryBuilder()
          .insert()
          .into(BillEntity)
          .values(rows.slice(i, i + CHUNK))
          .updateEntity(false)
          .execute();
      }
      await this.audit.record(actor, {
        action: 'bills.opened_year',
        detail: `${year} 年：新生成 ${missing.length} 份，截止日期 ${due}；已有 ${owing.length - missing.length} 份`,
      });
    }
    return { opened: missing.length, existing: owing.length - missing.length };
  }

  /**
   * The approved unit's bill for this year, at this year's fee of its level (the full year's, see
   * above) and the year's due date, or 30 days from today when that has passed. Joins the approval's
   * transaction. A removed unit that rejoins within the year keeps the bill it already has.
   */
  async openFirst(actor: SignedInContext, unitId: number, level: LevelCode): Promise<BillEntity> {
    const today = beijingDate(new Date());
    const year = yearOf(today);
    const existing = await this.bills.findOneBy({ unitId, year, series: ANNUAL_SERIES });
    if (existing) return existing;
    const fees = await this.fees.feesFor(year);
    const due = await this.defaultDue(year, today);
    const [bill] = (await this.withCodes([unitId])).map(({ code }) =>
      newBill(unitId, level, year, fees[level], due, code, now()),
    );
    if (!bill) throw new Error('no remittance code for the first bill');
    const { identifiers } = await this.bills.insert(bill);
    const id = Number(identifiers[0]?.id);
    await this.audit.record(actor, {
      action: 'bill.opened',
      target: { type: 'bill', id },
      detail: `${year} 年会费 ${formatFen(bill.amountFen)}，截止日期 ${bill.dueDate}`,
    });
    return { ...bill, id };
  }

  /**
   * The current year's difference bill of an upgrade approved today (`series` = the level request's
   * id, so a request bills at most once): `amountFen` at the new level, due on the year's due date or
   * 30 days from today when that has passed. Joins the approval's transaction. Null when the unit has
   * no annual bill this year yet: that bill, once opened, is at the new level already.
   */
  async openDifference(
    actor: SignedInContext,
    unitId: number,
    series: number,
    level: LevelCode,
    amountFen: number,
  ): Promise<BillEntity | null> {
    const today = beijingDate(new Date());
    const year = yearOf(today);
    if (!(await this.bills.existsBy({ unitId, year, series: ANNUAL_SERIES }))) return null;
    const existing = await this.bills.findOneBy({ unitId, year, series });
    if (existing) return existing;
    const due = await this.defaultDue(year, today);
    const [bill] = (await this.withCodes([unitId])).map(({ code }) => ({
      ...newBill(unitId, level, year, amountFen, due, code, now()),
      kind: 'upgrade' as const,
      series,
    }));
    if (!bill) throw new Error('no remittance code for the difference bill');
    const { identifiers } = await this.bills.insert(bill);
    const id = Number(identifiers[0]?.id);
    await this.audit.record(actor, {
      action: 'bill.opened',
      target: { type: 'bill', id },
      detail: `${year} 年升级差额会费 ${formatFen(amountFen)}，截止日期 ${due}`,
    });
    return { ...bill, id };
  }

  private async defaultDue(year: number, today: string): Promise<string> {
    return defaultDueDate(year, (await this.settings.current()).dueMonthDay, today);
  }

  /**
   * A remittance code for each item that no bill has, each different, in the items' order. A code
   * another opening takes between this check and the insert collides on the unique index and
   * reruns the unit.
   */
  private async withCodes<T>(items: readonly T[]): Promise<{ item: T; code: string }[]> {
    const assigned = new Map<T, string>();
    const used = new Set<string>();
    while (assigned.size < items.length) {
      const candidates = new Map<string, T>();
      for (const item of items) {
        if (assigned.has(item)) continue;
        let code = makeRemittanceCode(randomInt);
        while (used.has(code) || candidates.has(code)) code = makeRemittanceCode(randomInt);
        candidates.set(code, item);
      }
      const list = [...candidates.keys()];
      for (let i = 0; i < list.length; i += CHUNK) {
        const taken = await this.bills.find({
          select: { remittanceCode: true },
          where: { remittanceCode: In(list.slice(i, i + CHUNK)) },
        });
        for (const row of taken) candidates.delete(row.remittanceCode);
      }
      for (const [code, item] of candidates) {
        assigned.set(item, code);
        used.add(code);
      }
    }
    return items.flatMap((item) => {
      const code = assigned.get(item);
      return code === undefined ? [] : [{ item, code }];
    });
  }
}

/** A due date staff give: a real day, not before today, not past the end of next year. */
function checkedDueDate(dueDate: string, today: string): string {
  const latest = `${yearOf(today) + 1}-12-31`;
  if (!isCalendarDay(dueDate) || dueDate < today || dueDate > latest) {
    throw new AppError(DuesError.DueDateInvalid);
  }
  return dueDate;
}

function newBill(
  unitId: number,
  level: LevelCode,
  year: number,
  amountFen: number,
  dueDate: string,
  remittanceCode: string,
  at: Date,
): NewBill {
  return {
    unitId,
    year,
    level,
    kind: 'annual',
    series: ANNUAL_SERIES,
    amountFen,
    paidFen: 0,
    // Nothing owed is paid: the state follows money, and no money is due on a fee of zero.
    status: amountFen === 0 ? 'paid' : 'unpaid',
    dueDate,
    remittanceCode,
    reason: null,
    receiptStatus: null,
    receiptTitle: null,
    receiptTaxNumber: null,
    receiptNumber: null,
    receiptFileId: null,
    receiptRequestedAt: null,
    receiptIssuedAt: null,
    createdAt: at,
    updatedAt: at,
  };
}
