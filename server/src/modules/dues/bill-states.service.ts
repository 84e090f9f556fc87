import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  BILL_STATE_MACHINE,
  BILL_STATUS_NAMES,
  type Bill,
  DuesError,
  ErrorCode,
  canTransition,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { UnitsService } from '../units/units.service';
import { BillEntity } from './bill.entity';
import { presentBill } from './bill-presenter';
import { DuesPolicy } from './dues.policy';

/** What staff may close a bill as, and the audit action of each. */
const CLOSINGS = { waived: 'bill.waived', void: 'bill.voided' } as const;
export type BillClosing = keyof typeof CLOSINGS;

/** Staff waive (减免) or void (作废) an open bill with a reason; money moves the other states. */
@Injectable()
export class BillStatesService {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly policy: DuesPolicy,
  ) {}

  /**
   * Locks the bill first, so a payment settling it or another staff member closing it waits and
   * then sees this one's state. The same closing again is a success that records nothing; any move
   * the state machine does not list (a paid bill, one already closed the other way) is 409.
   */
  @RetryOnConflict()
  @Transactional()
  async close(ctx: SignedInContext, id: number, to: BillClosing, reason: string): Promise<Bill> {
    authorize(this.policy, ctx, 'manage', undefined);
    await lockRows(this.bills, [id]);
    const bill = await this.bills.findOneBy({ id });
    if (!bill) throw new AppError(ErrorCode.NotFound);
    if (bill.status !== to) {
      if (!canTransition(BILL_STATE_MACHINE, bill.status, to)) throw new AppError(DuesError.WrongState);
      const from = bill.status;
      Object.assign(bill, { status: to, reason, updatedAt: now() });
      await this.bills.update({ id }, { status: to, reason, updatedAt: bill.updatedAt });
      await this.audit.record(ctx, {
        action: CLOSINGS[to],
        target: { type: 'bill', id },
        detail: `${BILL_STATUS_NAMES[from]} → ${BILL_STATUS_NAMES[to]}：${reason}`,
      });
    }
    const names = await this.units.namesOf([bill.unitId]);
    return presentBill(bill, names.get(bill.unitId) ?? '', beijingDate(new Date()));
  }
}
