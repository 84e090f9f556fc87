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
import { In, Not, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { type AuditRecord, AuditService } from '../audit/audit.service';
import { NotificationsService } from '../notifications/notifications.service';
import type { MoneyChange } from '../payments/payment-subjects';
import { PaymentSubjects } from '../payments/payment-subjects';
import { BankTransferBatch } from '../payments/bank-transfer-batch';
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

/** Bills per query: well under SQLite's and MariaDB's limits on bound parameters. */
const BATCH = 500;

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
    private readonly batch: BankTransferBatch,
    private readonly subjects: PaymentSubjects,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.subjects.register('dues_bill', {
      settled: (id, change) => this.settled(id, change),
      settledMany: (changes) => this.settledMany(changes),
    });
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

  /**
   * A confirmed bank statement's transfers, each to its bill, in batches: the caller has left out
   * references credited before and bills that take no money (a closed one here refuses them all).
   */
  @RetryOnConflict()
  @Transactional()
  async recordBankTransfers(
    actor: RequestContext,
    items: readonly { billId: number; input: RecordPaymentRequest }[],
  ): Promise<Map<string, number>> {
    const ids = [...new Set(items.map((item) => item.billId))];
    for (let i = 0; i < ids.length; i += BATCH) {
      const part = ids.slice(i, i + BATCH);
      const open = await this.bills.countBy({ id: In(part), status: Not(In([...CLOSED])) });
      if (open !== part.length) throw new AppError(DuesError.BillClosed);
    }
    return this.batch.record(
      actor,
      'dues_bill',
      items.map(({ billId, input }) => ({ subjectId: billId, input })),
    );
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
    if (status === 'paid' && from !== 'paid') {
      const [unitName = ''] = (await this.units.namesOf([bill.unitId])).values();
      await this.tellContacts(bill, paidFen, at, unitName, await this.units.contactUserIds(bill.unitId));
    }
  }

  /**
   * `settled` for many payments at once, in few statements: bills locked and read in batches, their
   * net paid summed in one query per batch, written grouped by their new money and state.
   */
  private async settledMany(changes: readonly { subjectId: number; change: MoneyChange }[]): Promise<void> {
    const [first] = changes;
    if (!first) return;
    const ids = [...new Set(changes.map((item) => item.subjectId))];
    await lockRows(this.bills, ids);
    const bills: BillEntity[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      bills.push(...(await this.bills.findBy({ id: In(ids.slice(i, i + BATCH)) })));
    }
    const paid = await this.payments.netPaidBySubject('dues_bill', ids);
    const arrived = new Map<number, number>();
    for (const { subjectId, change } of changes) {
      arrived.set(subjectId, (arrived.get(subjectId) ?? 0) + change.amountFen);
    }
    const at = now();
    const groups = new Map<string, { paidFen: number; status: BillStatus; ids: number[] }>();
    const entries: AuditRecord[] = [];
    const turnedPaid: { bill: BillEntity; paidFen: number }[] = [];
    for (const bill of bills) {
      const paidFen = paid.get(bill.id) ?? 0;
      const from = bill.status;
      const status = CLOSED.includes(from) ? from : statusFromMoney(bill.amountFen, paidFen);
      const key = `${paidFen}:${status}`;
      const group = groups.get(key) ?? { paidFen, status, ids: [] };
      group.ids.push(bill.id);
      groups.set(key, group);
      const money = `到账 ${formatFen(arrived.get(bill.id) ?? 0)}，已缴 ${formatFen(paidFen)} / 应缴 ${formatFen(bill.amountFen)}`;
      entries.push({
        action: status === from ? 'bill.money_changed' : 'bill.status_changed',
        target: { type: 'bill', id: bill.id },
        detail:
          status === from ? money : `${BILL_STATUS_NAMES[from]} → ${BILL_STATUS_NAMES[status]}：${money}`,
      });
      if (status === 'paid' && from !== 'paid') turnedPaid.push({ bill, paidFen });
    }
    for (const { paidFen, status, ids: same } of groups.values()) {
      for (let i = 0; i < same.length; i += BATCH) {
        await this.bills.update({ id: In(same.slice(i, i + BATCH)) }, { paidFen, status, updatedAt: at });
      }
    }
    await this.audit.recordMany(first.change.actor, entries);
    const unitIds = turnedPaid.map(({ bill }) => bill.unitId);
    const names = await this.units.namesOf(unitIds);
    const contacts = await this.units.contactUserIdsOf(unitIds);
    for (const { bill, paidFen } of turnedPaid) {
      await this.tellContacts(
        bill,
        paidFen,
        at,
        names.get(bill.unitId) ?? '',
        contacts.get(bill.unitId) ?? [],
      );
    }
  }

  private async tellContacts(
    bill: BillEntity,
    paidFen: number,
    at: Date,
    unitName: string,
    contactUserIds: readonly number[],
  ): Promise<void> {
    for (const userId of contactUserIds) {
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
