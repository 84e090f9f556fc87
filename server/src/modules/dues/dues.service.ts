import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  BILL_STATUS_NAMES,
  type BillListResponse,
  ErrorCode,
  type FeesFen,
  type LevelCode,
  type OpenBillsResponse,
  formatFen,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { Actor, SYSTEM, SignedInContext } from '../../common/request-context';
import { beijingDate } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { type ExportedUnit, UnitExportFacts } from '../units/unit-export-facts';
import type { UnitFacts } from '../units/unit-sheet';
import { UnitsService } from '../units/units.service';
import { ANNUAL_SERIES, BillEntity } from './bill.entity';
import { type BeforeOpeningYear, BillOpening } from './bill-opening.service';
import { DuesFeesService } from './dues-fees.service';
import { presentBill } from './bill-presenter';
import { currentYear } from './due-dates';
import { DuesPolicy } from './dues.policy';

/** Ids per IN (…). */
const CHUNK = 500;

/**
 * Dues as other features see them: the approval's first bill, the year's opening (the scheduled
 * job's too), a unit's bills, the units export's column and the audit log's names for bills.
 */
@Injectable()
export class DuesService implements OnModuleInit {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly opening: BillOpening,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly policy: DuesPolicy,
    private readonly exportFacts: UnitExportFacts,
    private readonly fees: DuesFeesService,
  ) {}

  onModuleInit(): void {
    this.exportFacts.contribute((units) => this.duesThisYear(units));
    this.audit.nameTargets('bill', (ids) => this.namesOf(ids));
  }

  /**
   * The approved unit's bill for this year (the full year's fee, whatever the month: see
   * BillOpening). Joins the approval's transaction.
   */
  async openFirstBill(actor: SignedInContext, unitId: number, level: LevelCode): Promise<BillEntity> {
    return this.opening.openFirst(actor, unitId, level);
  }

  /** The fee of every level in `year`, in fen. */
  feesFor(year: number): Promise<FeesFen> {
    return this.fees.feesFor(year);
  }

  /**
   * The current year's difference bill of an approved upgrade (its series is the level request's
   * id), joining the approval's transaction; null when the unit has no annual bill this year yet.
   */
  openDifferenceBill(
    actor: SignedInContext,
    unitId: number,
    levelRequestId: number,
    level: LevelCode,
    amountFen: number,
  ): Promise<BillEntity | null> {
    return this.opening.openDifference(actor, unitId, levelRequestId, level, amountFen);
  }

  /** Work to run in each year opening's transaction before its bills are made (see BillOpening). */
  beforeOpeningYear(work: BeforeOpeningYear): void {
    this.opening.beforeOpeningYear(work);
  }

  /**
   * Opens `year`'s bills for every unit that owes them and has none: `{ opened, existing }`.
   * Staff's button, or the scheduled job as `SYSTEM`; idempotent and safe from several replicas.
   * `dueDate` (YYYY-MM-DD) is required for a past year.
   */
  openYearBills(actor: Actor | typeof SYSTEM, year: number, dueDate?: string): Promise<OpenBillsResponse> {
    return this.opening.openYear(actor, year, dueDate);
  }

  /** Every year's bill of the unit, newest first: for its contacts and staff, 404 for anyone else. */
  async list(ctx: SignedInContext, unitId: number): Promise<BillListResponse> {
    const isContact = await this.units.isContact(ctx.user.id, unitId);
    authorize(this.policy, ctx, 'readBills', { isContact }, { hide: true });
    const names = await this.units.namesOf([unitId]);
    const unitName = names.get(unitId);
    if (unitName === undefined) throw new AppError(ErrorCode.NotFound);
    const today = beijingDate(new Date());
    const rows = await this.bills.find({ where: { unitId }, order: { year: 'DESC', series: 'DESC' } });
    return { items: rows.map((bill) => presentBill(bill, unitName, today)) };
  }

  /** The audit log's name of a bill: the unit and the year. */
  private async namesOf(ids: number[]): Promise<Map<number, string>> {
    const rows = ids.length ? await this.bills.findBy({ id: In(ids) }) : [];
    const units = await this.units.namesOf(rows.map((bill) => bill.unitId));
    return new Map(rows.map((bill) => [bill.id, `${units.get(bill.unitId) ?? '单位'} ${bill.year} 年会费`]));
  }

  /** The units export's 本年度会费: state, amount and what was paid of this year's bill. */
  private async duesThisYear(units: readonly ExportedUnit[]): Promise<Map<number, UnitFacts>> {
    const year = currentYear(new Date());
    const found = new Map<number, BillEntity>();
    for (let i = 0; i < units.length; i += CHUNK) {
      const ids = units.slice(i, i + CHUNK).map((unit) => unit.id);
      for (const bill of await this.bills.findBy({ unitId: In(ids), year, series: ANNUAL_SERIES }))
        found.set(bill.unitId, bill);
    }
    return new Map(
      units.map((unit) => {
        const bill = found.get(unit.id);
        return [unit.id, { duesThisYear: bill ? describeBill(bill) : `${year} 年未生成账单` }];
      }),
    );
  }
}

/** "2026 年部分缴费：应缴 3,000.00 元，已缴 1,000.00 元". */
function describeBill(bill: BillEntity): string {
  return `${bill.year} 年${BILL_STATUS_NAMES[bill.status]}：应缴 ${formatFen(bill.amountFen)}，已缴 ${formatFen(bill.paidFen)}`;
}
