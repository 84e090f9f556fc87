import { statementConfirmResponseSchema } from '@itss/shared';
import { DataSource, In } from 'typeorm';
import { BankStatementEntity } from '../../src/modules/dues/bank-statement.entity';
import { PaymentEntity } from '../../src/modules/payments/payment.entity';
import type { AuthEnv } from '../support/auth-env';
import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { person } from '../support/joining';
import { type Line, billFor, billsOf, lineFor, reference, statementXlsx, uploaded } from './statements';
import { multipart } from '../support/seed';

const ds = (env: AuthEnv) => env.server.app.get(DataSource);

/** Payments recorded under these bank references: each must be credited once at most. */
async function paymentsOf(env: AuthEnv, references: string[]): Promise<number> {
  return ds(env)
    .getRepository(PaymentEntity)
    .countBy({ bankReference: In(references) });
}

async function threeBills(env: AuthEnv, round: number) {
  return Promise.all([1, 2, 3].map((n) => billFor(env, `并发测试${round}-${n}信息技术有限公司`)));
}

const confirm = (token: string, id: number): Call => ({
  method: 'POST',
  path: `/api/dues/statements/${id}/confirm`,
  token,
});

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/dues/statements',
    title: 'six uploads of one statement at once: six previews of the same lines, nothing credited',
    async run(env) {
      const staff = await person(env, 'o_statements_uploader', ['staff']);
      const bills = await threeBills(env, 0);
      const lines: Line[] = bills.map((bill) => lineFor(bill));
      const form = multipart({ bytes: await statementXlsx(lines), name: '银行流水.xlsx' });
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: '/api/dues/statements', token: staff.token, raw: form }),
      );
      expect(tally(answers)).toEqual({ '200': 6 });
      expect(await ds(env).getRepository(BankStatementEntity).count()).toBe(6);
      expect(
        await paymentsOf(
          env,
          lines.map((line) => line[4]),
        ),
      ).toBe(0);
      expect(await auditRows(env, 'dues.statement_uploaded')).toHaveLength(6);
    },
  },
  {
    route: 'POST /api/dues/statements/:id/confirm',
    title:
      'six confirmations of one statement at once: one credits, five 409; two uploads of one statement confirmed at once: each reference credited once',
    async run(env) {
      const staff = await person(env, 'o_statements_confirmer', ['staff']);
      for (let round = 1; round <= 2; round++) {
        const bills = await threeBills(env, round);
        const lines: Line[] = bills.map((bill) => lineFor(bill));
        const references = lines.map((line) => line[4]);
        const bytes = await statementXlsx(lines);
        const statement = await uploaded(env, staff.token, bytes);
        const answers = await atOnce(env, times(6, confirm(staff.token, statement.id)));
        expect(tally(answers)).toEqual({ '200': 1, '409 DUES_STATEMENT_CONFIRMED': 5 });
        expect(await paymentsOf(env, references)).toBe(3);

        const more = await threeBills(env, round + 10);
        const twice: Line[] = more.map((bill) => lineFor(bill));
        const again = await statementXlsx(twice);
        const [first, second] = [
          await uploaded(env, staff.token, again),
          await uploaded(env, staff.token, again),
        ];
        const both = await atOnce(env, [
          confirm(staff.token, first?.id ?? 0),
          confirm(staff.token, second?.id ?? 0),
        ]);
        expect(tally(both)).toEqual({ '200': 2 });
        const results = both.map((answer) => statementConfirmResponseSchema.parse(answer.body));
        expect(results.map((result) => result.credited).sort()).toEqual([0, 3]);
        expect(results.map((result) => result.alreadyCredited).sort()).toEqual([0, 3]);
        expect(
          await paymentsOf(
            env,
            twice.map((line) => line[4]),
          ),
        ).toBe(3);
        for (const bill of more) {
          expect((await billsOf(env, bill.unitId))[0]).toMatchObject({
            status: 'paid',
            paidFen: bill.amountFen,
          });
        }
      }
      expect(await auditRows(env, 'dues.statement_confirmed')).toHaveLength(6);
    },
  },
  {
    route: 'POST /api/dues/statements/:id/lines/:line/assign',
    title: 'six assignments of one line at once, to two bills: one credits, five 409, one payment',
    async run(env) {
      const staff = await person(env, 'o_statements_assigner', ['staff']);
      const [one, other] = await threeBills(env, 20);
      if (!one || !other) throw new Error('no bills');
      for (let round = 1; round <= 3; round++) {
        const ref = reference();
        const statement = await uploaded(
          env,
          staff.token,
          await statementXlsx([['2026-05-01', '100.00', '某公司', '会费', ref]]),
        );
        const call = (billId: number): Call => ({
          method: 'POST',
          path: `/api/dues/statements/${statement.id}/lines/2/assign`,
          token: staff.token,
          body: { billId },
        });
        const answers = await atOnce(env, [...times(3, call(one.id)), ...times(3, call(other.id))]);
        expect(tally(answers)).toEqual({ '200': 1, '409 DUES_STATEMENT_LINE_NOT_ASSIGNABLE': 5 });
        expect(await paymentsOf(env, [ref])).toBe(1);
        expect(await auditRows(env, 'dues.statement_line_assigned')).toHaveLength(round);
      }
    },
  },
];
