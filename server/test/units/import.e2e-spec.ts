import {
  LEVELS,
  UNIT_IMPORT_MAX_ROWS,
  UNIT_STATUSES,
  UNIT_STATUS_NAMES,
  UNIT_TYPES,
  UNIT_TYPE_NAMES,
  errorBodySchema,
  unitImportPreviewSchema,
  unitImportResultSchema,
} from '@itss/shared';
import { DataSource, MoreThan } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { UnitStatusChangeEntity } from '../../src/modules/units/unit-status-change.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { type AuthEnv, startAuthEnv } from '../support/auth-env';
import { PNG, mismatchedCreditCode, person, validCreditCode } from '../support/joining';
import {
  HEADERS,
  confirmImport,
  download,
  recordUnit,
  rowsOf,
  sheetRow,
  uploadSheet,
  workbookOf,
  zipOfOneTextFile,
} from './sheets';

const PLACES = [
  ['北京市', '海淀区'],
  ['上海市', '浦东新区'],
  ['广东省', '广州市'],
  ['浙江省', '杭州市'],
  ['四川省', '成都市'],
];

describe('units: import from and export to .xlsx', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  const ds = () => env.server.app.get(DataSource);
  const unitCount = () => ds().getRepository(UnitEntity).count();
  const codeOf = (res: { body: unknown }) => errorBodySchema.parse(res.body).code;

  beforeAll(async () => {
    env = await startAuthEnv();
    staff = await person(env, 'o_units_importer', ['staff']);
  });
  afterAll(() => env.close());

  async function preview(bytes: Buffer, token = staff.token) {
    const res = await uploadSheet(env, token, bytes);
    expect({ status: res.status, body: res.body }).toEqual({ status: 200, body: res.body });
    return unitImportPreviewSchema.parse(res.body);
  }

  it('round-trips a 1,000-unit file unchanged: import, confirm, export the same cells', async () => {
    const marker = '往返导入';
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const [province, city] = PLACES[i % PLACES.length] ?? [];
      return sheetRow({
        name: `${marker}第${String(i).padStart(4, '0')}号信息技术有限公司`,
        unitType: UNIT_TYPE_NAMES[UNIT_TYPES[i % UNIT_TYPES.length] ?? 'enterprise'],
        province,
        city,
        level: LEVELS[i % LEVELS.length]?.name,
        joinedOn: `20${String(10 + (i % 15))}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        status: UNIT_STATUS_NAMES[UNIT_STATUSES[i % 7 === 0 ? 1 : i % 11 === 0 ? 2 : 0] ?? 'active'],
      });
    });
    const file = await workbookOf(rows);
    const before = await unitCount();

    const checked = await preview(file);
    expect([checked.validCount, checked.errorCount, checked.rows.length]).toEqual([1000, 0, 1000]);
    expect(checked.rows[0]).toMatchObject({ row: 2, errors: [] });
    expect(await unitCount()).toBe(before);

    const confirmed = await confirmImport(env, staff.token, checked.importId);
    expect(confirmed.status).toBe(200);
    expect(unitImportResultSchema.parse(confirmed.body)).toEqual({ created: 1000, updated: 0 });
    expect(await unitCount()).toBe(before + 1000);
    expect(await ds().getRepository(UnitStatusChangeEntity).countBy({ reason: '批量导入' })).toBe(1000);

    const exported = await download(env, staff.token, `/api/units/export?q=${encodeURIComponent(marker)}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('spreadsheetml');
    expect(exported.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('会员单位.xlsx')}`,
    );
    expect(await rowsOf(exported.bytes)).toEqual(await rowsOf(file));

    const again = await preview(exported.bytes);
    expect([again.createCount, again.updateCount, again.unchangedCount, again.errorCount]).toEqual([
      0, 0, 1000, 0,
    ]);

    const audit = await ds()
      .getRepository(AuditEntity)
      .find({ order: { id: 'ASC' } });
    expect(
      audit.filter((row) => row.action === 'unit.imported').map((row) => [row.actorId, row.detail]),
    ).toEqual([[staff.id, '导入 1000 家会员单位']]);
    expect(audit.filter((row) => row.action === 'unit.exported').map((row) => row.detail)).toEqual([
      `搜索“${marker}”，1000 家`,
    ]);
  });

  it('exports only what the filters select', async () => {
    const marker = '筛选导出';
    await recordUnit(env, staff.token, { name: `${marker}甲公司`, level: 'president' });
    await recordUnit(env, staff.token, { name: `${marker}乙公司`, level: 'member' });
    const exported = await download(
      env,
      staff.token,
      `/api/units/export?q=${encodeURIComponent(marker)}&level=president`,
    );
    const rows = await rowsOf(exported.bytes);
    expect(rows.map((row) => row[0])).toEqual([HEADERS[0], `${marker}甲公司`]);
  });

  it('lists every error of every bad row in Chinese and writes nothing until confirmed; the confirm writes the valid rows', async () => {
    const member = await recordUnit(env, staff.token, { name: '已经是会员的公司' });
    const twice = validCreditCode();
    const rows = [
      sheetRow({ name: '正确的第一家公司' }),
      sheetRow({ name: '代码格式错误公司', creditCode: '12345' }),
      sheetRow({ name: '校验位错误公司', creditCode: mismatchedCreditCode() }),
      sheetRow({ name: '重复出现的公司', creditCode: twice }),
      sheetRow({ name: '重复出现的公司', creditCode: twice }),
      sheetRow({ name: '已经是会员的公司', creditCode: member.creditCode.toLowerCase() }),
      sheetRow({ name: '级别不存在公司', level: '金牌会员' }),
      sheetRow({ name: '地区不对的公司', province: '北京市', city: '广州市' }),
      sheetRow({ name: '', unitType: '外资企业', joinedOn: '去年' }),
      sheetRow({ name: '日期单元格的公司', joinedOn: new Date(Date.UTC(2015, 2, 9)) }),
      sheetRow({ name: '日期序号的公司', joinedOn: 42_000, status: '' }),
      [],
      sheetRow({ name: '空行之后的公司', joinedOn: '2017年5月3日' }),
    ];
    const before = await unitCount();
    const lastId = (await ds().getRepository(UnitEntity).maximum('id')) ?? 0;
    const checked = await preview(await workbookOf(rows));
    expect(await unitCount()).toBe(before);
    expect(checked.rows.map((row) => [row.row, row.errors])).toEqual([
      [2, []],
      [3, ['统一社会信用代码应为 18 位数字或大写字母']],
      [4, ['统一社会信用代码校验位不符，请核对；如确认无误，请通过“新增会员单位”单独录入']],
      [5, []],
      [6, ['与第 5 行的统一社会信用代码重复']],
      [7, []],
      [8, ['会员级别“金牌会员”无效，应为：会员单位、委员单位、副会长单位、会长单位']],
      [9, ['所在城市不属于所选省份']],
      [
        10,
        [
          '单位类型“外资企业”无效，应为：企业、事业单位、高等院校、社会团体、行业用户',
          '入会日期“去年”无效，应为 YYYY-MM-DD，如 2020-03-15',
          '请填写单位名称',
        ],
      ],
      [11, []],
      [12, []],
      [14, []],
    ]);
    expect(checked.rows[5]).toMatchObject({ creditCode: member.creditCode, action: 'update' });
    expect([checked.validCount, checked.createCount, checked.updateCount, checked.errorCount]).toEqual([
      6, 5, 1, 6,
    ]);

    const confirmed = await confirmImport(env, staff.token, checked.importId);
    expect(unitImportResultSchema.parse(confirmed.body)).toEqual({ created: 5, updated: 1 });
    const written = await ds()
      .getRepository(UnitEntity)
      .find({ where: { id: MoreThan(lastId) }, order: { id: 'ASC' } });
    expect(written.map((unit) => [unit.name, unit.joinedOn, unit.status])).toEqual([
      ['正确的第一家公司', '2019-06-01', 'active'],
      ['重复出现的公司', '2019-06-01', 'active'],
      ['日期单元格的公司', '2015-03-09', 'active'],
      ['日期序号的公司', '2014-12-27', 'active'],
      ['空行之后的公司', '2017-05-03', 'active'],
    ]);
  });

  it.each([
    ['a PNG named .xlsx', PNG],
    ['a zip that is not a workbook', zipOfOneTextFile()],
    ['an empty file', Buffer.alloc(0)],
    ['zip magic then garbage', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)])],
  ])('refuses %s (415 UNIT_IMPORT_NOT_XLSX), writing nothing', async (_what, bytes) => {
    const before = await unitCount();
    const res = await uploadSheet(env, staff.token, bytes);
    expect([res.status, codeOf(res)]).toEqual([415, 'UNIT_IMPORT_NOT_XLSX']);
    expect(await unitCount()).toBe(before);
  });

  it('refuses a sheet whose header is not the template’s (400 UNIT_IMPORT_BAD_HEADER)', async () => {
    const header: string[] = [...HEADERS];
    header[2] = '类型';
    const res = await uploadSheet(env, staff.token, await workbookOf([sheetRow()], header));
    expect([res.status, codeOf(res)]).toEqual([400, 'UNIT_IMPORT_BAD_HEADER']);
  });

  it(`refuses more than ${UNIT_IMPORT_MAX_ROWS} rows (413 UNIT_IMPORT_TOO_MANY_ROWS)`, async () => {
    const rows = Array.from({ length: UNIT_IMPORT_MAX_ROWS + 1 }, () => sheetRow());
    const res = await uploadSheet(env, staff.token, await workbookOf(rows));
    expect([res.status, codeOf(res)]).toEqual([413, 'UNIT_IMPORT_TOO_MANY_ROWS']);
  });

  it('confirms a preview once, only for its uploader: another staff member, a second confirm and an unknown id get 410', async () => {
    const colleague = await person(env, 'o_units_other_importer', ['staff']);
    const checked = await preview(await workbookOf([sheetRow({ name: '只导入一次的公司' })]));
    const before = await unitCount();
    const theirs = await confirmImport(env, colleague.token, checked.importId);
    expect([theirs.status, codeOf(theirs)]).toEqual([410, 'UNIT_IMPORT_EXPIRED']);
    expect((await confirmImport(env, staff.token, checked.importId)).status).toBe(200);
    const again = await confirmImport(env, staff.token, checked.importId);
    expect([again.status, codeOf(again)]).toEqual([410, 'UNIT_IMPORT_EXPIRED']);
    const unknown = await confirmImport(env, staff.token, 'abcdefghijklmnopqrstuvwx');
    expect([unknown.status, codeOf(unknown)]).toEqual([410, 'UNIT_IMPORT_EXPIRED']);
    const malformed = await confirmImport(env, staff.token, 'short');
    expect([malformed.status, codeOf(malformed)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await unitCount()).toBe(before + 1);
  });

  it('writes nothing when a credit code of the preview was taken since (409 UNIT_IMPORT_STALE)', async () => {
    const rows = [sheetRow({ name: '先预览的第一家' }), sheetRow({ name: '先预览的第二家' })];
    const checked = await preview(await workbookOf(rows));
    await recordUnit(env, staff.token, { creditCode: rows[1]?.[1] as string, name: '抢先录入的公司' });
    const before = await unitCount();
    const res = await confirmImport(env, staff.token, checked.importId);
    expect([res.status, codeOf(res)]).toEqual([409, 'UNIT_IMPORT_STALE']);
    expect(await unitCount()).toBe(before);
    expect(await ds().getRepository(UnitEntity).countBy({ name: '先预览的第一家' })).toBe(0);
  });

  it('refuses to confirm a preview with no valid row (400 UNIT_IMPORT_NOTHING_VALID)', async () => {
    const checked = await preview(await workbookOf([sheetRow({ level: '金牌会员' })]));
    const res = await confirmImport(env, staff.token, checked.importId);
    expect([res.status, codeOf(res)]).toEqual([400, 'UNIT_IMPORT_NOTHING_VALID']);
  });
});
