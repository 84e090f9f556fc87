import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { DuesErrorMessages, STATEMENT_REASONS, type StatementPreview, formatFen } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import type { Upload } from '../files/upload-reader';
import { PaymentsService } from '../payments/payments.service';
import { UnitsService } from '../units/units.service';
import { BankStatementEntity, BankStatementLineEntity } from './bank-statement.entity';
import { BillEntity } from './bill.entity';
import { type MatchedLine, codesOf, isBankReference, matchLines, referencesOf } from './statements.matching';
import { StatementsPolicy } from './statements.policy';
import { readStatement } from './statements.sheet';

/** Rows per query: well under SQLite's and MariaDB's limits on bound parameters. */
export const CHUNK = 500;

export function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Whether staff may still credit a line to a bill of their choosing. */
export function isAssignable(line: BankStatementLineEntity): boolean {
  return (
    line.reason !== null &&
    line.assignedBillId === null &&
    line.creditedPaymentId === null &&
    line.amountFen !== null &&
    line.amountFen > 0 &&
    line.paidOn !== null &&
    isBankReference(line.bankReference) &&
    line.reason !== STATEMENT_REASONS.referenceCredited &&
    !line.reason.startsWith(STATEMENT_REASONS.repeatedReference)
  );
}

/**
 * Bank statements in: an upload is read, matched line by line against the bills by the remittance
 * codes in the memos (looked up in batches, not per line) and kept as a preview that staff reopen,
 * confirm (statement-posting.service.ts) and complete by hand. Nothing is credited here.
 */
@Injectable()
export class StatementsService implements OnModuleInit {
  constructor(
    @InjectRepository(BankStatementEntity) private readonly statements: Repository<BankStatementEntity>,
    @InjectRepository(BankStatementLineEntity) private readonly lines: Repository<BankStatementLineEntity>,
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly payments: PaymentsService,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly policy: StatementsPolicy,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('bank_statement', async (ids) => {
      const rows = await this.statements.findBy({ id: In(ids) });
      return new Map(rows.map((row) => [row.id, `银行流水 ${row.fileName}`]));
    });
  }

  /** Reads, matches and keeps the statement (its lines and the verdict on each), answering the preview. */
  async upload(ctx: SignedInContext, read: () => Promise<Upload>): Promise<StatementPreview> {
    authorize(this.policy, ctx, 'manageStatements', undefined);
    const upload = await read();
    const lines = await readStatement(upload.bytes);
    const billsByCode = new Map<string, BillEntity>();
    for (const part of chunks(codesOf(lines))) {
      for (const bill of await this.bills.findBy({ remittanceCode: In(part) })) {
        billsByCode.set(bill.remittanceCode, bill);
      }
    }
    const unitNames = await this.units.namesOf([...billsByCode.values()].map((bill) => bill.unitId));
    const usedReferences = await this.usedReferences(referencesOf(lines));
    const matched = matchLines(lines, { billsByCode, unitNames, usedReferences });
    const id = await this.save(ctx, upload.name || '银行流水', matched);
    return this.present(ctx, id);
  }

  /** Which of these references were credited before, asked in batches. */
  async usedReferences(references: readonly string[]): Promise<Set<string>> {
    const used = new Set<string>();
    for (const part of chunks(references)) {
      for (const reference of await this.payments.usedBankReferences(part)) used.add(reference);
    }
    return used;
  }

  @RetryOnConflict()
  @Transactional()
  private async save(ctx: SignedInContext, fileName: string, lines: MatchedLine[]): Promise<number> {
    const { identifiers } = await this.statements.insert({
      uploadedBy: ctx.user.id,
      fileName: fileName.slice(0, 255),
      status: 'preview',
      createdAt: now(),
      confirmedBy: null,
      confirmedAt: null,
    });
    const id = Number(identifiers[0]?.id);
    for (const part of chunks(lines)) {
      await this.lines
        .createQueryBuilder()
        .insert()
        .into(BankStatementLineEntity)
        .values(
          part.map((line) => ({
            statementId: id,
            line: line.line,
            paidOn: line.paidOn,
            amountFen: line.amountFen,
            payer: line.payer.slice(0, 100),
            memo: line.memo.slice(0, 500),
            bankReference: line.bankReference.slice(0, 64),
            remittanceCode: line.remittanceCode,
            billId: line.billId,
            reason: line.reason,
            warning: line.warning?.slice(0, 200) ?? null,
            creditedPaymentId: null,
            assignedBillId: null,
          })),
        )
        .updateEntity(false)
        .execute();
    }
    const matched = lines.filter((line) => line.reason === null);
    await this.audit.record(ctx, {
      action: 'dues.statement_uploaded',
      target: { type: 'bank_statement', id },
      detail: `${fileName}：${lines.length} 行，匹配 ${matched.length} 行，合计 ${formatFen(
        matched.reduce((sum, line) => sum + (line.amountFen ?? 0), 0),
      )}`,
    });
    return id;
  }

  /** A statement as uploaded, with what was credited since. */
  async get(ctx: SignedInContext, id: number): Promise<StatementPreview> {
    authorize(this.policy, ctx, 'manageStatements', undefined);
    return this.present(ctx, id);
  }

  /** The preview of a statement: matched lines with their bills, the others with their reasons. */
  async present(_ctx: SignedInContext, id: number): Promise<StatementPreview> {
    const statement = await this.statements.findOneBy({ id });
    if (!statement) throw new AppError(DuesErrorMessages.StatementNotFound);
    const lines = await this.lines.find({ where: { statementId: id }, order: { line: 'ASC' } });
    const billIds = [
      ...new Set(lines.flatMap((line) => [line.billId, line.assignedBillId]).filter((v) => v !== null)),
    ];
    const bills = new Map<number, BillEntity>();
    for (const part of chunks(billIds)) {
      for (const bill of await this.bills.findBy({ id: In(part) })) bills.set(bill.id, bill);
    }
    const names = await this.units.namesOf([...bills.values()].map((bill) => bill.unitId));
    const preview: StatementPreview = {
      id: statement.id,
      status: statement.status,
      fileName: statement.fileName,
      createdAt: statement.createdAt.toISOString(),
      confirmedAt: statement.confirmedAt?.toISOString() ?? null,
      matched: [],
      unmatched: [],
    };
    for (const line of lines) {
      const bill = line.billId === null ? undefined : bills.get(line.billId);
      if (line.reason === null && bill && line.amountFen !== null && line.paidOn !== null) {
        preview.matched.push({
          line: line.line,
          billId: bill.id,
          unitName: names.get(bill.unitId) ?? '',
          year: bill.year,
          amountFen: line.amountFen,
          remittanceCode: bill.remittanceCode,
          paidOn: line.paidOn,
          payerName: line.payer,
          bankReference: line.bankReference,
          warning: line.warning,
          paymentId: line.creditedPaymentId,
        });
      } else {
        preview.unmatched.push({
          line: line.line,
          reason: line.reason ?? STATEMENT_REASONS.unknownCode,
          paidOn: line.paidOn,
          amountFen: line.amountFen,
          payerName: line.payer,
          memo: line.memo,
          bankReference: line.bankReference,
          assignedBillId: line.assignedBillId,
          assignable: isAssignable(line),
        });
      }
    }
    return preview;
  }
}
