import { Injectable, NotImplementedException } from '@nestjs/common';
import type { Payment, RecordPaymentRequest, WechatPayOrder } from '@itss/shared';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import type { PaymentSubject } from './payment-subjects';

/**
 * SKELETON — the payments helper replaces every body. The signatures are what dues (and later
 * features) call; keep them or tell the lead.
 */
@Injectable()
export class PaymentsService {
  /**
   * A bank transfer staff saw arrive (by hand or from a statement): a `succeeded` payment with its
   * bank reference, which is unique for ever. Joins the caller's transaction; calls the subject's
   * handler (`settled`) in it. A reference credited before throws `PaymentError.BankReferenceUsed`.
   */
  recordBankTransfer(
    _actor: RequestContext,
    _subject: PaymentSubject,
    _input: RecordPaymentRequest,
  ): Promise<{ paymentId: number }> {
    throw new NotImplementedException();
  }

  /** Which of these bank references were credited before. */
  usedBankReferences(_references: readonly string[]): Promise<Set<string>> {
    throw new NotImplementedException();
  }

  /**
   * Opens (or answers the caller's still-valid) WeChat Pay order for the subject: at most one open
   * order per subject; another person's request closes the open one and opens theirs. Outside any
   * transaction (it calls WeChat Pay). `description` is what the payer's WeChat shows (≤ 127 bytes).
   */
  startWechatPay(
    _actor: SignedInContext,
    _subject: PaymentSubject,
    _order: { amountFen: number; description: string },
  ): Promise<WechatPayOrder> {
    throw new NotImplementedException();
  }

  /** Whether WeChat Pay is offered (configured, or the local stand-in in development). */
  get wechatPayEnabled(): boolean {
    throw new NotImplementedException();
  }

  /** Confirmed money of a subject: succeeded payments less succeeded refunds, in fen. */
  netPaidFen(_subject: PaymentSubject): Promise<number> {
    throw new NotImplementedException();
  }

  /** Net paid per subject id, for lists and summaries. */
  netPaidBySubject(_type: PaymentSubject['type'], _ids: readonly number[]): Promise<Map<number, number>> {
    throw new NotImplementedException();
  }

  /** A subject's payments (pending ones included) with their refunds, newest first. */
  listFor(_subject: PaymentSubject): Promise<Payment[]> {
    throw new NotImplementedException();
  }

  /** The job's work: settle orders left without a notification by asking WeChat Pay, close expired ones. */
  settleStale(_now: Date): Promise<{ settled: number; closed: number }> {
    throw new NotImplementedException();
  }
}
