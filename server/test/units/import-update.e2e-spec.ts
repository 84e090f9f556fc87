import {
  LEVELS,
  UNIT_EXPORT_EXTRA_COLUMNS,
  errorBodySchema,
  formatFen,
  unitImportPreviewSchema,
  unitImportResultSchema,
} from '@itss/shared';
import { type CellValue, Workbook } from 'exceljs';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { beijingDate } from '../../src/common/time';
import { type AuthEnv, startAuthEnv } from '../support/auth-env';
import { applicationIn, person } from '../support/joining';
import {
  HEADERS,
  confirmImport,
  download,
  recordUnit,
  rowsOf,
  sheetRow,
  uploadSheet,
  workbookOf,
} from './sheets';

const COMMITTEE = LEVELS.find((level) => level.code === 'committee')?.name ?? '';

describe('units: an edited export imports as updates by credit code', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  const ds = () => env.server.app.get(DataSource);
  const units = () => ds().getRepository(UnitEntity);
  const codeOf = (res: { body: unknown }) => errorBodySchema.parse(res.body).code;

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_units_updater', ['staff']);
  });
  afterAll(() => env.close());

  async function preview(bytes: Buffer) {
    const res = await uploadSheet(env, staff.token, bytes);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: res.body });
    return unitImportPreviewSchema.parse(res.body);
  }

  /** The export of the units whose names hold `marker`, as an editable workbook. */
  async function exported(marker: string) {
    const res = await download(env, staff.token, `/api/units/export?q=${encodeURIComponent(marker)}`);
    expect(res.status).toBe(200);
    const book = new Workbook();
    await book.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const column = (header: string) => {
      let found = 0;
      sheet.getRow(1).eachCell((cell, at) => {
        if (cell.value === header) found = at;
      });
      return found;
    };
    const rowOf = (code: string) => {
      let found = 0;
      sheet.eachRow((row, number) => {
        if (row.getCell(column('统一社会信用代码')).value === code) found = number;
      });
      return sheet.getRow(found);
    };
    return { book, sheet, column, rowOf, bytes: async () => Buffer.from(await book.xlsx.writeBuffer()) };
  }

  it('previews which rows create, update or stay and what changes; the confirm writes them in one transaction, audited, adding no duplicate', async () => {
    const marker = '改后再导入';
    const renamed = await recordUnit(env, staff.token, { name: `${marker}甲公司` });
    const promoted = await recordUnit(env, staff.token, { name: `${marker}乙公司` });
    const kept = await recordUnit(env, staff.token, { name: `${marker}丙公司` });
    const sheet = await exported(marker);
    sheet.rowOf(renamed.creditCode).getCell(sheet.column('单位名称')).value = `${marker}甲公司（更名）`;
    sheet.rowOf(promoted.creditCode).getCell(sheet.column('会员级别')).value = COMMITTEE;
    const newRow = sheetRow({ name: `${marker}新公司` });
    sheet.sheet.addRow(newRow);
    const before = await units().count();

    const checked = await preview(await sheet.bytes());
    expect([checked.createCount, checked.updateCount, checked.unchangedCount, checked.errorCount]).toEqual([
      1, 2, 1, 0,
    ]);
    expect(checked.validCount).toBe(3);
    expect(checked.rows.map((row) => [row.creditCode, row.action, row.changes])).toEqual([
      [
        renamed.creditCode,
        'update',
        [{ column: '单位名称', from: `${marker}甲公司`, to: `${marker}甲公司（更名）` }],
      ],
      [promoted.creditCode, 'update', [{ column: '会员级别', from: LEVELS[0]?.name, to: COMMITTEE }]],
      [kept.creditCode, 'unchanged', []],
      [newRow[1], 'create', []],
    ]);
    expect(await units().count()).toBe(before);

    const confirmed = await confirmImport(env, staff.token, checked.importId);
    expect(unitImportResultSchema.parse(confirmed.body)).toEqual({ created: 1, updated: 2 });
    expect(await units().count()).toBe(before + 1);
    expect((await units().findOneByOrFail({ id: renamed.id })).name).toBe(`${marker}甲公司（更名）`);
    expect((await units().findOneByOrFail({ id: promoted.id })).level).toBe('committee');
    const audit = await ds()
      .getRepository(AuditEntity)
      .find({ order: { id: 'ASC' } });
    expect(
      audit
        .filter((row) => row.action === 'unit.updated_by_import')
        .map((row) => [row.actorId, row.target, row.detail]),
    ).toEqual([
      [staff.id, `unit:${renamed.id}`, `单位名称：${marker}甲公司 → ${marker}甲公司（更名）`],
      [staff.id, `unit:${promoted.id}`, `会员级别：${LEVELS[0]?.name} → ${COMMITTEE}`],
    ]);
    expect(audit.filter((row) => row.action === 'unit.imported').map((row) => row.detail)).toContain(
      '新增 1 家、更新 2 家会员单位',
    );
  });

  it('refuses a changed status of a unit on record (it needs a reason, on the unit’s page); a blank status keeps it', async () => {
    const marker = '状态不经导入';
    const unit = await recordUnit(env, staff.token, { name: `${marker}公司` });
    const other = await recordUnit(env, staff.token, { name: `${marker}另一家` });
    const sheet = await exported(marker);
    sheet.rowOf(unit.creditCode).getCell(sheet.column('状态')).value = '暂停';
    sheet.rowOf(other.creditCode).getCell(sheet.column('状态')).value = '';
    const checked = await preview(await sheet.bytes());
    expect(checked.rows.map((row) => [row.action, row.errors])).toEqual([
      [null, ['状态“暂停”与系统中的“正常”不同：状态请在单位详情中变更（需填写原因），或将此格改回']],
      ['unchanged', []],
    ]);
  });

  it('writes nothing when a unit of the preview changed since (409 UNIT_IMPORT_STALE), the new rows included', async () => {
    const marker = '预览后被改';
    const unit = await recordUnit(env, staff.token, { name: `${marker}公司` });
    const sheet = await exported(marker);
    sheet.rowOf(unit.creditCode).getCell(sheet.column('所在城市')).value = '深圳市';
    sheet.sheet.addRow(sheetRow({ name: `${marker}新公司` }));
    const checked = await preview(await sheet.bytes());
    expect([checked.createCount, checked.updateCount]).toEqual([1, 1]);
    await units().update({ id: unit.id }, { name: `${marker}公司（他人已改）` });
    const before = await units().count();
    const res = await confirmImport(env, staff.token, checked.importId);
    expect([res.status, codeOf(res)]).toEqual([409, 'UNIT_IMPORT_STALE']);
    expect(await units().count()).toBe(before);
    expect((await units().findOneByOrFail({ id: unit.id })).city).toBe('广州市');
  });

  it('exports what staff need beside the import’s columns: address, legal representative, primary contact, contacts, this year’s dues', async () => {
    const applicant = await person(env, 'o_units_export_applicant');
    const approved = await applicationIn(env, applicant.token, 'approved');
    if (!approved.unit) throw new Error('no unit');
    const res = await download(
      env,
      staff.token,
      `/api/units/export?q=${encodeURIComponent(approved.unit.name)}`,
    );
    const book = new Workbook();
    await book.xlsx.load(res.bytes as unknown as ArrayBuffer);
    const rows: CellValue[][] = [];
    book.worksheets[0]?.eachRow((row) => {
      rows.push(
        Array.from(
          { length: HEADERS.length + UNIT_EXPORT_EXTRA_COLUMNS.length },
          (_, i) => row.getCell(i + 1).value,
        ),
      );
    });
    const year = beijingDate(new Date()).slice(0, 4);
    expect(rows[0]?.slice(HEADERS.length)).toEqual(UNIT_EXPORT_EXTRA_COLUMNS.map((column) => column.header));
    expect(rows[1]?.slice(HEADERS.length)).toEqual([
      approved.address,
      approved.legalRepresentative,
      approved.contact.name,
      approved.contact.mobile,
      approved.contact.email,
      '1',
      `${year} 年待缴费：应缴 ${formatFen(approved.annualFeeYuan * 100)}，已缴 0.00 元`,
    ]);
    // The columns the import does not take are ignored: the export previews as unchanged.
    const again = await preview(res.bytes);
    expect([again.unchangedCount, again.errorCount]).toEqual([1, 0]);
  });

  it('offers the template: the columns the import takes, as 会员单位导入模板.xlsx', async () => {
    const res = await download(env, staff.token, '/api/units/import/template');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('会员单位导入模板.xlsx')}`,
    );
    expect((await rowsOf(res.bytes))[0]).toEqual(HEADERS);
    const empty = await preview(await workbookOf([]));
    expect(empty.rows).toEqual([]);
  });
});
