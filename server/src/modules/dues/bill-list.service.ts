import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type BillDetail,
  type BillPage,
  type DuesSummary,
  ErrorCode,
  LEVEL_CODES,
  auditActionName,
  billQuerySchema,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { decodeCursor, isPositiveId, keysetPage } from '../../common/keyset';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { PaymentsService } from '../payments/payments.service';
import { UnitsService } from '../units/units.service';
import { BillEntity } from './bill.entity';
import { type BillFilters, applyBillFilters } from './bill-filters';
import { billsWorkbook } from './bill-sheet';
import { presentBill } from './bill-presenter';
import { currentYear } from './due-dates';
import { DuesPolicy } from './dues.policy';

export type BillQueryParsed = z.output<typeof billQuerySchema>;

/** The most bills one export holds: a few thousand units over a few years. */
const EXPORT_MAX_ROWS = 20_000;
/** Ids per IN (…). */
const CHUNK = 500;

/** Staff's reading of bills: the list, one bill with its money and history, the year's summary, the export. */
@Injectable()
export class BillListService {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly units: UnitsService,
    private readonly payments: PaymentsService,
    private readonly audit: AuditService,
    private readonly policy: DuesPolicy,
  ) {}

  /**
   * Newest bill first; the keyset is the id. With a year (as the staff page always asks) the
   * indexes (year, id), (year, status, id) and (year, level, id) make a page one range read.
   */
  async list(ctx: SignedInContext, query: BillQueryParsed): Promise<BillPage> {
    authorize(this.policy, ctx, 'manage', undefined);
    const today = beijingDate(new Date());
    const qb = this.bills.createQueryBuilder('bill');
    await applyBillFilters(qb, query, today, this.units);
    if (query.cursor !== undefined) {
      qb.andWhere('bill.id < :before', { before: decodeCursor(query.cursor, isPositiveId) });
    }
    const rows = await qb
      .orderBy('bill.id', 'DESC')
      .take(query.limit + 1)
      .getMany();
    const { page, nextCursor } = keysetPage(rows, query.limit, (last) => last.id);
    const names = await this.units.namesOf(page.map((bill) => bill.unitId));
    return {
      items: page.map((bill) => presentBill(bill, names.get(bill.unitId) ?? '', today)),
      nextCursor,
    };
  }

  async detail(ctx: SignedInContext, id: number): Promise<BillDetail> {
    authorize(this.policy, ctx, 'manage', undefined);
    const bill = await this.bills.findOneBy({ id });
    if (!bill) throw new AppError(ErrorCode.NotFound);
    const names = await this.units.namesOf([bill.unitId]);
    const history = await this.audit.forTarget({ type: 'bill', id });
    return {
      ...presentBill(bill, names.get(bill.unitId) ?? '', beijingDate(new Date())),
      reason: bill.reason,
      payments: await this.payments.listFor({ type: 'dues_bill', id }),
      history: history.map((entry) => ({
        at: entry.at.toISOString(),
        action: entry.action,
        actionName: auditActionName(entry.action),
        actorName: entry.actorName,
        detail: entry.detail ?? '',
      })),
    };
  }

  /** Units billed per level in the year (this year unless asked), what they owe and paid; void left out. */
  async summary(ctx: SignedInContext, year: number | undefined): Promise<DuesSummary> {
    authorize(this.policy, ctx, 'manage', undefined);
    const which = year ?? currentYear(new Date());
    const rows = await this.bills
      .createQueryBuilder('bill')
      .select('bill.level', 'level')
      .addSelect('COUNT(DISTINCT bill.unitId)', 'units')
      .addSelect('SUM(bill.amountFen)', 'amountFen')
      .addSelect('SUM(bill.paidFen)', 'paidFen')
      .where('bill.year = :year', { year: which })
      .andWhere('bill.status <> :void', { void: 'void' })
      .groupBy('bill.level')
      .getRawMany<{ level: string; units: unknown; amountFen: unknown; paidFen: unknown }>();
    const byLevel = new Map(rows.map((row) => [row.level, row]));
    return {
      year: which,
      byLevel: LEVEL_CODES.map((level) => {
        const row = byLevel.get(level);
        // MariaDB answers COUNT and SUM as strings (DECIMAL); every figure is a whole number of fen.
        return {
          level,
          units: Number(row?.units ?? 0),
          amountFen: Number(row?.amountFen ?? 0),
          paidFen: Number(row?.paidFen ?? 0),
        };
      }),
    };
  }

  /** The filtered bills, oldest first, as an .xlsx workbook; audited, as every export of members' data. */
  async export(ctx: SignedInContext, filters: BillFilters): Promise<Buffer> {
    authorize(this.policy, ctx, 'manage', undefined);
    const today = beijingDate(new Date());
    const qb = this.bills.createQueryBuilder('bill');
    await applyBillFilters(qb, filters, today, this.units);
    const rows = await qb.orderBy('bill.id', 'ASC').take(EXPORT_MAX_ROWS).getMany();
    const names = new Map<number, string>();
    const unitIds = [...new Set(rows.map((bill) => bill.unitId))];
    for (let i = 0; i < unitIds.length; i += CHUNK) {
      for (const [id, name] of await this.units.namesOf(unitIds.slice(i, i + CHUNK))) names.set(id, name);
    }
    await this.audit.record(ctx, { action: 'dues.bills_exported', detail: `${rows.length} 份账单` });
    return billsWorkbook(rows.map((bill) => presentBill(bill, names.get(bill.unitId) ?? '', today)));
  }
}
