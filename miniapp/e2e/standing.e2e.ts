import type { Page } from 'playwright-core';
import { LEVELS, formatFen, upgradeDifferenceFen, type ArrearsListResponse, type Group } from '@itss/shared';
import { PNG, builtServer, seeding, validCreditCode } from '../../server/test/support/seed';
import { compact, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';

// A unit's standing in browsers against the built server. The development seed's 示例欠费单位（演示）
// owes the two years before this one (the API opens a past year only with a due date still ahead, so
// no test can make a past-due bill through it) and is suspended; staff restore it and it gets a
// contact. Staff find it on 欠费与除名, proposed for removal;
// its new contact (赵晓访, the 访客 persona) reads the arrears on 我的单位; staff record its removal
// on its page; the contact is refused the members' group and listed on 待移出群聊. Then a new 会员单位
// asks for 委员单位, staff approve, and this year's difference bill is on the unit's 会费.
let harness: Harness;
/** 赵晓访, on a phone: the contact of the unit in arrears. */
let contact: Page;
/** 周会服 at a desk. */
let staff: Page;
/** 钱申科, on a phone: the primary contact of the unit that asks to move up. */
let applicant: Page;
let arrearsUnitId = 0;

const ARREARS_UNIT = '示例欠费单位（演示）';
const GROUP = 'ITSS 分会会员交流群';
const UPGRADING = '杭州升级测试信息技术有限公司';
/** This year and the month, as the association counts them (Beijing). */
const NOW = new Date(Date.now() + 8 * 3600_000);
const YEAR = NOW.getUTCFullYear();
const MONTH = NOW.getUTCMonth() + 1;
const UNIT_PAGE = '/packages/unit/pages/index/index';
const UPGRADE_PAGE = '/packages/standing/pages/upgrade/index';
const ARREARS_PAGE = '/packages/standing/staff/arrears/index';
const ARREARS_UNIT_PAGE = '/packages/standing/staff/arrears-unit/index';
const LEVEL_REQUESTS_PAGE = '/packages/standing/staff/level-requests/index';

beforeAll(async () => {
  harness = await startHarness();
  contact = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  expect(harness.errors).toEqual([]);
});

const { post, staffToken, signIn, open } = journey(() => harness.baseUrl);
const seed = () => seeding(builtServer(harness.baseUrl));

/** The workbench tile's count once loaded: its badge's number, or 0 when it says there is nothing. */
async function tileCount(page: Page, text: string): Promise<number> {
  await page.waitForFunction(
    (name) =>
      Array.from(document.querySelectorAll('.taro_page_stationed [class*="staff-links__row"]')).some(
        (row) =>
          row.textContent?.includes(name) &&
          (row.querySelector('.staff-links__badge') || /暂无/.test(row.textContent)),
      ),
    text,
  );
  const badge = on(page, '[class*="staff-links__row"]', text).locator('.staff-links__badge');
  return (await badge.count()) ? Number(await badge.innerText()) : 0;
}

test('the unit with two unpaid years is on 欠费与除名, proposed, with its bills behind it', async () => {
  const token = await staffToken();
  const { items } = await seed().ok<ArrearsListResponse>(token, 'GET', '/api/dues/arrears');
  const listed = items.find((item) => item.unitName === ARREARS_UNIT);
  if (!listed) throw new Error(`${ARREARS_UNIT} is not in arrears`);
  arrearsUnitId = listed.unitId;
  expect(listed).toMatchObject({ unpaidYears: [YEAR - 2, YEAR - 1], removalProposed: true });

  // The seed suspended it. Restored (its bills still unpaid, so still proposed), it gets a contact,
  // who is let into the members' group.
  await seed().ok(token, 'PATCH', `/api/units/${arrearsUnitId}/status`, {
    status: 'active',
    reason: '单位承诺补缴欠费，恢复会员资格',
  });
  const { token: contactToken } = await seed().signIn({ persona: 'visitor' });
  await seed().addContact(arrearsUnitId, token, contactToken, '赵晓访', '财务经理');
  const group = await post<Group>('/api/groups', { name: GROUP, minLevel: 'member' }, token);
  await seed().uploadGroupCode(token, group.id, { bytes: PNG });
  await seed().ok(contactToken, 'GET', '/api/groups/entry');

  staff = await harness.secondBrowser();
  await signIn(staff, '工作人员', '周会服');
  await open(staff, '/packages/staff/pages/index/index');
  expect(await tileCount(staff, '欠费与除名')).toBeGreaterThanOrEqual(1);
  await on(staff, '.staff-links__text', '欠费与除名').click();
  await waitForPage(staff, ARREARS_PAGE);
  // At a desk the units are a table's rows.
  const row = on(staff, '.data-table__row--link', ARREARS_UNIT);
  await row.waitFor();
  const cells = compact(await row.innerText());
  expect(cells).toContain(compact(`${YEAR - 2}、${YEAR - 1} 年度`));
  expect(cells).toContain('建议除名');
  await on(staff, '.staff-chips__chip', '仅看建议除名').click();
  await on(staff, '.data-table__row--link', ARREARS_UNIT).waitFor();
  await staff.setViewportSize({ width: 1366, height: 800 });
  await screenshot(staff, 'standing-arrears-desktop');
  // On a phone the same list is cards.
  await staff.setViewportSize({ width: 375, height: 812 });
  await on(staff, '.arrears-row', ARREARS_UNIT).waitFor();
  await screenshot(staff, 'standing-arrears-phone');
  await staff.setViewportSize({ width: 1280, height: 800 });
  await on(staff, '.data-table__row--link', ARREARS_UNIT).waitFor();

  await on(staff, '.data-table__row--link', ARREARS_UNIT).click();
  await waitForPage(staff, ARREARS_UNIT_PAGE);
  await on(staff, '.arrears-head__unit', ARREARS_UNIT).waitFor();
  expect(await on(staff, '.arrears-bill--unpaid').count()).toBe(2);
  expect(await visibleText(staff)).toContain('建议除名：已有两个及以上年度逾期未缴会费');
});

test('its contact reads the arrears on 我的单位, with 申请升级 closed until they are paid', async () => {
  await signIn(contact, '访客', '赵晓访');
  await on(contact, '.me-help__row--unit').click();
  await waitForPage(contact, UNIT_PAGE);
  const block = on(contact, '.standing-card');
  await block.waitFor();
  const text = compact(await block.innerText());
  expect(text).toContain('会费状态欠缴会费');
  expect(text).toContain(compact(`欠缴年度${YEAR - 2}、${YEAR - 1} 年度`));
  expect(text).toContain('两个年度未按时交纳会费的将予以退会或除名');
  // Taro's button is an element of its own: disabled is its attribute.
  await expect(on(contact, '.standing-card__upgrade').getAttribute('disabled')).resolves.not.toBeNull();
  await on(contact, '.standing-card__pay', '缴纳欠费').waitFor();
  await screenshot(contact, 'standing-my-unit');
});

test('staff record the removal; the contact loses the group and is on 待移出群聊', async () => {
  await open(staff, `${ARREARS_UNIT_PAGE}?unitId=${arrearsUnitId}`);
  await on(staff, '.removal-form').waitFor();
  await on(staff, '.removal-form__bodies .staff-chips__chip', '主任委员会').click();
  // The decision's date: the picker opens on today.
  await on(staff, '.removal-form__date').click();
  await staff.locator('.weui-picker:visible').waitFor();
  await staff.locator('.weui-picker:visible .weui-picker__action', { hasText: '确定' }).click();
  await staff.locator('.weui-picker:visible').waitFor({ state: 'hidden' });
  await on(staff, '.removal-form__number input').fill(`ITSS分会〔${YEAR}〕5号`);
  await on(staff, '.removal-form__reason textarea').fill('经多次催缴，两个年度的会费仍未交纳');
  await screenshot(staff, 'standing-removal-desktop');
  await on(staff, '.removal-form__submit').click();
  const modal = staff.locator('.taro__modal');
  await modal.getByText('确认除名').waitFor();
  await modal.getByText('除名', { exact: true }).click();
  await on(staff, '.section__title', '除名记录').waitFor();
  const record = await visibleText(staff);
  expect(record).toContain('连续两个年度未按时交纳会费');
  expect(record).toContain(compact(`ITSS分会〔${YEAR}〕5号`));
  expect(record).toContain('已除名');

  // The contact: no more members' group. The browser logs the refused entry (403); that one is
  // expected, anything else is not.
  await open(contact, '/packages/groups/pages/group/index');
  await on(contact, '.entry-refused__title', '暂不能加入会员微信群').waitFor();
  const refused = harness.errors.findIndex((error) => error.includes('status of 403'));
  expect(refused).toBeGreaterThanOrEqual(0);
  harness.errors.splice(refused, 1);

  await open(staff, '/packages/groups/staff/group-removals/index');
  const removal = on(staff, '.task-row', '赵晓访');
  await removal.waitFor();
  const row = await removal.innerText();
  expect(row).toContain('单位被除名');
  expect(row).toContain(ARREARS_UNIT);
  expect(row).toContain(GROUP);

  // Removed, it leaves the arrears list; its page keeps the arrears and the removal on record.
  await open(staff, ARREARS_PAGE);
  await on(staff, '.data-table__row--link', ARREARS_UNIT).waitFor({ state: 'detached' });
});

test('a 会员单位 asks for 委员单位, staff approve, and the difference bill is on its 会费', async () => {
  const token = await staffToken();
  const { token: applicantToken } = await seed().signIn({ persona: 'applicant' });
  await seed().memberUnit(applicantToken, token, {
    unitName: UPGRADING,
    creditCode: validCreditCode(),
    level: 'member',
  });

  applicant = await harness.secondBrowser({ phone: true });
  await signIn(applicant, '申请人', '钱申科');
  await on(applicant, '.me-help__row--unit').click();
  await waitForPage(applicant, UNIT_PAGE);
  await on(applicant, '.standing-card__upgrade', '申请升级').click();
  await waitForPage(applicant, UPGRADE_PAGE);
  await on(applicant, '.section__title', '申请升级为委员单位').waitFor();
  const fees = Object.fromEntries(LEVELS.map((level) => [level.code, level.annualFeeYuan]));
  const offer = await visibleText(applicant);
  expect(offer).toContain(compact(`当前级别：会员单位`));
  expect(offer).toContain(compact(`${fees.committee!.toLocaleString('en-US')} 元/年`));
  await on(applicant, '.level-card__name', '委员单位').waitFor();
  await on(applicant, '.upgrade-form__reason textarea').fill('单位业务规模扩大，希望参与分会标准研制工作');
  await screenshot(applicant, 'standing-upgrade');
  await on(applicant, '.upgrade-form__submit').click();
  await on(applicant, '.section__title', '待审核的申请').waitFor();
  expect(await visibleText(applicant)).toContain('升级：会员单位→委员单位待审核');

  await open(staff, '/packages/staff/pages/index/index');
  expect(await tileCount(staff, '会员级别申请')).toBeGreaterThanOrEqual(1);
  await on(staff, '.staff-links__text', '会员级别申请').click();
  await waitForPage(staff, LEVEL_REQUESTS_PAGE);
  await on(staff, '.president-seat').waitFor();
  const card = on(staff, '.level-row', UPGRADING);
  await card.waitFor();
  await screenshot(staff, 'standing-level-requests-desktop');
  await card.locator('.level-decision__approve').click();
  const modal = staff.locator('.taro__modal');
  await modal.getByText('批准委员单位申请').waitFor();
  await modal.getByText('批准', { exact: true }).click();
  await card.waitFor({ state: 'detached' });

  // The member's 会费: this year's annual bill and the difference, one twelfth per month left.
  const differenceFen = upgradeDifferenceFen(fees.member! * 100, fees.committee! * 100, MONTH);
  await open(applicant, '/packages/dues/pages/index/index');
  await on(applicant, '.dues-bill__year', `${YEAR} 年度升级差额`).waitFor();
  const bills = await visibleText(applicant);
  expect(bills).toContain(compact(formatFen(differenceFen)));
  expect(bills).toContain(compact(`${YEAR} 年度会费`));

  // 我的单位 now reads 委员单位, and the request's history says it was approved.
  await open(applicant, `${UPGRADE_PAGE}`);
  await on(applicant, '.level-request-state--approved').waitFor();
  expect(await visibleText(applicant)).toContain('当前级别：委员单位');
});
