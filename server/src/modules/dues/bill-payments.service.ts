import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  BILL_STATUS_NAMES,
  type BillStatus,
  DUES_PAGE,
  DuesError,
  ErrorCode,
  type Payment,
  type RecordPaymentRequest,
  type WechatPayOrder,
  formatFen,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { MoneyChange } from '../payments/payment-subjects';
import { PaymentSubjects } from '../payments/payment-subjects';
import { PaymentsService } from '../payments/payments.service';
import { UnitsService } from '../units/units.service';
import { BillEntity } from './bill.entity';

/** Staff close a bill by hand; money no longer moves its state. */
const CLOSED: readonly BillStatus[] = ['waived', 'void'];

/** A bill's state from its money alone: paid exactly when what arrived covers the amount. */
export function statusFromMoney(amountFen: number, paidFen: number): BillStatus {
  if (paidFen >= amountFen) return 'paid';
  return paidFen > 0 ? 'partially_paid' : 'unpaid';
}

const billOf = (id: number) => ({ type: 'dues_bill' as const, id });

/**
 * A bill's money: bank transfers staff record (by hand or from a statement), WeChat Pay for what
 * is outstanding, and the bill following every confirmed change of its payments (`settled`, in the
 * payment's own transaction).
 */
@Injectable()
export class BillPaymentsService implements OnModuleInit {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly payments: PaymentsService,
    private readonly subjects: PaymentSubjects,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.subjects.register('dues_bill', { settled: (id, change) => this.settled(id, change) });
  }

  /**
   * A bank transfer staff saw arrive, credited to the bill (the statement import calls this for each
   * matched line, inside its own transaction). A waived or void bill takes no money; a bank
   * reference credited before is refused (`PAYMENT_BANK_REFERENCE_USED`).
   */
  @RetryOnConflict()
  @Transactional()
  async recordBankTransfer(
    actor: RequestContext,
    billId: number,
    input: RecordPaymentRequest,
  ): Promise<{ paymentId: number }> {
    // Waiting for a waive or void of the bill in progress, so money never lands on a bill just closed.
    await lockRows(this.bills, [billId]);
    const bill = await this.bills.findOneBy({ id: billId });
    if (!bill) throw new AppError(ErrorCode.NotFound);
    if (CLOSED.includes(bill.status)) throw new AppError(DuesError.BillClosed);
    return this.payments.recordBankTransfer(actor, billOf(billId), input);
  }

  /** `POST /api/dues/bills/:id/payments`: the recorded payment as the contract shows it. */
  async record(ctx: SignedInContext, billId: number, input: RecordPaymentRequest): Promise<Payment> {
    const { paymentId } = await this.recordBankTransfer(ctx, billId, input);
    return this.payments.describe(paymentId);
  }

  /**
   * A contact of the bill's unit pays what is outstanding by WeChat Pay. Anyone else, staff
   * included, is told the bill does not exist: a payment is made by the unit's own people.
   */
  async startWechatPay(ctx: SignedInContext, billId: number): Promise<WechatPayOrder> {
    const bill = await this.bills.findOneBy({ id: billId });
    if (!bill || !(await this.units.isContact(ctx.user.id, bill.unitId))) {
      throw new AppError(ErrorCode.NotFound);
    }
    if (CLOSED.includes(bill.status)) throw new AppError(DuesError.BillClosed);
    const outstanding = bill.amountFen - bill.paidFen;
    if (outstanding <= 0) throw new AppError(DuesError.NothingOwed);
    return this.payments.startWechatPay(ctx, billOf(billId), {
      amountFen: outstanding,
      description: `ITSS分会${bill.year}年会费`,
    });
  }

  /**
   * The bill follows its money, in the transaction that confirmed it: `paidFen` is the net of its
   * payments and refunds, the state is the money's unless staff waived or voided it, and when it
   * turns paid the unit's contacts are told.
   */
  private async settled(billId: number, change: MoneyChange): Promise<void> {
    await lockRows(this.bills, [billId]);
    const bill = await this.bills.findOneBy({ id: billId });
    if (!bill) throw new Error(`Payment ${change.paymentId} names bill ${billId}, which does not exist`);
    const paidFen = await this.payments.netPaidFen(billOf(billId));
    const from = bill.status;
    const status = CLOSED.includes(from) ? from : statusFromMoney(bill.amountFen, paidFen);
    const at = now();
    await this.bills.update({ id: billId }, { paidFen, status, updatedAt: at });
    const money = `${change.kind === 'paid' ? '到账' : '退款'} ${formatFen(change.amountFen)}，已缴 ${formatFen(paidFen)} / 应缴 ${formatFen(bill.amountFen)}`;
    await this.audit.record(change.actor, {
      action: status === from ? 'bill.money_changed' : 'bill.status_changed',
      target: { type: 'bill', id: billId },
      detail: status === from ? money : `${BILL_STATUS_NAMES[from]} → ${BILL_STATUS_NAMES[status]}：${money}`,
    });
    if (status === 'paid' && from !== 'paid') await this.tellContacts(bill, paidFen, at);
  }

  private async tellContacts(bill: BillEntity, paidFen: number, at: Date): Promise<void> {
    const [unitName = ''] = (await this.units.namesOf([bill.unitId])).values();
    for (const userId of await this.units.contactUserIds(bill.unitId)) {
      await this.notifications.notify(userId, {
        purpose: 'dues_paid',
        title: `${bill.year} 年会费已缴清`,
        body: `${unitName}${bill.year} 年会费已缴清，共到账 ${formatFen(paidFen)}。可在“会费”中申请会费票据。`,
        page: `${DUES_PAGE}?unitId=${bill.unitId}`,
        fields: { unitName, amount: formatFen(paidFen), at, note: `${bill.year} 年会费` },
      });
    }
  }
}
