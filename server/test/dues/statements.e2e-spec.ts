import {
  STATEMENT_COLUMNS,
  STATEMENT_MAX_LINES,
  STATEMENT_REASONS,
  type Bill,
  errorBodySchema,
  statementConfirmResponseSchema,
  statementPreviewSchema,
} from '@itss/shared';
import { Workbook } from 'exceljs';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { PNG, person } from '../support/joining';
import {
  assignLine,
  billFor,
  billsOf,
  confirmStatement,
  csvText,
  gbk,
  lineFor,
  reference,
  statementRows,
  statementXlsx,
  uploadStatement,
  uploaded,
} from './statements';

describe('bank statements', () => {
  let env: AuthEnv;
  let staff: string;
  const bills: Bill[] = [];

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = (await person(env, 'o_statements_staff', ['staff'])).token;
    for (const name of [
      '北京甲信息技术有限公司',
      '上海乙数据服务有限公司',
      '广州丙运维科技有限公司',
      '深圳丁软件有限公司',
      '杭州戊云计算有限公司',
    ]) {
      bills.push(await billFor(env, name));
    }
  }, 120_000);
  afterAll(() => env.close());

  const bill = (at: number): Bill => {
    const found = bills[at];
    if (!found) throw new Error(`no bill ${at}`);
    return found;
  };

  it('serves the template: the five columns and one example line', async () => {
    const response = await fetch(`${env.server.baseUrl}/api/dues/statements/template`, {
      headers: bearer(staff),
    });
    expect(response.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, ...STATEMENT_COLUMNS]);
    expect(sheet?.actualRowCount).toBe(2);
  });

  it('matches three lines to three bills and leaves one unmatched; confirmed, the bills are paid; the same statement again credits nothing', async () => {
    const lines = [
      lineFor(bill(0)),
      lineFor(bill(1)),
      lineFor(bill(2)),
      ['2026-01-16', '500.00', '某某公司', '转账', reference()],
    ];
    const bytes = await statementXlsx(lines);
    const preview = await uploaded(env, staff, bytes);
    expect(preview.status).toBe('preview');
    expect(
      preview.matched.map((line) => [
        line.line,
        line.billId,
        line.remittanceCode,
        line.amountFen,
        line.warning,
      ]),
    ).toEqual([
      [2, bill(0).id, bill(0).remittanceCode, bill(0).amountFen, null],
      [3, bill(1).id, bill(1).remittanceCode, bill(1).amountFen, null],
      [4, bill(2).id, bill(2).remittanceCode, bill(2).amountFen, null],
    ]);
    expect(preview.unmatched).toEqual([
      expect.objectContaining({
        line: 5,
        reason: STATEMENT_REASONS.noCode,
        amountFen: 50_000,
        assignable: true,
      }),
    ]);
    const reopened = await env.server.get(`/api/dues/statements/${preview.id}`, { headers: bearer(staff) });
    expect(statementPreviewSchema.parse(reopened.body)).toEqual(preview);

    const confirmed = await confirmStatement(env, staff, preview.id);
    expect(confirmed.status).toBe(200);
    expect(statementConfirmResponseSchema.parse(confirmed.body)).toEqual({ credited: 3, alreadyCredited: 0 });
    for (const at of [0, 1, 2]) {
      const [after] = await billsOf(env, bill(at).unitId);
      expect(after).toMatchObject({ status: 'paid', paidFen: bill(at).amountFen });
    }
    const again = await confirmStatement(env, staff, preview.id);
    expect(again.status).toBe(409);
    expect(errorBodySchema.parse(again.body).code).toBe('DUES_STATEMENT_CONFIRMED');

    const second = await uploaded(env, staff, bytes);
    expect(second.matched).toEqual([]);
    expect(second.unmatched.slice(0, 3).map((line) => line.reason)).toEqual(
      Array(3).fill(STATEMENT_REASONS.referenceCredited),
    );
    expect(
      statementConfirmResponseSchema.parse((await confirmStatement(env, staff, second.id)).body),
    ).toEqual({
      credited: 0,
      alreadyCredited: 0,
    });
    for (const at of [0, 1, 2])
      expect((await billsOf(env, bill(at).unitId))[0]?.paidFen).toBe(bill(at).amountFen);
    expect(await auditRows(env, 'dues.statement_confirmed')).toHaveLength(2);
  });

  it('credits nothing twice: a statement uploaded twice before either is confirmed, and a reference recorded by hand first', async () => {
    const twice = lineFor(bill(3));
    const bytes = await statementXlsx([twice]);
    const first = await uploaded(env, staff, bytes);
    const second = await uploaded(env, staff, bytes);
    expect(second.matched).toHaveLength(1);
    expect(statementConfirmResponseSchema.parse((await confirmStatement(env, staff, first.id)).body)).toEqual(
      { credited: 1, alreadyCredited: 0 },
    );
    expect(
      statementConfirmResponseSchema.parse((await confirmStatement(env, staff, second.id)).body),
    ).toEqual({ credited: 0, alreadyCredited: 1 });
    expect((await billsOf(env, bill(3).unitId))[0]?.paidFen).toBe(bill(3).amountFen);

    const byHand = lineFor(bill(4));
    const recorded = await postJson(
      env,
      `/api/dues/bills/${bill(4).id}/payments`,
      { amountFen: 100_000, paidOn: '2026-01-15', bankReference: byHand[4], payerName: bill(4).unitName },
      bearer(staff),
    );
    expect(recorded.status).toBe(201);
    const imported = await uploaded(env, staff, await statementXlsx([byHand]));
    expect(imported.unmatched).toEqual([
      expect.objectContaining({ reason: STATEMENT_REASONS.referenceCredited, assignable: false }),
    ]);
    expect(
      statementConfirmResponseSchema.parse((await confirmStatement(env, staff, imported.id)).body),
    ).toEqual({ credited: 0, alreadyCredited: 0 });
    expect((await billsOf(env, bill(4).unitId))[0]).toMatchObject({
      status: 'partially_paid',
      paidFen: 100_000,
    });
  });

  it('reads a GBK CSV as a bank exports it: a preamble, its own headers, other columns, debits and bad cells', async () => {
    const target = bill(4);
    const rows = [
      ['账号：1100 2233 4455', '', '', '', '', '', ''],
      ['记账日期', '借方金额', '贷方金额', '对方账户名称', '摘要', '交易流水号', '余额'],
      [
        '2026/2/3',
        '',
        '2,000.00',
        target.unitName,
        `会费${target.remittanceCode.toLowerCase()}`,
        reference(),
        '9000.00',
      ],
      ['2026/2/3', '120.00', '', '某供应商', '办公用品', reference(), '8880.00'],
      ['2026/2/30', '', '100.00', '某公司', '会费', reference(), '8980.00'],
      ['2026/2/4', '', '一百元', '某公司', '会费', reference(), '8980.00'],
    ];
    const preview = await uploaded(env, staff, gbk(csvText(rows)), '工行流水.csv');
    expect(preview.matched).toEqual([
      expect.objectContaining({
        line: 3,
        billId: target.id,
        amountFen: 200_000,
        payerName: target.unitName,
        // 1,000 of its 10,000 were recorded by hand before.
        warning: '金额与应缴的 9,000.00 元不符',
      }),
    ]);
    expect(preview.unmatched.map((line) => [line.line, line.reason])).toEqual([
      [4, STATEMENT_REASONS.notCredit],
      [5, STATEMENT_REASONS.badDate],
      [6, STATEMENT_REASONS.badAmount],
    ]);
  });

  it('reads a UTF-8 CSV with a BOM; warns of a payer or amount unlike the bill; a repeated reference is not a second line', async () => {
    const target = bill(4);
    const ref = reference();
    const text = csvText([
      [...STATEMENT_COLUMNS],
      ['2026-03-01', '50.00', '另一家公司', `${target.remittanceCode}`, ref],
      ['2026-03-01', '50.00', '另一家公司', `${target.remittanceCode}`, ref],
    ]);
    const preview = await uploaded(
      env,
      staff,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
      'a.csv',
    );
    expect(preview.matched).toHaveLength(1);
    expect(preview.matched[0]?.warning).toMatch(/付款户名与单位名称.*不同；金额与应缴/);
    expect(preview.unmatched).toEqual([
      expect.objectContaining({ line: 3, reason: `${STATEMENT_REASONS.repeatedReference}（第 2 行）` }),
    ]);
  });

  it('refuses what is not a statement, a header without the columns and too many lines, writing nothing', async () => {
    const before = await statementRows(env);
    const audits = (await auditRows(env, 'dues.statement_uploaded')).length;
    const refusals: [Buffer, string, number, string, RegExp?][] = [
      [PNG, 'statement.csv', 415, 'DUES_STATEMENT_NOT_SPREADSHEET'],
      [
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]),
        'old.xls',
        415,
        'DUES_STATEMENT_NOT_SPREADSHEET',
      ],
      [Buffer.from('PK\u0003\u0004 not really a zip'), 'broken.xlsx', 415, 'DUES_STATEMENT_NOT_SPREADSHEET'],
      [
        await statementXlsx([lineFor(bill(0))], ['日期', '金额', '户名', '附言', '编号']),
        'h.xlsx',
        400,
        'DUES_STATEMENT_BAD_HEADER',
        /缺少列：对方户名、流水号/,
      ],
      [
        Buffer.from(
          csvText([
            ['a', 'b'],
            ['1', '2'],
          ]),
        ),
        'h.csv',
        400,
        'DUES_STATEMENT_BAD_HEADER',
        /缺少列：交易日期、金额（元）、对方户名、附言、流水号/,
      ],
      [
        Buffer.from(
          csvText([
            [...STATEMENT_COLUMNS],
            ...Array.from({ length: STATEMENT_MAX_LINES + 1 }, () => lineFor(bill(0))),
          ]),
        ),
        'big.csv',
        413,
        'DUES_STATEMENT_TOO_LARGE',
      ],
      [
        await statementXlsx(Array.from({ length: STATEMENT_MAX_LINES + 1 }, () => lineFor(bill(0)))),
        'big.xlsx',
        413,
        'DUES_STATEMENT_TOO_LARGE',
      ],
    ];
    for (const [bytes, name, status, code, message] of refusals) {
      const res = await uploadStatement(env, staff, bytes, name);
      expect([name, res.status]).toEqual([name, status]);
      const error = errorBodySchema.parse(res.body);
      expect(error.code).toBe(code);
      if (message) expect(error.message).toMatch(message);
    }
    expect(await statementRows(env)).toEqual(before);
    expect(await auditRows(env, 'dues.statement_uploaded')).toHaveLength(audits);
  });

  it('assigns an unmatched credit by hand, once; a debit or a credited line cannot be', async () => {
    const target = bill(4);
    const preview = await uploaded(
      env,
      staff,
      await statementXlsx([
        ['2026-04-01', '300.00', target.unitName, '会费（忘写识别码）', reference()],
        ['2026-04-01', '-20.00', '银行', '手续费', reference()],
      ]),
    );
    expect(preview.unmatched.map((line) => line.assignable)).toEqual([true, false]);
    const assigned = await assignLine(env, staff, preview.id, 2, target.id);
    expect(assigned.status).toBe(200);
    expect(statementPreviewSchema.parse(assigned.body).unmatched[0]).toMatchObject({
      assignedBillId: target.id,
      assignable: false,
    });
    expect((await billsOf(env, target.unitId))[0]?.paidFen).toBe(130_000);
    for (const line of [2, 3]) {
      const again = await assignLine(env, staff, preview.id, line, target.id);
      expect(again.status).toBe(409);
      expect(errorBodySchema.parse(again.body).code).toBe('DUES_STATEMENT_LINE_NOT_ASSIGNABLE');
    }
    expect((await assignLine(env, staff, preview.id, 9, target.id)).status).toBe(404);
    expect((await assignLine(env, staff, 999_999, 2, target.id)).status).toBe(404);
    expect(await auditRows(env, 'dues.statement_line_assigned')).toHaveLength(1);
  });
});
