import {
  type BillPage,
  billDetailSchema,
  billListResponseSchema,
  billPageSchema,
  billSchema,
  duesSummarySchema,
} from '@itss/shared';
import { type CellValue, Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { type AuthEnv, seedOf, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import { person } from '../support/joining';
import { download } from '../units/sheets';
import { codeOf, send, thisYear, unitWithBill } from './dues-support';

describe('dues: reading, waiving and voiding bills', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  const bills = () => env.server.app.get(DataSource).getRepository(BillEntity);
  const get = (token: string | null, path: string) => send(env, token, 'GET', path);
  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_dues_bills_staff', ['staff']);
  });
  afterAll(() => env.close());

  it('shows a unit’s bills to its contacts and staff; a contact of another unit gets 404', async () => {
    const owner = await person(env, 'o_dues_owner');
    const other = await person(env, 'o_dues_other_owner');
    const { unit } = await seedOf(env).memberUnit(owner.token, staff.token);
    const { unit: otherUnit } = await seedOf(env).memberUnit(other.token, staff.token);
    const mine = billListResponseSchema.parse((await get(owner.token, `/api/units/${unit.id}/bills`)).body);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ unitName: unit.name, status: 'unpaid', overdue: false });
    expect((await get(staff.token, `/api/units/${unit.id}/bills`)).status).toBe(200);
    expect(codeOf(await get(other.token, `/api/units/${unit.id}/bills`))).toEqual([404, 'NOT_FOUND']);
    expect((await get(other.token, `/api/units/${otherUnit.id}/bills`)).status).toBe(200);
    expect(codeOf(await get(staff.token, '/api/units/999999/bills'))).toEqual([404, 'NOT_FOUND']);
  });

  it('marks an open bill past its due date overdue (Beijing day), never a closed one', async () => {
    const { unitId, bill } = await unitWithBill(env, staff.token);
    await bills().update({ id: bill.id }, { dueDate: '2020-01-01' });
    const [overdue] = await seedOf(env).billsOfUnit(staff.token, unitId);
    expect(overdue?.overdue).toBe(true);
    await send(env, staff.token, 'POST', `/api/dues/bills/${bill.id}/waive`, { reason: '困难企业减免' });
    const [waived] = await seedOf(env).billsOfUnit(staff.token, unitId);
    expect([waived?.status, waived?.overdue]).toEqual(['waived', false]);
  });

  it('waives and voids by the state machine: the same again records nothing, a closed bill cannot move', async () => {
    const { bill } = await unitWithBill(env, staff.token);
    const waive = (reason: unknown) =>
      send(env, staff.token, 'POST', `/api/dues/bills/${bill.id}/waive`, { reason });
    for (const reason of ['', ' ', '减', 'x'.repeat(201), 12]) {
      expect(codeOf(await waive(reason))).toEqual([400, 'VALIDATION_FAILED']);
    }
    const first = await waive('理事会决议减免');
    expect(first.status).toBe(200);
    expect(billSchema.parse(first.body).status).toBe('waived');
    expect((await waive('再次提交')).status).toBe(200);
    const entries = (await auditRows(env, 'bill.waived')).filter((e) => e.target === `bill:${bill.id}`);
    expect(entries.map((e) => e.detail)).toEqual(['待缴费 → 已减免：理事会决议减免']);
    expect((await bills().findOneByOrFail({ id: bill.id })).reason).toBe('理事会决议减免');
    expect(
      codeOf(await send(env, staff.token, 'POST', `/api/dues/bills/${bill.id}/void`, { reason: '误操作' })),
    ).toEqual([409, 'DUES_BILL_WRONG_STATE']);

    // A paid bill is closed by money, not by staff.
    const { bill: paid } = await unitWithBill(env, staff.token);
    await bills().update({ id: paid.id }, { status: 'paid', paidFen: paid.amountFen });
    expect(
      codeOf(await send(env, staff.token, 'POST', `/api/dues/bills/${paid.id}/void`, { reason: '重复生成' })),
    ).toEqual([409, 'DUES_BILL_WRONG_STATE']);
    expect(
      codeOf(await send(env, staff.token, 'POST', '/api/dues/bills/999999/void', { reason: '重复生成' })),
    ).toEqual([404, 'NOT_FOUND']);
    expect(
      codeOf(await send(env, staff.token, 'POST', '/api/dues/bills/abc/void', { reason: '重复生成' })),
    ).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('shows staff one bill with its payments and its history from the audit log', async () => {
    const { bill } = await unitWithBill(env, staff.token);
    await send(env, staff.token, 'POST', `/api/dues/bills/${bill.id}/void`, { reason: '重复生成' });
    const detail = billDetailSchema.parse((await get(staff.token, `/api/dues/bills/${bill.id}`)).body);
    expect(detail).toMatchObject({ id: bill.id, status: 'void', reason: '重复生成', payments: [] });
    expect(detail.history.map((h) => [h.action, h.actionName, h.detail])).toEqual([
      ['bill.voided', '作废会费账单', '待缴费 → 已作废：重复生成'],
    ]);
    expect(codeOf(await get(staff.token, '/api/dues/bills/999999'))).toEqual([404, 'NOT_FOUND']);
  });

  it('lists bills for staff newest first, by year, state, level, overdue and name or code, a keyset page at a time', async () => {
    const year = thisYear();
    const a = await unitWithBill(env, staff.token, { name: '杭州列表示例甲有限公司', level: 'committee' });
    const b = await unitWithBill(env, staff.token, { name: '杭州列表示例乙有限公司' });
    const list = async (query: string): Promise<BillPage> =>
      billPageSchema.parse((await get(staff.token, `/api/dues/bills?${query}`)).body);
    const ids = (page: BillPage) => page.items.map((item) => item.id);

    expect(ids(await list(`year=${year}&q=${encodeURIComponent('杭州列表示例')}`))).toEqual([
      b.bill.id,
      a.bill.id,
    ]);
    expect(ids(await list(`year=${year}&level=committee&q=${encodeURIComponent('杭州列表示例')}`))).toEqual([
      a.bill.id,
    ]);
    const code = a.bill.remittanceCode;
    expect(
      ids(await list(`q=${encodeURIComponent(`${code.slice(0, 3)}-${code.slice(3).toLowerCase()}`)}`)),
    ).toEqual([a.bill.id]);
    await bills().update({ id: b.bill.id }, { dueDate: '2020-01-01' });
    const overdue = await list(`year=${year}&overdue=true`);
    expect(ids(overdue)).toContain(b.bill.id);
    expect(ids(overdue)).not.toContain(a.bill.id);
    expect(ids(await list(`year=${year}&overdue=false`))).not.toContain(b.bill.id);
    expect(ids(await list(`q=${encodeURIComponent('没有这个单位')}`))).toEqual([]);

    // Every bill of the year, two at a time: each once, newest first.
    const seen: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: BillPage = await list(`year=${year}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
    }
    const all = await bills().find({ where: { year }, order: { id: 'DESC' } });
    expect(seen).toEqual(all.map((bill) => bill.id));

    for (const query of [
      'year=1999',
      'status=paidd',
      'level=boss',
      'overdue=yes',
      'cursor=forged',
      'limit=500',
      'x=1',
    ]) {
      expect(codeOf(await get(staff.token, `/api/dues/bills?${query}`))).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('sums the year per level, void bills left out', async () => {
    const year = thisYear();
    const summary = async () =>
      duesSummarySchema.parse((await get(staff.token, `/api/dues/summary?year=${year}`)).body);
    const before = await summary();
    const { bill } = await unitWithBill(env, staff.token, { level: 'vice_president' });
    const { bill: voided } = await unitWithBill(env, staff.token, { level: 'vice_president' });
    await bills().update({ id: bill.id }, { status: 'partially_paid', paidFen: 100_00 });
    await send(env, staff.token, 'POST', `/api/dues/bills/${voided.id}/void`, { reason: '重复生成' });
    const after = await summary();
    const level = (s: typeof after) => s.byLevel.find((row) => row.level === 'vice_president');
    expect(level(after)?.units).toBe((level(before)?.units ?? 0) + 1);
    expect(level(after)?.amountFen).toBe((level(before)?.amountFen ?? 0) + bill.amountFen);
    expect(level(after)?.paidFen).toBe((level(before)?.paidFen ?? 0) + 100_00);
    expect(after.byLevel.map((row) => row.level)).toEqual([
      'member',
      'committee',
      'vice_president',
      'president',
    ]);
    const thisYears = duesSummarySchema.parse((await get(staff.token, '/api/dues/summary')).body);
    expect(thisYears.year).toBe(year);
    expect(codeOf(await get(staff.token, '/api/dues/summary?year=abc'))).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('exports the filtered bills as .xlsx: Chinese headers, yuan with two decimals', async () => {
    const { bill } = await unitWithBill(env, staff.token, {
      name: '导出示例会费有限公司',
      level: 'committee',
    });
    await bills().update({ id: bill.id }, { status: 'partially_paid', paidFen: 1234_56 });
    const res = await download(
      env,
      staff.token,
      `/api/dues/bills/export.xlsx?q=${encodeURIComponent('导出示例会费')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('会费账单.xlsx'));
    const book = new Workbook();
    await book.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const rows: CellValue[][] = [];
    sheet?.eachRow((row) => rows.push(Array.from({ length: 12 }, (_, i) => row.getCell(i + 1).value)));
    expect(rows[0]).toEqual([
      '单位名称',
      '年度',
      '会员级别',
      '应缴金额（元）',
      '已缴金额（元）',
      '未缴金额（元）',
      '状态',
      '截止日期',
      '是否逾期',
      '汇款识别码',
      '会费票据',
      '票据号码',
    ]);
    expect(rows.slice(1)).toEqual([
      [
        '导出示例会费有限公司',
        thisYear(),
        '委员单位',
        10000,
        1234.56,
        8765.44,
        '部分缴费',
        bill.dueDate,
        '',
        bill.remittanceCode,
        '',
        '',
      ],
    ]);
    expect(sheet?.getRow(2).getCell(5).numFmt).toBe('#,##0.00');
    expect((await auditRows(env, 'dues.bills_exported')).length).toBeGreaterThan(0);
    expect(codeOf(await get(staff.token, '/api/dues/bills/export.xlsx?cursor=abc'))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
  });
});
