/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
// The staff pages of member units and groups in WeChat's runtime against the real server: member units (list, detail,
// status, invites, new unit, import, export), seat limits, groups, 入群待办 and 待移出群聊. Every test
// opens its page as the staff persona, reads what the server holds and taps what submits.
const ExcelJS = require('exceljs');
const { LEVELS, UNIT_SHEET_COLUMNS } = require('@itss/shared');
const { Weapp, compileBuild } = require('./harness');
const { compilersUnavailable } = require('./harness/compile');
const { httpRequest } = require('./harness/http');
const { startServer } = require('./harness/server');
const { PNG, call, loginAs } = require('./harness/seed');

const unavailable = compilersUnavailable();
if (unavailable && process.env.CI === 'true')
  throw new Error(`weapp runtime suite cannot run: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;

/** @type {import('./harness/server').TestServer} */
let server;
/** @type {Weapp | null} */
let app = null;
let staffToken;

async function launch(path) {
  app = await Weapp.launch({ origin: server.origin, persona: 'staff', path });
  return app;
}

const asStaff = (method, path, data) => call(server.origin, staffToken, method, path, data);

/** The seeded demo unit (示例会员单位, primary contact 李主联). */
async function demoUnit() {
  const { items } = await asStaff('GET', `/api/units?q=${encodeURIComponent('示例会员单位')}`);
  expect(items).toHaveLength(1);
  return items[0];
}

/** PUT /api/groups/:id/code as multipart, the way the H5 staff page sends it. */
async function uploadCode(groupId) {
  const boundary = '----itssweapptest';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="qr.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await httpRequest({
    url: `${server.origin}/api/groups/${groupId}/code`,
    method: 'PUT',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      authorization: `Bearer ${staffToken}`,
    },
    body,
  });
  expect(response.status).toBe(200);
}

/** An import sheet with the template's headers: two good rows and one with a bad credit code. */
async function importSheet() {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('会员单位');
  sheet.addRow(UNIT_SHEET_COLUMNS.map((column) => column.header));
  const member = LEVELS.find((level) => level.code === 'member').name;
  sheet.addRow([
    '杭州导入一号科技有限公司',
    '91330106MA2H0Y2X1G',
    '企业',
    '浙江省',
    '杭州市',
    member,
    '2018-03-01',
    '正常',
  ]);
  sheet.addRow([
    '南京导入二号信息有限公司',
    '91320100MA1MXXXX3J',
    '企业',
    '江苏省',
    '南京市',
    member,
    '2019-04-02',
    '正常',
  ]);
  sheet.addRow(['广州坏码科技有限公司', '123', '企业', '广东省', '广州市', member, '2020-05-03', '正常']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

suite('staff pages of member units and groups in WeChat’s runtime', () => {
  beforeAll(async () => {
    compileBuild();
    server = await startServer();
    staffToken = await loginAs(server.origin, 'staff');
  }, 60000);

  afterAll(async () => {
    await server?.close();
  });

  afterEach(() => {
    const problems = app?.problems ?? [];
    app?.close();
    app = null;
    expect(problems).toEqual([]);
  });

  test('工作台 → 会员单位 → the demo unit: fields, its primary contact, and an invite link', async () => {
    await launch('packages/staff/pages/index/index');
    await app.waitForText('会员单位');
    await app.tap('会员单位');
    await app.waitForRoute('packages/unit/staff/units/index');
    await app.waitForText('示例会员单位');
    expect(app.text()).toContain('主联系人：李主联');
    await app.tap({ selector: '.unit-row', hasText: '示例会员单位' });
    await app.waitForRoute('packages/unit/staff/unit/index');
    await app.waitForText('91110108MA01XAMP1P');
    expect(app.text()).toContain('李主联主联系人');
    await app.tap('邀请联系人');
    await app.waitForText('仅可使用一次');
    const link = app.find('.unit-invite__link').textContent.trim();
    expect(link).toMatch(/\/#\/packages\/unit\/pages\/invite\/index\?token=[A-Za-z0-9_-]{20,}$/);
    expect(app.requests).toContainEqual(expect.objectContaining({ method: 'POST', statusCode: 201 }));
  });

  test('新增单位: the form checks on the device, then records the unit and opens it', async () => {
    await launch('packages/unit/staff/unit-new/index');
    await app.waitForText('录入系统上线前已入会的单位');
    await app.tap('保存');
    expect(app.queryAll('.staff-form__error').length).toBeGreaterThan(2);
    expect(app.requests.filter((r) => r.url.endsWith('/api/units'))).toHaveLength(0);
    await app.input('.unit-new__name', '成都蓉服信息技术有限公司');
    await app.input('.unit-new__creditCode', '91510100MA6C00000M');
    await app.trigger('.unit-new__unitType', 'change', { value: 0 });
    await app.trigger('.unit-new__region', 'columnchange', { column: 0, value: 22 });
    await app.trigger('.unit-new__region', 'change', { value: [22, 0] });
    await app.trigger('.unit-new__level', 'change', { value: 0 });
    await app.trigger('.unit-new__joinedOn', 'change', { value: '2017-09-01' });
    await app.tap('保存');
    await app.waitForRoute('packages/unit/staff/unit/index');
    await app.waitForText('成都蓉服信息技术有限公司');
    expect(app.text()).toContain('暂无联系人');
    expect(app.text()).toContain('2017-09-01');
  });

  test('批量导入: a chat’s .xlsx is previewed with its bad row, then confirmed; the list then shows the units', async () => {
    await launch('packages/unit/staff/units-import/index');
    await app.waitForText('统一社会信用代码');
    app.answers.files.push({ name: '会员单位.xlsx', bytes: await importSheet() });
    await app.tap('选择Excel表格');
    await app.waitForText('确认导入2家单位');
    expect(app.callsTo('chooseMessageFile')).toEqual([expect.objectContaining({ extension: ['xlsx'] })]);
    expect(app.text()).toContain('第4行');
    expect(app.text()).toContain('广州坏码科技有限公司');
    await app.tap('确认导入2家单位');
    await app.waitForText('已导入2家会员单位');
    await app.tap('查看会员单位');
    await app.waitForRoute('packages/unit/staff/units/index');
    await app.waitForText('南京导入二号信息有限公司');
    expect(app.text()).toContain('杭州导入一号科技有限公司');
  });

  test('会员单位: a search narrows the list; 导出 Excel opens the filtered sheet in WeChat', async () => {
    await launch('packages/unit/staff/units/index');
    await app.waitForText('示例会员单位');
    await app.input('.units-search__input', '示例会员');
    await app.tap('搜索');
    await app.idle();
    expect(app.queryAll('.unit-row')).toHaveLength(1);
    await app.tap('导出 Excel');
    await app.idle();
    const [opened] = app.callsTo('openDocument');
    expect(opened).toMatchObject({ fileType: 'xlsx' });
    const sheet = app.files.get(opened.filePath);
    expect(sheet.url).toContain('/api/units/export?q=');
    expect(sheet.bytes.subarray(0, 2).toString()).toBe('PK');
  });

  test('名额设置: the levels’ limits are shown and a new one is saved', async () => {
    await launch('packages/unit/staff/seat-limits/index');
    await app.waitForText('副会长单位');
    await app.input('.seat-limits__input--member', '4');
    await app.tap('保存');
    await app.idle();
    expect(app.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: '已保存' }));
    const { limits } = await asStaff('GET', '/api/units/seat-limits');
    expect(limits.member).toBe(4);
  });

  test('会员微信群: create a group, see its code state, then archive it', async () => {
    await launch('packages/groups/staff/groups/index');
    await app.waitForText('新建群');
    await app.tap('新建群');
    await app.input('.group-form__name', '委员单位交流群');
    await app.trigger('.group-form__level', 'change', { value: 1 });
    await app.tap('创建');
    await app.waitForText('委员单位交流群');
    expect(app.text()).toContain('委员单位及以上');
    expect(app.text()).toContain('未上传群二维码');
    const { items } = await asStaff('GET', '/api/groups');
    const created = items.find((group) => group.name === '委员单位交流群');
    await uploadCode(created.id);
    await app.pullDownRefresh();
    await app.waitForText('有效至');
    await app.tap({ selector: '.group-card .staff-button', hasText: '归档' });
    expect(app.callsTo('showModal').at(-1)).toMatchObject({ title: '归档群' });
    await app.waitForText('已归档');
  });

  test('到期提醒: one tap asks WeChat for the expiry template and the accept becomes a credit', async () => {
    await launch('packages/groups/staff/groups/index');
    await app.waitForText('群二维码到期前一天，通过微信服务通知提醒您重新上传。每同意一次，可收到一次提醒。');
    await app.tap('到期提醒');
    expect(app.callsTo('requestSubscribeMessage')).toEqual([
      expect.objectContaining({ tmplIds: ['standin-application-decision'] }),
    ]);
    const deadline = Date.now() + 5000;
    while (!app.callsTo('showToast').length && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.callsTo('showToast')).toEqual([expect.objectContaining({ title: '已开启一次到期提醒' })]);
    const { items } = await asStaff('POST', '/api/notifications/subscriptions', { results: {} });
    expect(items).toContainEqual({ purpose: 'group_code_expiring', credits: 1 });
  });

  test('入群待办: a contact who found no code is listed with the nickname; 已处理 moves them to the done tab', async () => {
    const group = await asStaff('POST', '/api/groups', { name: '会员交流群', minLevel: 'member' });
    const contact = await loginAs(server.origin, 'primary_contact');
    const entry = await call(server.origin, contact, 'GET', '/api/groups/entry');
    expect(entry.items.find((item) => item.groupId === group.id)).toMatchObject({ status: 'staff_will_add' });

    await launch('packages/staff/pages/index/index');
    await app.waitForText('入群待办');
    await app.tap('入群待办');
    await app.waitForRoute('packages/groups/staff/group-todos/index');
    await app.waitForText('李主联·示例会员单位');
    expect(app.text()).toContain('拉入群聊·会员交流群');
    await app.tap({ selector: '.task-row', hasText: '会员交流群' });
    await app.tap({ selector: '.task-row__done' });
    expect(app.callsTo('showModal').at(-1)).toMatchObject({ title: '已拉入群聊' });
    await app.idle();
    await app.tap({ selector: '.staff-chips__chip', hasText: '已处理' });
    await app.waitForText('周会服处理于');
  });

  test('待移出群聊: suspending a unit on its page lists the contact who saw the code; 已移出 ticks it off', async () => {
    const { items } = await asStaff('GET', '/api/groups');
    const open = items.find((group) => group.name === '会员交流群');
    await uploadCode(open.id);
    const contact = await loginAs(server.origin, 'primary_contact');
    const entry = await call(server.origin, contact, 'GET', '/api/groups/entry');
    expect(entry.items.find((item) => item.groupId === open.id)).toMatchObject({ status: 'code' });
    const unit = await demoUnit();

    await launch(`packages/unit/staff/unit/index?id=${unit.id}`);
    await app.waitForText('91110108MA01XAMP1P');
    await app.tap('暂停会员资格');
    await app.input('.unit-status-panel__reason', '连续两个年度未缴纳会费');
    await app.tap('确认暂停会员资格');
    expect(app.callsTo('showModal').at(-1)).toMatchObject({ title: '暂停会员资格' });
    await app.waitForText('单位会员资格未恢复前不能添加联系人');
    expect(app.text()).toContain('连续两个年度未缴纳会费');

    await launch('packages/groups/staff/group-removals/index');
    await app.waitForText('单位暂停会员资格');
    expect(app.text()).toContain('李主联·示例会员单位');
    expect(app.text()).toContain('所在群：会员交流群');
    await app.tap({ selector: '.task-row__done' });
    await app.idle();
    expect(app.text()).toContain('暂无待移出群聊的人员');
    await app.tap({ selector: '.staff-chips__chip', hasText: '已处理' });
    await app.waitForText('周会服移出于');
  });
});
