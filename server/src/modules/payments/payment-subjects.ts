import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../common/request-context';

/** What a payment pays for: a feature's kind of record and its id (a dues bill, an event registration). */
export interface PaymentSubject {
  type: PaymentSubjectType;
  id: number;
}
export type PaymentSubjectType = 'dues_bill' | 'event_registration';

/** What changed in a subject's money, as its feature hears of it. */
export interface MoneyChange {
  paymentId: number;
  kind: 'paid' | 'refunded';
  amountFen: number;
  /** Who confirmed it: staff recording a transfer, the payer syncing, or nobody (WeChat Pay's notification). */
  actor: RequestContext;
}

/**
 * The feature that bills a subject follows its money. `settled` runs inside the transaction that
 * confirmed the change (a payment arrived, a refund succeeded), after the payment rows are written,
 * so the subject's state and the money commit together or not at all.
 */
export interface PaymentSubjectHandler {
  settled(subjectId: number, change: MoneyChange): Promise<void>;
  /** Many changes at once (a bank statement's payments), in few statements; else `settled` runs for each. */
  settledMany?(changes: readonly { subjectId: number; change: MoneyChange }[]): Promise<void>;
}

/**
 * Features that bill register their subject type at start (dues: `dues_bill`), as features name
 * audit targets: payments build on nothing of theirs.
 */
@Injectable()
export class PaymentSubjects {
  private readonly handlers = new Map<PaymentSubjectType, PaymentSubjectHandler>();

  register(type: PaymentSubjectType, handler: PaymentSubjectHandler): void {
    if (this.handlers.has(type)) throw new Error(`Payment subject ${type} registered twice`);
    this.handlers.set(type, handler);
  }

  handlerOf(type: PaymentSubjectType): PaymentSubjectHandler {
    const handler = this.handlers.get(type);
    if (!handler) throw new Error(`No handler for payment subject ${type}`);
    return handler;
  }
}
