import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { PaymentError, type RecordPaymentRequest, formatFen } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { RequestContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { type PaymentSubject, PaymentSubjects } from './payment-subjects';
import { PaymentEntity } from './payment.entity';
import { PaymentsPolicy } from './payments.policy';
import { PaymentsService } from './payments.service';

/** Payments per statement: well under SQLite's and MariaDB's limits on bound parameters. */
const REFERENCE_BATCH = 500;

/**
 * Bank transfers recorded many at a time (a confirmed bank statement of thousands of lines), in as
 * few statements as the databases allow: one transfer at a time costs some ten round trips each.
 */
@Injectable()
export class BankTransferBatch {
  constructor(
    @InjectRepository(PaymentEntity) private readonly payments: Repository<PaymentEntity>,
    private readonly service: PaymentsService,
    private readonly subjects: PaymentSubjects,
    private readonly audit: AuditService,
    private readonly policy: PaymentsPolicy,
  ) {}

  /**
   * Many bank transfers at once (a confirmed bank statement), as `recordBankTransfer` records one:
   * in the caller's transaction, inserted and audited in batches, then settled by the subject's
   * handler in one call. References credited before are refused as a whole
   * (`PaymentError.BankReferenceUsed`): the caller leaves them out first. Answers the payment id of
   * each reference.
   */
  @RetryOnConflict()
  @Transactional()
  async record(
    actor: RequestContext,
    type: PaymentSubject['type'],
    items: readonly { subjectId: number; input: RecordPaymentRequest }[],
  ): Promise<Map<string, number>> {
    authorize(this.policy, actor, 'record', undefined);
    const ids = new Map<string, number>();
    if (items.length === 0) return ids;
    const references = items.map((item) => item.input.bankReference);
    if ((await this.service.usedBankReferences(references)).size > 0)
      throw new AppError(PaymentError.BankReferenceUsed);
    const at = now();
    for (let i = 0; i < items.length; i += REFERENCE_BATCH) {
      const batch = items.slice(i, i + REFERENCE_BATCH);
      await this.payments.insert(
        batch.map(({ subjectId, input }) => ({
          subjectType: type,
          subjectId,
          method: 'bank_transfer' as const,
          status: 'succeeded' as const,
          amountFen: input.amountFen,
          outTradeNo: null,
          transactionId: null,
          bankReference: input.bankReference,
          openKey: null,
          payerUserId: null,
          payerOpenid: null,
          payerName: input.payerName,
          paidOn: input.paidOn,
          expiresAt: null,
          prepayId: null,
          recordedBy: actor.user?.id ?? null,
          createdAt: at,
          updatedAt: at,
        })),
      );
      const rows = await this.payments.find({
        select: { id: true, bankReference: true },
        where: { bankReference: In(batch.map((item) => item.input.bankReference)) },
      });
      for (const row of rows) if (row.bankReference) ids.set(row.bankReference, row.id);
    }
    await this.audit.recordMany(
      actor,
      items.map(({ input }) => ({
        action: 'payment.recorded',
        target: { type: 'payment', id: ids.get(input.bankReference) ?? 0 },
        detail: `对公转账 ${formatFen(input.amountFen)}，${input.payerName}，流水号 ${input.bankReference}，${input.paidOn}`,
      })),
    );
    const changes = items.map(({ subjectId, input }) => ({
      subjectId,
      change: {
        paymentId: ids.get(input.bankReference) ?? 0,
        kind: 'paid' as const,
        amountFen: input.amountFen,
        actor,
      },
    }));
    const handler = this.subjects.handlerOf(type);
    if (handler.settledMany) await handler.settledMany(changes);
    else for (const { subjectId, change } of changes) await handler.settled(subjectId, change);
    return ids;
  }
}
