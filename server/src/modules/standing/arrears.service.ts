import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type ArrearsItem,
  type ArrearsListResponse,
  ErrorCode,
  REMOVAL_PROPOSED_YEARS,
  type UnitArrears,
  type UnitStatus,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate } from '../../common/time';
import { DuesArrears, type OverdueYear } from '../dues/dues-arrears';
import { DuesService } from '../dues/dues.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { ArrearsPolicy } from './arrears.policy';
import { presentRemoval } from './removal-presenter';
import { UnitRemovalEntity } from './unit-removal.entity';

/** A unit's unpaid past-due years, oldest first, and what is still owed on them. */
export interface Unpaid {
  years: number[];
  outstandingFen: number;
}

/** Proposed for removal: two or more unpaid years, and not removed already. */
export function isProposed(unpaid: Unpaid, status: UnitStatus): boolean {
  return status !== 'removed' && unpaid.years.length >= REMOVAL_PROPOSED_YEARS;
}

function unpaidOfRows(rows: readonly OverdueYear[]): Unpaid {
  const years = [...new Set(rows.map((row) => row.year))].sort((a, b) => a - b);
  const outstandingFen = rows.reduce((sum, row) => sum + Math.max(0, row.owedFen), 0);
  return { years, outstandingFen };
}

/**
 * Arrears, derived from the bills and never stored: a year is unpaid while one of its bills is
 * neither paid, waived nor void and its due date (a Beijing day) has passed. A payment that brings
 * a unit under two such years takes it off the removal proposals at once.
 */
@Injectable()
export class ArrearsService {
  constructor(
    @InjectRepository(UnitRemovalEntity) private readonly removals: Repository<UnitRemovalEntity>,
    private readonly duesArrears: DuesArrears,
    private readonly dues: DuesService,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly policy: ArrearsPolicy,
  ) {}

  /**
   * Every unit not removed with an unpaid year, most years first, then most owed: one grouped
   * query over the bills' arrears index, then the units' names by primary key (a thousand a read),
   * whatever the number of units — never a query per unit.
   */
  async list(ctx: SignedInContext, proposed?: boolean): Promise<ArrearsListResponse> {
    authorize(this.policy, ctx, 'read', undefined);
    const rows = await this.duesArrears.overdue(beijingDate(new Date()));
    const byUnit = new Map<number, OverdueYear[]>();
    for (const row of rows) byUnit.set(row.unitId, [...(byUnit.get(row.unitId) ?? []), row]);
    const facts = await this.units.factsOf([...byUnit.keys()]);
    const items: ArrearsItem[] = [];
    for (const [unitId, own] of byUnit) {
      const unit = facts.get(unitId);
      if (!unit || unit.status === 'removed') continue;
      const unpaid = unpaidOfRows(own);
      const item = {
        unitId,
        unitName: unit.name,
        level: unit.level,
        status: unit.status,
        unpaidYears: unpaid.years,
        outstandingFen: unpaid.outstandingFen,
        removalProposed: isProposed(unpaid, unit.status),
      };
      if (proposed === undefined || item.removalProposed === proposed) items.push(item);
    }
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
    const unit = await this.units.find(unitId);
    if (!unit) throw new AppError(ErrorCode.NotFound);
    const unpaid = await this.unpaidOf(unitId);
    const { items: bills } = await this.dues.list(ctx, unitId);
    const sent = await this.duesArrears.remindersOf(bills.map((bill) => bill.id));
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
    return unpaidOfRows(await this.duesArrears.overdue(today, unitId));
  }

  /** The same, with the unit's bills locked until the transaction ends (see DuesArrears). */
  async lockedUnpaidOf(unitId: number): Promise<Unpaid> {
    await this.duesArrears.lockBillsOf(unitId);
    return this.unpaidOf(unitId);
  }

  /** Whether every current-year bill of the unit is settled; false with none. */
  yearPaid(unitId: number, year: number): Promise<boolean> {
    return this.duesArrears.yearSettled(unitId, year);
  }
}
