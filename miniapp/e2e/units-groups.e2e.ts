import type { Page } from 'playwright-core';
import { screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';

// Contacts and group entry in browsers: the primary contact of the demo unit invites a colleague, who
// accepts on their own phone and is shown the members' group code with the nickname to use; staff
// let the code run out (the colleague is told staff will add them, staff get the to-do), then
// suspend the unit (the colleague is refused, and listed on 待移出群聊).
let harness: Harness;
/** The primary contact (李主联, 示例会员单位's 主联系人 persona). */
let primary: Page;
/**
 * The colleague, on a phone of their own: 赵晓访, the 访客 persona, of no unit yet (the 会员联系人
 * persona is already the demo unit's other contact).
 */
let colleague: Page;
/** 会员服务部 (周会服) in the staff pages, on a desktop. */
let staff: Page;
let inviteLink = '';

const GROUP = 'ITSS 分会会员交流群';
/** The demo unit the development server seeds, whose primary contact is the 主联系人 persona. */
const UNIT = '示例会员单位';
/** 单位简称-姓名: the demo unit's name has no place or legal form to drop. */
const NICKNAME = `${UNIT}-赵晓访`;

beforeAll(async () => {
  harness = await startHarness();
  primary = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  expect(harness.errors).toEqual([]);
});

const { post, staffToken, campaignCode, signIn, open } = journey(() => harness.baseUrl);

test('staff create the members’ group and upload its code in the staff pages', async () => {
  staff = await harness.secondBrowser();
  await signIn(staff, '工作人员', '周会服');
  await open(staff, '/packages/groups/staff/groups/index');
  await on(staff, '.groups-new').click();
  await on(staff, '.group-form__name input').fill(GROUP);
  await on(staff, '.staff-form__submit', '创建').click();
  await on(staff, '.group-card__name', GROUP).waitFor();

  const image = await campaignCode(await staffToken());
  await on(staff, '.group-card .staff-button', '上传群二维码').click();
  const chooser = staff.waitForEvent('filechooser');
  await on(staff, '.group-upload__button').click();
  await (await chooser).setFiles({ name: '群二维码.png', mimeType: 'image/png', buffer: image });
  await on(staff, '.group-card', '有效至').waitFor();
});

test('the primary contact sees the unit’s contacts and seats, and 邀请同事 gives a link (H5 has no share card)', async () => {
  await signIn(primary, '主联系人', '李主联');
  expect(await visibleText(primary)).toContain(`${UNIT}主联系人`);
  await on(primary, '.me-help__row--unit').click();
  await waitForPage(primary, '/packages/unit/pages/index/index');
  await on(primary, '.member-contact', '李主联').waitFor();
  const text = await visibleText(primary);
  expect(text).toContain('李主联主联系人');
  expect(text).toContain('孙联络运维经理');
  expect(text).toContain('名额2/5');

  await on(primary, '.member-actions__primary', '邀请同事').click();
  await on(primary, '.member-invite__title', '邀请已生成').waitFor();
  inviteLink = (await on(primary, '.member-invite__link').innerText()).trim();
  expect(inviteLink).toMatch(
    new RegExp(
      `^${harness.baseUrl.replace(/\./g, '\\.')}/#/packages/unit/pages/invite/index\\?token=[A-Za-z0-9_-]{20,64}$`,
    ),
  );
  await screenshot(primary, 'unit-mine');
});

test('the colleague opens the link on their phone, accepts with name and title, and joins the unit', async () => {
  colleague = await harness.secondBrowser({ phone: true });
  await signIn(colleague, '访客', '赵晓访');
  await colleague.goto(inviteLink);
  await waitForPage(colleague, '/packages/unit/pages/invite/index');
  await on(colleague, '.invite-banner__title', `李主联 邀请您成为「${UNIT}」的联系人`).waitFor();
  await on(colleague, '.identity-input--name input').fill('赵晓访');
  await on(colleague, '.identity-input--title input').fill('网络工程师');
  await screenshot(colleague, 'unit-invite');
  await on(colleague, '.identity-form__submit').click();
  await on(colleague, '.invite-joined__title', `您已成为「${UNIT}」的联系人`).waitFor();

  await on(colleague, '.invite-joined__button').click();
  await waitForPage(colleague, '/packages/unit/pages/index/index');
  await on(colleague, '.member-contact', '赵晓访').waitFor();
  const text = await visibleText(colleague);
  expect(text).toContain('赵晓访网络工程师');
  expect(text).toContain('名额3/5');
  expect(text).toContain('退出单位');
  expect(text).not.toContain('邀请同事');

  // The link is single use: opened again, it is refused.
  await colleague.goto(inviteLink);
  await waitForPage(colleague, '/packages/unit/pages/invite/index');
  await on(colleague, '.invite-refused__text').waitFor();
  expect(await visibleText(colleague)).toContain('该邀请已被使用');
});

test('from 联系我们, the colleague is shown the group’s code with the nickname to use', async () => {
  await open(colleague, '/pages/contact/index');
  await on(colleague, '.contact-row--entry', '加入会员微信群').click();
  await waitForPage(colleague, '/packages/groups/pages/group/index');
  await on(colleague, '.entry-card__name', GROUP).waitFor();
  await on(colleague, '.entry-nickname__value', NICKNAME).waitFor();
  // The image came with the session's token and was drawn from its bytes.
  const image = on(colleague, '.entry-code__image img');
  await expect(image.getAttribute('src')).resolves.toMatch(/^blob:/);
  await colleague.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.entry-code__image img');
    return !!img && img.complete && img.naturalWidth > 100;
  });
  expect(await visibleText(colleague)).toContain('二维码有效期至');
  await screenshot(colleague, 'group-entry');
});

test('staff let the code run out: the colleague is told staff will add them, and staff have the to-do', async () => {
  // The staff pages set an expiry to the minute; a code a few seconds from running out is uploaded
  // through the API, as the staff page does (multipart, field expiresAt).
  const token = await staffToken();
  const groups = (await (
    await fetch(`${harness.baseUrl}/api/groups`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { items: { id: number; name: string }[] };
  const groupId = groups.items.find((group) => group.name === GROUP)?.id;
  const form = new FormData();
  const expiresAt = new Date(Date.now() + 3000);
  form.append('expiresAt', expiresAt.toISOString());
  form.append(
    'file',
    new Blob([new Uint8Array(await campaignCode(token))], { type: 'image/png' }),
    'code.png',
  );
  const upload = await fetch(`${harness.baseUrl}/api/groups/${groupId}/code`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  expect(upload.status).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, Math.max(expiresAt.getTime() - Date.now() + 500, 0)));

  await open(colleague, '/pages/me/index');
  await on(colleague, '.me-help__row--group').click();
  await waitForPage(colleague, '/packages/groups/pages/group/index');
  await on(colleague, '.entry-fallback__text').waitFor();
  const text = await visibleText(colleague);
  expect(text).toContain('工作人员将尽快邀请您入群，请留意微信好友申请');
  expect(text).toContain(NICKNAME);
  expect(await on(colleague, '.entry-code__image').count()).toBe(0);
  await screenshot(colleague, 'group-fallback');

  await open(staff, '/packages/groups/staff/group-todos/index');
  const todo = on(staff, '.task-row', '赵晓访');
  await todo.waitFor();
  expect(await todo.innerText()).toContain(NICKNAME);
});

test('staff suspend the unit: the colleague loses access, and is listed on 待移出群聊', async () => {
  await open(staff, '/packages/unit/staff/units/index');
  // The staff browser is a desk's: the units are a table's rows.
  await on(staff, '.data-table__row', UNIT).click();
  await waitForPage(staff, '/packages/unit/staff/unit/index');
  await on(staff, '.unit-status-panel .staff-button', '暂停会员资格').click();
  await on(staff, '.unit-status-panel__reason textarea').fill('连续两个年度未缴纳会费');
  await on(staff, '.unit-status-panel .staff-button', '确认暂停会员资格').click();
  await staff.locator('.taro__modal').getByText('确定', { exact: true }).click();
  await on(staff, '.record-history__note', '连续两个年度未缴纳会费').waitFor();

  await open(colleague, '/packages/groups/pages/group/index');
  await on(colleague, '.entry-refused__title', '暂不能加入会员微信群').waitFor();
  const text = await visibleText(colleague);
  expect(text).toContain('您所在单位的会员资格已暂停或终止');
  expect(text).not.toContain(NICKNAME);

  await open(staff, '/packages/groups/staff/group-removals/index');
  const removal = on(staff, '.task-row', '赵晓访');
  await removal.waitFor();
  const row = await removal.innerText();
  expect(row).toContain('单位暂停会员资格');
  expect(row).toContain(NICKNAME);
  expect(row).toContain(GROUP);
});

/** Units that joined before the system, recorded by staff: the public list once the demo unit is suspended. */
const RECORDED = [
  {
    name: '杭州云栈信息技术有限公司',
    creditCode: '91330106MA2H0Y2X1K',
    province: '浙江省',
    city: '杭州市',
    level: 'committee',
    joinedOn: '2019-05-20',
  },
  {
    name: '北京数智运维科技有限公司',
    creditCode: '91110000600037341L',
    province: '北京市',
    city: '海淀区',
    level: 'member',
    joinedOn: '2021-03-02',
  },
  {
    name: '深圳市鹏城云服务股份有限公司',
    creditCode: '91440300MA5FXXXX3B',
    province: '广东省',
    city: '深圳市',
    level: 'vice_president',
    joinedOn: '2017-09-12',
  },
];

test('会员名录 from 首页: levels and search; someone without a unit asks to join one with its credit code', async () => {
  const token = await staffToken();
  for (const unit of RECORDED) await post('/api/units', { ...unit, unitType: 'enterprise' }, token);

  // A person of no unit yet: the primary contact's browser logs out and picks the 申请人 persona (访客
  // joined the demo unit above).
  await open(primary, '/pages/me/index');
  await on(primary, '.me-actions__logout').click();
  await primary.locator('.taro__modal').getByText('退出', { exact: true }).click();
  await signIn(primary, '申请人', '钱申科');
  await open(primary, '/pages/index/index');
  await on(primary, '.home-links__item', '会员名录').click();
  await waitForPage(primary, '/packages/directory/pages/index/index');
  await on(primary, '.directory-row__name', '杭州云栈信息技术有限公司').waitFor();
  const text = await visibleText(primary);
  expect(text).toContain('委员单位·浙江省·2019年入会');
  // Suspended: no longer in the public list.
  expect(text).not.toContain(UNIT);
  expect(await on(primary, '.directory-row__ask').count()).toBe(RECORDED.length);
  await screenshot(primary, 'directory');

  await on(primary, '.directory-tabs__tab', '会员单位').click();
  await on(primary, '.directory-row__name', '北京数智运维科技有限公司').waitFor();
  expect(await on(primary, '.directory-row').count()).toBe(1);
  await on(primary, '.directory-tabs__tab', '全部').click();
  await on(primary, '.directory-search__input input').fill('云栈');
  await on(primary, '.directory-search__button').click();
  await on(primary, '.directory-row__name', '杭州云栈信息技术有限公司').waitFor();
  expect(await on(primary, '.directory-row').count()).toBe(1);

  await on(primary, '.directory-row', '杭州云栈信息技术有限公司').click();
  await on(primary, '.directory-sheet__title', '申请成为该单位联系人').waitFor();
  await on(primary, '.identity-input--creditCode input').fill('91330106MA2H0Y2X2K');
  await on(primary, '.identity-input--name input').fill('钱申科');
  await on(primary, '.identity-form__submit').click();
  await on(primary, '.identity-form__failure', '统一社会信用代码核对未通过').waitFor();
  // The browser logs the refused request; that one is expected, anything else is not.
  const refused = harness.errors.findIndex((error) => error.includes('status of 400'));
  expect(refused).toBeGreaterThanOrEqual(0);
  harness.errors.splice(refused, 1);

  await on(primary, '.identity-input--creditCode input').fill('91330106MA2H0Y2X1K');
  await on(primary, '.identity-form__submit').click();
  await primary.locator('.taro__modal').getByText('申请已提交').waitFor();
  await primary.locator('.taro__modal').getByText('知道了', { exact: true }).click();
  expect(await on(primary, '.directory-sheet').count()).toBe(0);

  // 我的, opened afresh as after a restart: it reads the request from the server.
  await primary.goto(`${harness.baseUrl}/#/pages/me/index`);
  await primary.reload();
  await waitForPage(primary, '/pages/me/index');
  await on(primary, '.me-help__row--join-request', '杭州云栈信息技术有限公司 · 待处理').waitFor();
});
