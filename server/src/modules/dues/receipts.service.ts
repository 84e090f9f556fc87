import type { Readable } from 'node:stream';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  type BillReceipt,
  DUES_PAGE,
  DUES_STAFF_BILL_PAGE,
  DuesError,
  DuesErrorMessages,
  type ReceiptRequest,
  type ReceiptRequestPage,
  type ReceiptStatus,
} from '@itss/shared';
import { IsNull, Not, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { pageById } from '../../common/keyset';
import { authorize } from '../../common/policy';
import { type RequestContext, type SignedInContext, isStaff } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { FilesService } from '../files/files.service';
import { NotificationsService } from '../notifications/notifications.service';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { BillEntity } from './bill.entity';
import { receiptOf } from './bill-presenter';
import { ReceiptsPolicy } from './receipts.policy';

/** What files call the bill that owns a receipt PDF. */
const FILE_OWNER = 'bill';

/**
 * 会费票据: a contact asks for one on a paid bill, staff upload the issued PDF, the unit's contacts
 * download it. Each step is audited on the bill and told in 消息, in the step's transaction.
 */
@Injectable()
export class DuesReceipts implements OnModuleInit {
  constructor(
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly policy: ReceiptsPolicy,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** A receipt PDF is read by the bill's unit's contacts and staff, under the files feature's one rule. */
  onModuleInit(): void {
    this.files.allowReaders(FILE_OWNER, async (actor, billId) => {
      if (isStaff(actor)) return true;
      const bill = actor.user ? await this.bills.findOneBy({ id: billId }) : null;
      return bill !== null && actor.user !== null && this.units.isContact(actor.user.id, bill.unitId);
    });
  }

  /** The bill if the caller may see its receipt (404 otherwise), with whether they speak for its unit. */
  private async billFor(
    ctx: RequestContext,
    billId: number,
  ): Promise<{ bill: BillEntity; isContact: boolean }> {
    const bill = await this.bills.findOneBy({ id: billId });
    const isContact =
      bill !== null && ctx.user !== null && (await this.units.isContact(ctx.user.id, bill.unitId));
    if (!bill) throw new AppError(DuesErrorMessages.BillNotFound);
    authorize(this.policy, ctx, 'read', { isContact }, { hide: true });
    return { bill, isContact };
  }

  @RetryOnConflict()
  @Transactional()
  async request(ctx: SignedInContext, billId: number, wanted: ReceiptRequest): Promise<BillReceipt> {
    await lockRows(this.bills, [billId]);
    const { bill, isContact } = await this.billFor(ctx, billId);
    authorize(this.policy, ctx, 'request', { isContact });
    if (bill.receiptStatus) throw new AppError(DuesError.ReceiptAlreadyRequested);
    if (bill.status !== 'paid') throw new AppError(DuesError.ReceiptNotPaid);
    const at = now();
    await this.bills.update(bill.id, {
      receiptStatus: 'requested',
      receiptTitle: wanted.title,
      receiptTaxNumber: wanted.taxNumber ?? null,
      receiptRequestedAt: at,
      updatedAt: at,
    });
    await this.audit.record(ctx, {
      action: 'dues.receipt_requested',
      target: { type: 'bill', id: bill.id },
      detail: `${bill.year} 年会费票据，抬头：${wanted.title}${wanted.taxNumber ? `，税号：${wanted.taxNumber}` : ''}`,
    });
    const unitName = (await this.units.namesOf([bill.unitId])).get(bill.unitId) ?? '';
    for (const userId of await this.users.idsWithAnyRole(['staff', 'admin'])) {
      await this.notifications.notify(userId, {
        purpose: 'dues_receipt_requested',
        title: '会费票据申请',
        body: `${unitName}申请开具 ${bill.year} 年度会费票据，抬头「${wanted.title}」。请开具后在账单页上传票据 PDF。`,
        page: `${DUES_STAFF_BILL_PAGE}?id=${bill.id}`,
        fields: { unitName, title: wanted.title, at },
      });
    }
    return this.receipt(bill.id);
  }

  /** Staff's queue: bills with a receipt request (or of one state), newest bill first. */
  async list(
    ctx: RequestContext,
    query: { status?: ReceiptStatus; cursor?: string; limit: number },
  ): Promise<ReceiptRequestPage> {
    authorize(this.policy, ctx, 'issue', { isContact: false });
    const { page, nextCursor } = await pageById(
      this.bills,
      { receiptStatus: query.status ?? Not(IsNull()) },
      { cursor: query.cursor, limit: query.limit },
    );
    const names = await this.units.namesOf(page.map((bill) => bill.unitId));
    return {
      items: page.flatMap((bill) => {
        const receipt = receiptOf(bill);
        return receipt
          ? [
              {
                billId: bill.id,
                unitName: names.get(bill.unitId) ?? '',
                year: bill.year,
                amountFen: bill.amountFen,
                paidFen: bill.paidFen,
                receipt,
              },
            ]
          : [];
      }),
      nextCursor,
    };
  }

  /**
   * The issued PDF, which the staff member uploaded with `POST /api/files`, becomes the bill's. The
   * same file and number again is a success that records nothing; another once issued is refused.
   */
  @RetryOnConflict()
  @Transactional()
  async issue(
    ctx: SignedInContext,
    billId: number,
    input: { fileId: number; number: string },
  ): Promise<BillReceipt> {
    authorize(this.policy, ctx, 'issue', { isContact: false });
    await lockRows(this.bills, [billId]);
    const bill = await this.bills.findOneBy({ id: billId });
    if (!bill) throw new AppError(DuesErrorMessages.BillNotFound);
    if (bill.receiptStatus === 'issued') {
      if (bill.receiptFileId === input.fileId && bill.receiptNumber === input.number)
        return this.receipt(bill.id);
      throw new AppError(DuesError.ReceiptAlreadyIssued);
    }
    if (bill.receiptStatus !== 'requested') throw new AppError(DuesError.ReceiptNotRequested);
    const file = await this.files.record(input.fileId);
    if (file && file.contentType !== 'application/pdf') throw new AppError(DuesError.ReceiptNotPdf);
    if (!file || !(await this.files.claim(ctx, input.fileId, { type: FILE_OWNER, id: bill.id }))) {
      throw new AppError(DuesError.ReceiptFileUnusable);
    }
    const at = now();
    await this.bills.update(bill.id, {
      receiptStatus: 'issued',
      receiptNumber: input.number,
      receiptFileId: input.fileId,
      receiptIssuedAt: at,
      updatedAt: at,
    });
    await this.audit.record(ctx, {
      action: 'dues.receipt_issued',
      target: { type: 'bill', id: bill.id },
      detail: `${bill.year} 年会费票据，号码：${input.number}`,
    });
    const unitName = (await this.units.namesOf([bill.unitId])).get(bill.unitId) ?? '';
    for (const userId of await this.units.contactUserIds(bill.unitId)) {
      await this.notifications.notify(userId, {
        purpose: 'dues_receipt_issued',
        title: '会费票据已开具',
        body: `${unitName} ${bill.year} 年度会费票据已开具（号码 ${input.number}），可在会费页面下载。`,
        page: `${DUES_PAGE}?unitId=${bill.unitId}`,
        fields: { unitName, number: input.number, at },
      });
    }
    return this.receipt(bill.id);
  }

  /** The issued PDF with the name it downloads under; 404 before it is issued. */
  async download(
    ctx: RequestContext,
    billId: number,
  ): Promise<{ name: string; size: number; bytes: Readable }> {
    const { bill } = await this.billFor(ctx, billId);
    if (bill.receiptStatus !== 'issued' || bill.receiptFileId === null) {
      throw new AppError(DuesError.ReceiptNotIssued);
    }
    const file = await this.files.readable(ctx, await this.files.record(bill.receiptFileId));
    const unitName = (await this.units.namesOf([bill.unitId])).get(bill.unitId) ?? '';
    return {
      name: `${unitName}${bill.year}年度会费票据.pdf`,
      size: file.size,
      bytes: await this.files.bytesOf(file),
    };
  }

  private async receipt(billId: number): Promise<BillReceipt> {
    const receipt = receiptOf(await this.bills.findOneByOrFail({ id: billId }));
    if (!receipt) throw new Error(`bill ${billId} has no receipt after writing one`);
    return receipt;
  }
}
