import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  BILL_OPEN_STATUSES,
  DuesError,
  DuesErrorMessages,
  STATEMENT_REASONS,
  type StatementConfirmResponse,
  type StatementPreview,
  formatFen,
} from '@itss/shared';
import { In, IsNull, Not, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { BankStatementEntity, BankStatementLineEntity } from './bank-statement.entity';
import { BillPaymentsService } from './bill-payments.service';
import { BillEntity } from './bill.entity';
import { StatementsPolicy } from './statements.policy';
import { StatementsService, chunks, isAssignable } from './statements.service';

/** A payer name the payment keeps when the bank's line gave none. */
const PAYER_UNKNOWN = '（流水未注明）';

/**
 * Statements into money: a confirmation credits every matched line in one transaction, a line
 * assigned by hand credits its bill. A bank reference is credited once ever (the payments feature
 * refuses it a second time), so a line credited by hand or by another statement meanwhile is
 * skipped and counted, never credited again.
 */
@Injectable()
export class StatementPostingService {
  constructor(
    @InjectRepository(BankStatementEntity) private readonly statements: Repository<BankStatementEntity>,
    @InjectRepository(BankStatementLineEntity) private readonly lines: Repository<BankStatementLineEntity>,
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly billPayments: BillPaymentsService,
    private readonly statementsService: StatementsService,
    private readonly audit: AuditService,
    private readonly policy: StatementsPolicy,
  ) {}

  /**
   * All matched lines or none. The statement row is locked first, so of two confirmations at once
   * one credits and the other finds it confirmed (409). References credited since the preview are
   * found in one batch and skipped; a bill waived or voided since is skipped with its reason.
   */
  @RetryOnConflict()
  @Transactional()
  async confirm(ctx: SignedInContext, id: number): Promise<StatementConfirmResponse> {
    authorize(this.policy, ctx, 'manageStatements', undefined);
    await lockRows(this.statements, [id]);
    const statement = await this.statements.findOneBy({ id });
    if (!statement) throw new AppError(DuesErrorMessages.StatementNotFound);
    if (statement.status === 'confirmed') throw new AppError(DuesError.StatementConfirmed);
    const lines = await this.lines.find({
      where: { statementId: id, reason: IsNull(), billId: Not(IsNull()), creditedPaymentId: IsNull() },
      order: { line: 'ASC' },
    });
    const used = await this.statementsService.usedReferences(lines.map((line) => line.bankReference));
    const open = await this.creditableBills(
      lines.flatMap((line) => (line.billId === null ? [] : [line.billId])),
    );
    const skipped = {
      [STATEMENT_REASONS.referenceCredited]: [] as number[],
      [STATEMENT_REASONS.billClosed]: [] as number[],
    };
    let credited = 0;
    let creditedFen = 0;
    for (const line of lines) {
      if (used.has(line.bankReference)) {
        skipped[STATEMENT_REASONS.referenceCredited].push(line.id);
        continue;
      }
      if (line.billId === null || !open.has(line.billId)) {
        skipped[STATEMENT_REASONS.billClosed].push(line.id);
        continue;
      }
      const paymentId = await this.credit(ctx, line, line.billId);
      await this.lines.update({ id: line.id }, { creditedPaymentId: paymentId });
      credited += 1;
      creditedFen += line.amountFen ?? 0;
    }
    for (const [reason, ids] of Object.entries(skipped)) {
      for (const part of chunks(ids)) await this.lines.update({ id: In(part) }, { reason });
    }
    const alreadyCredited = skipped[STATEMENT_REASONS.referenceCredited].length;
    await this.statements.update(
      { id },
      { status: 'confirmed', confirmedBy: ctx.user.id, confirmedAt: now() },
    );
    await this.audit.record(ctx, {
      action: 'dues.statement_confirmed',
      target: { type: 'bank_statement', id },
      detail: `${statement.fileName}：入账 ${credited} 笔，合计 ${formatFen(creditedFen)}；已入账跳过 ${alreadyCredited} 笔`,
    });
    return { credited, alreadyCredited };
  }

  /**
   * Credits an unmatched line to the bill staff chose, once: the line's row is locked, so of two
   * assignments at once one credits and the other is refused (409).
   */
  @RetryOnConflict()
  @Transactional()
  async assign(ctx: SignedInContext, id: number, lineNo: number, billId: number): Promise<StatementPreview> {
    authorize(this.policy, ctx, 'manageStatements', undefined);
    const found = await this.lines.findOneBy({ statementId: id, line: lineNo });
    if (!found) {
      if (!(await this.statements.existsBy({ id }))) throw new AppError(DuesErrorMessages.StatementNotFound);
      throw new AppError(DuesErrorMessages.StatementLineNotFound);
    }
    await lockRows(this.lines, [found.id]);
    const line = await this.lines.findOneByOrFail({ id: found.id });
    if (!isAssignable(line)) throw new AppError(DuesError.StatementLineNotAssignable);
    const paymentId = await this.credit(ctx, line, billId);
    await this.lines.update({ id: line.id }, { assignedBillId: billId, creditedPaymentId: paymentId });
    await this.audit.record(ctx, {
      action: 'dues.statement_line_assigned',
      target: { type: 'bank_statement', id },
      detail: `第 ${line.line} 行（流水号 ${line.bankReference}，${formatFen(line.amountFen ?? 0)}）计入账单 #${billId}`,
    });
    return this.statementsService.present(ctx, id);
  }

  /** The bills among these that still take money: open, or paid (the surplus is kept as credit). */
  private async creditableBills(ids: number[]): Promise<Set<number>> {
    const open = new Set<number>();
    for (const part of chunks([...new Set(ids)])) {
      const rows = await this.bills.find({ select: { id: true, status: true }, where: { id: In(part) } });
      for (const bill of rows) {
        if (BILL_OPEN_STATUSES.includes(bill.status) || bill.status === 'paid') open.add(bill.id);
      }
    }
    return open;
  }

  private async credit(ctx: SignedInContext, line: BankStatementLineEntity, billId: number): Promise<number> {
    const { paymentId } = await this.billPayments.recordBankTransfer(ctx, billId, {
      amountFen: line.amountFen ?? 0,
      paidOn: line.paidOn ?? '',
      bankReference: line.bankReference,
      payerName: line.payer || PAYER_UNKNOWN,
    });
    return paymentId;
  }
}
