// Every page of the production weapp build, rendered by WeChat's own runtime pieces against the real
// server, for each persona that can reach it. A new page in app.json fails the first test until its
// feature's openings/<feature>.js lists it, with tests that tap what navigates or submits on it.
/* global describe, test, expect, beforeAll, afterAll, afterEach -- jest's */
const fs = require('node:fs');
const path = require('node:path');
const { LEVELS, OBLIGATIONS, RIGHTS_BY_TIER, RIGHT_TIER_PREAMBLES, SERVICES } = require('@itss/shared');
const { Weapp, compact, compileBuild } = require('./harness');
const { compilersUnavailable } = require('./harness/compile');
const { httpRequest } = require('./harness/http');
const { startServer } = require('./harness/server');
const { PNG, call, loginAs, publishArticle, submitApplication, uploadGroupCode } = require('./harness/seed');

/** The person whose application staff review in the queue: no persona, so no persona's journey changes. */
const QUEUE_APPLICANT = { openid: 'o_weapp_queue_applicant' };

/** Published by staff in beforeAll, for 资讯 to list. */
const NEWS_TITLE = '关于开展2026年度会员服务满意度调查的通知';

/** The main package's pages (the tabs): what each shows each persona. */
const TAB_PAGES = {
  'pages/index/index': { visitor: '会员服务内容', staff: '会员服务内容' },
  // The article staff publish in beforeAll.
  'pages/news/index': { visitor: NEWS_TITLE, staff: NEWS_TITLE },
  'pages/membership/index': { visitor: '级别与年费', staff: '级别与年费' },
  'pages/contact/index': { visitor: '联系方式', staff: '联系方式' },
  'pages/me/index': { visitor: '赵晓访', staff: '周会服' },
};

/**
 * Each feature's pages, in `openings/<feature>.js` (found there, like the feature's folder in the
 * app): `{ [page]: { [persona]: text } }`, each page of `packages/<feature>/` with what it shows each
 * persona who can reach it.
 */
const FEATURE_OPENINGS = fs
  .readdirSync(path.join(__dirname, 'openings'))
  .filter((file) => file.endsWith('.js'))
  .sort()
  .map((file) => ({ feature: path.basename(file, '.js'), pages: require(`./openings/${file}`) }));

/** Every page of app.json: each pair is opened below; the tests after it go deeper. */
const PAGES = Object.assign({}, TAB_PAGES, ...FEATURE_OPENINGS.map(({ pages }) => pages));
const OPENINGS = Object.entries(PAGES).flatMap(([route, shown]) =>
  Object.entries(shown).map(([persona, text]) => [route, persona, text]),
);

// wcc/wcsc ship for linux-x64, macOS and Windows only; elsewhere the suite is skipped, except in CI.
const unavailable = compilersUnavailable();
if (unavailable && process.env.CI === 'true')
  throw new Error(`weapp runtime suite cannot run: ${unavailable}`);
const suite = unavailable ? describe.skip : describe;
if (unavailable) console.warn(`⚠ SKIPPED weapp runtime suite: ${unavailable}`);

/** @type {import('./harness/server').TestServer} */
let server;
/** @type {Weapp | null} */
let app = null;
/** What the server answers, which the pages must show. */
let association;
/** Submitted by the applicant persona through the API, for the staff pages to review. */
let submitted;

async function getJson(path) {
  const response = await httpRequest({ url: `${server.origin}${path}` });
  expect(response.status).toBe(200);
  return JSON.parse(response.body);
}

/** A cold start of the mini-program by `persona`, on `path` (default: the first page). */
async function launch(persona, path) {
  app = await Weapp.launch({ origin: server.origin, persona, path });
  return app;
}

suite('the weapp build in WeChat’s runtime', () => {
  beforeAll(async () => {
    compileBuild();
    server = await startServer();
    association = await getJson('/api/association');
    // Not the applicant persona: its own journey below must start with no application or unit; and
    // not a contact's (the 会员联系人 persona is the demo unit's).
    submitted = await submitApplication(server.origin, QUEUE_APPLICANT);
    await publishArticle(server.origin, await loginAs(server.origin, 'staff'), {
      category: 'notice',
      title: NEWS_TITLE,
      summary: '请各会员单位联系人于月底前填写问卷。',
      body: '<p>请各会员单位联系人于月底前填写问卷。</p>',
    });
  }, 60000);

  afterAll(async () => {
    await server?.close();
  });

  afterEach(() => {
    const problems = app?.problems ?? [];
    app?.close();
    app = null;
    // Logic-layer errors, template/wxs errors, browser-only reads, wx APIs the harness lacks.
    expect(problems).toEqual([]);
  });

  test('wcc compiles every template and wxs, wcsc every style, and every page of app.json is covered here', () => {
    const build = compileBuild();
    const probe = new Weapp({ origin: 'http://127.0.0.1:9', persona: 'visitor' });
    const routes = [...probe.routes];
    probe.close();
    expect(routes.sort()).toEqual(Object.keys(PAGES).sort());
    for (const { feature, pages } of FEATURE_OPENINGS)
      for (const route of Object.keys(pages)) expect(route).toMatch(new RegExp(`^packages/${feature}/`));
    for (const route of routes) {
      expect(build.templates).toContain(`${route}.wxml`);
      expect(build.styles).toContain(`${route}.wxss`);
    }
    expect(build.templates).toEqual(expect.arrayContaining(['base.wxml', 'comp.wxml']));
    expect(build.scripts).toContain('utils.wxs');
  });

  test.each(OPENINGS)('%s opens for the %s and shows “%s”', async (route, persona, text) => {
    await launch(persona, route);
    await app.waitForText(text);
    expect(app.route).toBe(route);
  });

  describe('visitor (访客 赵晓访)', () => {
    test('首页 shows the introduction and the nine services; its 会员权益 link calls switchTab', async () => {
      await launch('visitor');
      expect(app.route).toBe('pages/index/index');
      await app.waitForText('会员服务内容');
      const text = app.text();
      for (const paragraph of association.introduction) expect(text).toContain(compact(paragraph));
      expect(SERVICES).toHaveLength(9);
      for (const service of SERVICES) expect(text).toContain(compact(service));
      expect(text).toContain('共9项');

      await app.tap({ selector: '.home-links__item', hasText: '会员权益' });
      expect(app.callsTo('switchTab')).toEqual([expect.objectContaining({ url: '/pages/membership/index' })]);
      await app.waitForRoute('pages/membership/index');
      await app.waitForText('级别与年费');
    });

    test('首页 reloads on pull-down and stops the spinner', async () => {
      await launch('visitor');
      await app.waitForText('会员服务内容');
      const before = app.requests.length;
      await app.pullDownRefresh();
      await app.idle();
      expect(app.requests.length).toBeGreaterThan(before);
      expect(app.callsTo('stopPullDownRefresh')).toHaveLength(1);
      expect(app.text()).toContain('会员服务内容');
    });

    test('会员权益 compares the four levels with fees and every right; its button opens 联系我们', async () => {
      await launch('visitor', 'pages/membership/index');
      await app.waitForText('级别与年费');
      const text = app.text();
      for (const fee of ['3,000元/年', '10,000元/年', '30,000元/年']) expect(text).toContain(fee);
      for (const level of LEVELS)
        expect(app.queryAll(`.level-card--${level.code}`, { hasText: level.name })).toHaveLength(1);
      for (const right of Object.values(RIGHTS_BY_TIER).flat()) expect(text).toContain(compact(right));
      for (const preamble of Object.values(RIGHT_TIER_PREAMBLES)) expect(text).toContain(compact(preamble));
      for (const obligation of OBLIGATIONS) expect(text).toContain(compact(obligation));
      expect(app.queryAll('.level-card--president .level-tier__right')).toHaveLength(16);
      expect(app.queryAll('.level-card--member .level-tier__right')).toHaveLength(10);

      await app.tap({ selector: '.membership-join__contact' });
      expect(app.callsTo('switchTab')).toEqual([expect.objectContaining({ url: '/pages/contact/index' })]);
      await app.waitForRoute('pages/contact/index');
    });

    test('如何入会 leads into the application form', async () => {
      await launch('visitor', 'pages/membership/index');
      await app.waitForText('在线申请入会');
      await app.tap({ selector: '.membership-join__cta' });
      expect(app.callsTo('navigateTo')).toEqual([
        expect.objectContaining({ url: '/packages/join/pages/apply/index' }),
      ]);
      await app.waitForRoute('packages/join/pages/apply/index');
      await app.waitForText('提交申请');
    });

    test('联系我们 shows the phones, email and QQ group; tapping calls, copies and explains', async () => {
      await launch('visitor', 'pages/contact/index');
      await app.waitForText('联系方式');
      const { contact } = association;
      expect(contact.phones.length).toBe(2);
      const text = app.text();
      for (const value of [...contact.phones, contact.email, contact.qqGroup, contact.department]) {
        expect(value).not.toBe('');
        expect(text).toContain(compact(value));
      }

      await app.tap({ selector: '.contact-row', hasText: contact.phones[0] });
      expect(app.callsTo('makePhoneCall')).toEqual([
        { phoneNumber: contact.phones[0].replace(/[^\d+]/g, '') },
      ]);
      await app.tap({ selector: '.contact-row', hasText: contact.email });
      expect(app.callsTo('setClipboardData')).toEqual([expect.objectContaining({ data: contact.email })]);
      expect(app.callsTo('showToast')).toEqual([expect.objectContaining({ title: '已复制' })]);
      // Not a unit's contact: the group entry page explains why and where to go.
      await app.tap({ selector: '.contact-row--entry' });
      await app.waitForRoute('packages/groups/pages/group/index');
      await app.waitForText('会员微信群仅限会员单位联系人');
      await app.tap('会员名录');
      await app.waitForRoute('packages/directory/pages/index/index');
    });

    test('我的 logs in with wx.login, has no 工作台, and binds the phone after the privacy consent', async () => {
      await launch('visitor', 'pages/me/index');
      await app.waitForText('赵晓访');
      expect(app.callsTo('login')).toHaveLength(1);
      let text = app.text();
      expect(text).toContain('未绑定手机号');
      expect(text).toContain('未关联会员单位');
      expect(text).not.toContain('工作台');
      expect(text).not.toContain('选择演示身份');

      // WeChat asks for the privacy consent before the phone; the app's own sheet answers it.
      await app.tap('绑定手机号');
      await app.waitForText('用户隐私保护提示');
      await app.tap('同意');
      await app.waitForText('138****0001');
      expect(app.callsTo('showToast')).toEqual([expect.objectContaining({ title: '已绑定' })]);
      text = app.text();
      expect(text).not.toContain('用户隐私保护提示');
      expect(text).not.toContain('未绑定手机号');
    });

    test('隐私政策 opens from 我的 with navigateTo, and the back button returns', async () => {
      await launch('visitor', 'pages/me/index');
      await app.waitForText('赵晓访');
      await app.tap('隐私政策');
      expect(app.callsTo('navigateTo')).toEqual([
        expect.objectContaining({ url: '/packages/account/pages/privacy/index' }),
      ]);
      await app.waitForRoute('packages/account/pages/privacy/index');
      const policy = app.text();
      for (const words of ['我们收集哪些信息', 'openid', '手机号', '保存多久', 'hyfw@itss.cn'])
        expect(policy).toContain(words);
      await app.back();
      expect(app.route).toBe('pages/me/index');
      expect(app.text()).toContain('赵晓访');
    });

    test('the tab bar opens its five pages', async () => {
      await launch('visitor');
      await app.waitForText('会员服务内容');
      const expected = {
        首页: '会员服务内容',
        资讯: NEWS_TITLE,
        会员权益: '级别与年费',
        联系我们: '联系方式',
        我的: '赵晓访',
      };
      expect(app.tabBar.map((tab) => tab.text)).toEqual(Object.keys(expected));
      for (const [label, words] of [...Object.entries(expected).slice(1), Object.entries(expected)[0]]) {
        await app.tapTab(label);
        expect(app.route).toBe(app.tabBar.find((tab) => tab.text === label).pagePath);
        await app.waitForText(words);
      }
    });
  });

  describe('staff (工作人员 周会服, also admin)', () => {
    test('我的 shows the roles and the 工作台, which opens with navigateTo', async () => {
      await launch('staff', 'pages/me/index');
      await app.waitForText('周会服');
      const text = app.text();
      expect(text).toContain('工作人员、管理员');
      expect(text).toContain('未关联会员单位');

      await app.tap('工作台');
      expect(app.callsTo('navigateTo')).toEqual([
        expect.objectContaining({ url: '/packages/staff/pages/index/index' }),
      ]);
      await app.waitForRoute('packages/staff/pages/index/index');
      await app.waitForText('添加工作人员');
      expect(app.queryAll('.staff-row', { hasText: '周会服' })).toHaveLength(1);
    });

    test('工作台 grants staff to a bound phone and revokes it after the confirmation', async () => {
      await launch('staff', 'packages/staff/pages/index/index');
      await app.waitForText('添加工作人员');
      await app.waitForText('周会服');

      const grants = () =>
        app.requests.filter((request) => request.method === 'POST' && request.url.endsWith('/api/staff'));
      // An empty phone is refused by the contract's schema before anything is sent.
      await app.tap('授权');
      expect(app.queryAll('.staff-grant__error')).toHaveLength(1);
      expect(grants()).toEqual([]);

      // The visitor bound 13800000001 above.
      await app.input('.staff-grant__phone', '13800000001');
      await app.tap('授权');
      await app.waitForText('赵晓访');
      expect(app.callsTo('showToast')).toEqual([expect.objectContaining({ title: '已授权赵晓访' })]);
      expect(grants()).toEqual([expect.objectContaining({ statusCode: 200 })]);

      await app.tap({ selector: '.staff-row__revoke' });
      expect(app.callsTo('showModal')).toEqual([expect.objectContaining({ title: '撤销权限' })]);
      await app.idle();
      expect(app.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: '已撤销' }));
      expect(app.queryAll('.staff-row', { hasText: '赵晓访' })).toHaveLength(0);
    });

    test('操作日志 opens from 工作台, lists the logins and refreshes on pull-down', async () => {
      await launch('staff', 'packages/staff/pages/index/index');
      await app.waitForText('操作日志');
      await app.tap('操作日志');
      expect(app.callsTo('navigateTo')).toEqual([
        expect.objectContaining({ url: '/packages/staff/pages/audit/index' }),
      ]);
      await app.waitForRoute('packages/staff/pages/audit/index');
      await app.waitForText('登录');
      expect(app.queryAll('.audit-row', { hasText: '周会服' }).length).toBeGreaterThan(0);
      expect(app.text()).toContain('授予权限');

      await app.pullDownRefresh();
      expect(app.callsTo('stopPullDownRefresh')).toHaveLength(1);
      expect(app.text()).toContain('登录');
    });

    test('入会审核: the to-do count, the queue, the licence with the token, 要求补充材料, then 通过 after the resubmission, and the export', async () => {
      await launch('staff', 'packages/staff/pages/index/index');
      await app.waitForText('入会审核');
      // 入会审核's own count (the development seeds give other tiles one too).
      expect(
        app.queryAll('.staff-links__row--applications .staff-links__badge', { hasText: '1' }),
      ).toHaveLength(1);
      await app.tap('入会审核');
      expect(app.callsTo('navigateTo')).toEqual([
        expect.objectContaining({ url: '/packages/join/staff/applications/index' }),
      ]);
      await app.waitForRoute('packages/join/staff/applications/index');
      await app.waitForText(submitted.unitName);
      expect(app.text()).toContain('139****0002');

      await app.tap({ selector: '.queue-row', hasText: submitted.unitName });
      await app.waitForRoute('packages/join/staff/application/index');
      await app.waitForText('营业执照');
      await app.waitForText('点击图片全屏查看');
      // The licence came with the staff member's token, and its bytes are the uploaded PNG.
      const [download] = app.callsTo('downloadFile');
      expect(download).toMatchObject({ header: { Authorization: expect.stringMatching(/^Bearer /) } });
      const licence = [...app.files.values()].find((file) =>
        file.url.endsWith(`/api/files/${submitted.licence.id}`),
      );
      expect(licence).toMatchObject({ statusCode: 200, contentType: 'image/png' });
      expect(licence.bytes.subarray(1, 4).toString()).toBe('PNG');
      await app.tap({ selector: '.licence__image' });
      expect(app.callsTo('previewImage')).toHaveLength(1);

      await app.tap('要求补充材料');
      await app.waitForText('要求补充材料');
      await app.input('.decision-dialog__reason', '请上传加盖公章的营业执照');
      await app.tap('提交');
      await app.waitForText('原因：请上传加盖公章的营业执照');
      expect(app.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: '已要求补充材料' }));
      expect(app.text()).toContain('已要求补充材料，等待申请人修改后重新提交');

      const applicant = await loginAs(server.origin, QUEUE_APPLICANT);
      await call(server.origin, applicant, 'POST', `/api/applications/${submitted.id}/resubmit`);
      await app.pullDownRefresh();
      await app.waitForText('通过');
      await app.tap({ selector: '.decision__button--approve' });
      expect(app.callsTo('showModal').at(-1)).toMatchObject({ title: '通过入会申请' });
      await app.waitForText('已成为会员单位');
      expect(app.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: '已通过' }));

      await app.back();
      await app.waitForRoute('packages/join/staff/applications/index');
      await app.tap({ selector: '.queue-tabs__tab', hasText: '全部' });
      await app.waitForText(submitted.unitName);
      await app.tap('导出 Excel');
      await app.idle();
      const [opened] = app.callsTo('openDocument');
      expect(opened).toMatchObject({ fileType: 'xlsx' });
      const sheet = app.files.get(opened.filePath);
      expect(sheet.url).toMatch(/\/api\/applications\/export$/);
      expect(sheet.bytes.subarray(0, 2).toString()).toBe('PK');
    });

    test('入会推广码: create one, read its funnel, show its code and save it to the album', async () => {
      await launch('staff', 'packages/join/staff/campaigns/index');
      await app.waitForText('演示：ITSS会议周展台');
      await app.input('.campaign-create__name', '秋季会员大会');
      await app.tap('创建推广码');
      await app.waitForText('秋季会员大会');
      const created = app.queryAll('.campaign', { hasText: '秋季会员大会' });
      expect(created).toHaveLength(1);
      for (const step of ['扫码', '开始填写', '已提交', '已通过']) expect(app.text()).toContain(step);

      await app.tap({ selector: '.campaign__show', hasText: '查看小程序码' });
      await app.waitForText('推广码编号');
      const code = [...app.files.values()].find((file) => /\/api\/campaigns\/\d+\/code\.png$/.test(file.url));
      expect(code).toMatchObject({ statusCode: 200, contentType: 'image/png' });
      await app.tap('保存到相册');
      await app.idle();
      expect(app.callsTo('saveImageToPhotosAlbum')).toHaveLength(1);
      expect(app.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: '已保存到相册' }));
    });
  });
  describe('applicant (申请人 钱申科): joining from a campaign code', () => {
    let applicationId;

    async function asStaff(method, path, data) {
      return call(server.origin, await loginAs(server.origin, 'staff'), method, path, data);
    }

    test('the code opens the form with its scene, which is recorded; the filled form uploads the licence and submits', async () => {
      app = await Weapp.launch({
        origin: server.origin,
        persona: 'applicant',
        path: 'packages/join/pages/apply/index?scene=demo2026',
      });
      await app.waitForText('提交申请');
      expect(app.requests).toContainEqual(expect.objectContaining({ method: 'POST', statusCode: 204 }));
      expect(app.requests.find((r) => r.url.endsWith('/api/campaigns/scans'))).toBeTruthy();

      // Checked on the device first: nothing is sent for an empty form.
      await app.tap('提交申请');
      expect(app.queryAll('.apply-field__error').length).toBeGreaterThan(5);

      await app.input('.apply-input--unitName', '杭州云栈信息技术有限公司');
      await app.input('.apply-input--creditCode', '91330106MA2H0Y2X1K');
      await app.trigger('.apply-select--unitType', 'change', { value: 0 });
      await app.trigger('.apply-select--region', 'columnchange', { column: 0, value: 10 });
      await app.trigger('.apply-select--region', 'change', { value: [10, 0] });
      await app.input('.apply-input--address', '杭州市西湖区文三路 100 号');
      await app.input('.apply-input--legalRepresentative', '孙立');
      await app.input('.apply-input--contact-name', '钱申请');
      await app.input('.apply-input--contact-title', '总经理助理');
      await app.input('.apply-input--contact-mobile', '13800000002');
      await app.input('.apply-input--contact-email', 'qian@example.com');
      await app.trigger('.apply-select--level', 'change', { value: 0 });
      await app.input(
        '.apply-textarea',
        '专注于政企客户的云平台运维与信息技术服务管理咨询，服务客户逾百家。',
      );
      app.answers.files.push({ name: 'licence.png', bytes: PNG });
      await app.tap('上传营业执照');
      expect(app.callsTo('showActionSheet')).toHaveLength(1);
      await app.waitForText('重新上传');
      for (const box of app.queryAll('.apply-consent'))
        await app.tap({ selector: '.apply-consent', hasText: box.textContent.trim() });
      const text = app.text();
      expect(text).toContain('浙江省杭州市');
      expect(text).toContain('年费3,000元/年');

      await app.tap('提交申请');
      await app.waitForRoute('packages/join/pages/detail/index');
      await app.waitForText('待审核');
      // The stand-in names one template for every purpose: asked once, for the decision.
      expect(app.callsTo('requestSubscribeMessage')).toEqual([
        expect.objectContaining({ tmplIds: ['standin-application-decision'] }),
      ]);
      expect(app.callsTo('redirectTo')).toHaveLength(1);
      applicationId = Number(app.callsTo('redirectTo')[0].url.split('id=')[1]);
      expect(applicationId).toBeGreaterThan(0);
    });

    test('asked for more, the applicant sees the reason, edits and resubmits; 消息 and the tab badge show it', async () => {
      await asStaff('POST', `/api/applications/${applicationId}/decisions`, {
        decision: 'needs_info',
        reason: '请上传清晰的营业执照副本',
      });
      await launch('applicant', 'pages/me/index');
      await app.waitForText('钱申科');
      await app.waitForText('我的申请');
      await app.idle();
      expect(app.tabBadges.get(4)).toBe('1');

      await app.tap('我的申请');
      await app.waitForRoute('packages/join/pages/mine/index');
      await app.waitForText('待补充材料');
      await app.tap({ selector: '.mine-list__row' });
      await app.waitForRoute('packages/join/pages/detail/index');
      await app.waitForText('请上传清晰的营业执照副本');
      await app.tap('修改申请');
      await app.waitForRoute('packages/join/pages/apply/index');
      await app.waitForText('保存并重新提交');
      await app.input('.apply-input--address', '杭州市西湖区文三路 101 号');
      await app.tap('保存并重新提交');
      expect(app.callsTo('navigateBack')).toHaveLength(1);
      await app.waitForRoute('packages/join/pages/detail/index');
      await app.waitForText('已重新提交');
    });

    test('approved: 消息 shows the decision and opens it; 我的单位 shows the unit and its unpaid bill', async () => {
      await asStaff('POST', `/api/applications/${applicationId}/decisions`, { decision: 'approve' });
      await launch('applicant', 'packages/account/pages/messages/index');
      await app.waitForText('全部已读');
      expect(app.queryAll('.message--unread').length).toBeGreaterThan(0);
      await app.tap('全部已读');
      await app.idle();
      expect(app.queryAll('.message--unread')).toHaveLength(0);
      await app.tap({ selector: '.message' });
      expect(app.callsTo('navigateTo').length).toBeGreaterThan(0);

      await launch('applicant', 'pages/me/index');
      await app.waitForText('我的单位');
      await app.tap('我的单位');
      await app.waitForRoute('packages/unit/pages/index/index');
      await app.waitForText('待缴费');
      const text = app.text();
      expect(text).toContain('杭州云栈信息技术有限公司');
      expect(text).toContain('3,000.00元');
    });
  });
  // The visitor is the one persona still of no unit here: 会员联系人 is the demo unit's, the others'
  // applications were approved above.
  describe('member units and the members’ group (主联系人 李主联 invites 访客 赵晓访)', () => {
    /** The demo unit the development server seeds, whose primary contact is the 主联系人 persona. */
    const UNIT = '示例会员单位';
    const UNIT_CREDIT_CODE = '91110108MA01XAMP1P';
    let invitePath = '';
    let staffToken = '';

    beforeAll(async () => {
      staffToken = await loginAs(server.origin, 'staff');
    });

    test('我的 shows 主联系人; 我的单位 lists the contacts and seats; 邀请同事 makes a share card', async () => {
      await launch('primary_contact', 'pages/me/index');
      await app.waitForText('我的单位');
      expect(app.find('.me-card__tag').textContent).toBe('主联系人');
      await app.tap('我的单位');
      await app.waitForRoute('packages/unit/pages/index/index');
      await app.waitForText('名额2/5');
      expect(app.text()).toContain('李主联主联系人');
      expect(app.text()).toContain('孙联络运维经理');

      await app.tap('邀请同事');
      await app.waitForText('邀请已生成');
      const send = app.findText('发送给同事');
      expect(app.openTypeOf(send)).toBe('share');
      // What WeChat asks the page for when that button is tapped: the card's title and path.
      const card = app.page.instance.onShareAppMessage({ from: 'button', target: {} });
      expect(card.title).toBe(`李主联 邀请您加入 ${UNIT}`);
      expect(card.path).toMatch(/^\/packages\/unit\/pages\/invite\/index\?token=[A-Za-z0-9_-]{20,64}$/);
      invitePath = card.path.slice(1);
    });

    test('会员名录 from 首页: the unit listed; the visitor asks to join it with its credit code; the primary contact declines', async () => {
      await launch('visitor');
      await app.waitForText('会员名录');
      await app.tap({ selector: '.home-links__item', hasText: '会员名录' });
      await app.waitForRoute('packages/directory/pages/index/index');
      await app.waitForText(UNIT);
      expect(app.text()).toContain('委员单位·北京市');
      await app.tap({ selector: '.directory-tabs__tab', hasText: '委员单位' });
      await app.waitForText(UNIT);
      expect(app.requests.some((request) => request.url.includes('/api/directory?level=committee'))).toBe(
        true,
      );

      await app.tap({ selector: '.directory-row', hasText: UNIT });
      await app.waitForText('申请成为该单位联系人');
      await app.input('.identity-input--creditCode', UNIT_CREDIT_CODE);
      await app.input('.identity-input--name', '赵晓访');
      await app.tap('提交申请');
      expect(app.callsTo('showModal')).toEqual([expect.objectContaining({ title: '申请已提交' })]);

      await launch('primary_contact', 'pages/me/index');
      await app.waitForText('我的单位');
      await app.tap('我的单位');
      await app.waitForRoute('packages/unit/pages/index/index');
      await app.waitForText('赵晓访');
      await app.tap('拒绝');
      await app.waitForText('暂无待处理的加入申请');
    });

    test('the colleague opens the share card, accepts with name and title, and lands on 我的单位', async () => {
      await launch('visitor', invitePath);
      await app.waitForText(`李主联邀请您成为「${UNIT}」的联系人`);
      await app.input('.identity-input--name', '赵晓访');
      await app.input('.identity-input--title', '运维经理');
      await app.tap('接受邀请');
      await app.waitForText(`您已成为「${UNIT}」的联系人`);
      await app.tap('查看我的单位');
      expect(app.callsTo('redirectTo')).toEqual([
        expect.objectContaining({
          url: expect.stringMatching(/^\/packages\/unit\/pages\/index\/index\?id=\d+$/),
        }),
      ]);
      await app.waitForRoute('packages/unit/pages/index/index');
      await app.waitForText('赵晓访');
      expect(app.text()).toContain('名额3/5');
      expect(app.text()).toContain('退出单位');
    });

    test('from 联系我们 the colleague gets the code (downloaded with the token, previewed on tap) and the nickname', async () => {
      const group = await call(server.origin, staffToken, 'POST', '/api/groups', {
        name: 'ITSS 分会会员交流群',
        minLevel: 'member',
      });
      await uploadGroupCode(server.origin, staffToken, group.id);

      await launch('visitor', 'pages/contact/index');
      await app.waitForText('加入会员微信群');
      await app.tap('加入会员微信群');
      expect(app.callsTo('navigateTo')).toEqual([
        expect.objectContaining({ url: '/packages/groups/pages/group/index' }),
      ]);
      await app.waitForRoute('packages/groups/pages/group/index');
      await app.waitForText(`${UNIT}-赵晓访`);
      await app.waitForText('点击二维码放大');
      const [download] = app.callsTo('downloadFile');
      expect(download.url).toMatch(new RegExp(`/api/groups/${group.id}/code$`));
      await app.tap({ selector: '.entry-code__image' });
      const [preview] = app.callsTo('previewImage');
      expect(preview.urls).toHaveLength(1);
      expect(app.files.has(preview.urls[0])).toBe(true);
    });
  });
  describe('articles: the staff editor and member submissions', () => {
    test('文章管理 from 工作台 opens the editor; blocks are added and previewed; 保存草稿 checks the form first', async () => {
      await launch('staff', 'packages/staff/pages/index/index');
      await app.waitForText('文章管理');
      await app.tap('文章管理');
      await app.waitForRoute('packages/news/staff/articles/index');
      await app.waitForText('新建文章');
      await app.tap('新建文章');
      expect(app.callsTo('navigateTo').at(-1)).toEqual(
        expect.objectContaining({ url: '/packages/news/staff/article-edit/index' }),
      );
      await app.waitForRoute('packages/news/staff/article-edit/index');
      await app.input('.article-edit__title', '运维服务标准解读');
      await app.tap('＋小标题');
      await app.input('.block__input', '一、适用范围');
      await app.tap('预览');
      await app.waitForText('运维服务标准解读');
      expect(app.queryAll('.article-body')).toHaveLength(1);
      await app.tap('返回编辑');
      await app.waitForText('保存草稿');
      await app.tap('保存草稿');
      await app.waitForText('请选择栏目');
      expect(
        app.requests.filter((request) => request.method !== 'GET' && request.url.includes('/api/articles')),
      ).toEqual([]);
    });

    test('会员风采投稿 from 我的 for a contact: 我要投稿 opens the form, which checks the title and body first', async () => {
      await launch('primary_contact', 'pages/me/index');
      await app.waitForText('会员风采投稿');
      await app.tap('会员风采投稿');
      await app.waitForRoute('packages/submit/pages/mine/index');
      await app.waitForText('我要投稿');
      await app.tap('我要投稿');
      await app.waitForRoute('packages/submit/pages/new/index');
      await app.tap('优秀案例');
      await app.tap('提交审核');
      await app.waitForText('标题至少 2 个字');
      expect(app.text()).toContain('请填写正文');
      expect(
        app.requests.some((request) => request.url.includes('/api/submissions') && request.method === 'POST'),
      ).toBe(false);
    });
  });
});
