import { randomInt } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  BILL_STATUS_NAMES,
  type BillListResponse,
  ErrorCode,
  formatFen,
  type LevelCode,
  levelByCode,
  makeRemittanceCode,
} from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate } from '../../common/time';
import { AuditService } from '../audit/audit.service';
import { type ExportedUnit, UnitExportFacts } from '../units/unit-export-facts';
import type { UnitFacts } from '../units/unit-sheet';
import { UnitsService } from '../units/units.service';
import { BillEntity } from './bill.entity';
import { DuesPolicy } from './dues.policy';

/** The one writer of `bills`. */
@Injectable()
export class DuesService implements OnModuleInit {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly policy: DuesPolicy,
    private readonly exportFacts: UnitExportFacts,
  ) {}

  /** The units export shows each unit's bill for this year. */
  onModuleInit(): void {
    this.exportFacts.contribute((units) => this.duesThisYear(units));
  }

  private async duesThisYear(units: readonly ExportedUnit[]): Promise<Map<number, UnitFacts>> {
    const year = Number(beijingDate(new Date()).slice(0, 4));
    const found = new Map<number, BillEntity>();
    for (let i = 0; i < units.length; i += 500) {
      const ids = units.slice(i, i + 500).map((unit) => unit.id);
      for (const bill of await this.bills.findBy({ unitId: In(ids), year })) found.set(bill.unitId, bill);
    }
    return new Map(
      units.map((unit) => {
        const bill = found.get(unit.id);
        return [
          unit.id,
          {
            duesThisYear: bill
              ? `${year} 年${BILL_STATUS_NAMES[bill.status]}（${formatFen(bill.amountFen)}）`
              : `${year} 年未生成账单`,
          },
        ];
      }),
    );
  }

  /**
   * Opens the unit's bill for the current year at its level's fee, unpaid. Joins the caller's
   * transaction (the approval that made the unit).
   */
  async openFirstBill(actor: SignedInContext, unitId: number, level: LevelCode): Promise<BillEntity> {
    const now = new Date();
    const year = Number(beijingDate(now).slice(0, 4));
    // A removed unit that rejoins within the year keeps the bill it already has for that year.
    const existing = await this.bills.findOneBy({ unitId, year });
    if (existing) return existing;
    const bill = await this.bills.save(
      this.bills.create({
        unitId,
        year,
        level,
        amountFen: levelByCode(level).annualFeeYuan * 100,
        paidFen: 0,
        status: 'unpaid',
        dueDate: `${year}-03-31`,
        remittanceCode: makeRemittanceCode(randomInt),
        createdAt: now,
        updatedAt: now,
      }),
    );
    await this.audit.record(actor, {
      action: 'bill.opened',
      target: { type: 'unit', id: unitId },
      detail: `${bill.year} 年会费 ${formatFen(bill.amountFen)}`,
    });
    return bill;
  }

  async list(ctx: SignedInContext, unitId: number): Promise<BillListResponse> {
    const isContact = await this.units.isContact(ctx.user.id, unitId);
    authorize(this.policy, ctx, 'readBills', { isContact }, { hide: true });
    if (!(await this.units.exists(unitId))) throw new AppError(ErrorCode.NotFound);
    const rows = await this.bills.find({ where: { unitId }, order: { year: 'DESC' } });
    return {
      items: rows.map((bill) => ({
        id: bill.id,
        unitId: bill.unitId,
        unitName: '',
        year: bill.year,
        level: bill.level,
        amountFen: bill.amountFen,
        paidFen: bill.paidFen,
        status: bill.status,
        dueDate: bill.dueDate,
        overdue: false,
        remittanceCode: bill.remittanceCode,
        receipt: null,
        createdAt: bill.createdAt.toISOString(),
      })),
    };
  }
}
