import type { Page } from 'playwright-core';
import { builtServer, seeding, validCreditCode } from '../../server/test/support/seed';
import { startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';

// Staff's to-do counts against the lists they open: an application asked for more and resubmitted
// waits for staff as much as a new one, so the default 待审核 list shows both; and every count on
// 工作台 is the number of rows its list shows.
let harness: Harness;
let page: Page;

beforeAll(async () => {
  harness = await startHarness();
  page = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  expect(harness.errors).toEqual([]);
});

const { post, staffToken, signIn, open } = journey(() => harness.baseUrl);
const seed = () => seeding(builtServer(harness.baseUrl));

/** Applies as a new person of its own, for a unit of its own. */
async function apply(who: string, unitName: string) {
  const { token } = await seed().signIn({ openid: `o_queue_${who}` });
  return seed().submitApplication(token, { unitName, creditCode: validCreditCode() });
}

const NEW = '北京新提交科技有限公司';
const RESUBMITTED = '上海重新提交信息技术有限公司';
const WAITING_FOR_APPLICANT = '广州待补充材料数据服务有限公司';

/** Each tile with a count, the rows of the list it opens. */
const TILES = [
  {
    text: '入会审核',
    route: '/packages/join/staff/applications/index',
    row: '.queue-row, .data-table__row--link',
  },
  { text: '入群待办', route: '/packages/groups/staff/group-todos/index', row: '.task-row' },
  { text: '待移出群聊', route: '/packages/groups/staff/group-removals/index', row: '.task-row' },
  {
    text: '投稿审核',
    route: '/packages/submit/staff/submissions/index',
    row: '.queue-row, .data-table__row--link',
  },
] as const;

async function openWorkbench(): Promise<void> {
  await open(page, '/packages/staff/pages/index/index');
  await on(page, '.staff-links__text', '入会审核').waitFor();
}

/** The tile's count once loaded: its badge's number, or 0 when it says there is nothing. */
async function countOn(text: string): Promise<number> {
  const tile = on(page, '[class*="staff-links__row"]', text);
  const badge = tile.locator('.staff-links__badge');
  await page.waitForFunction(
    (name) =>
      Array.from(document.querySelectorAll('.taro_page_stationed [class*="staff-links__row"]')).some(
        (row) =>
          row.textContent?.includes(name) &&
          (row.querySelector('.staff-links__badge') || /暂无/.test(row.textContent)),
      ),
    text,
  );
  return (await badge.count()) ? Number(await badge.innerText()) : 0;
}

test('staff ask one applicant for more and another resubmits: both new and resubmitted wait in 待审核', async () => {
  const staff = await staffToken();
  await apply('new', NEW);
  const resubmitted = await apply('resubmitted', RESUBMITTED);
  const waiting = await apply('waiting', WAITING_FOR_APPLICANT);
  for (const application of [resubmitted, waiting])
    await seed().decideApplication(staff, application.id, 'needs_info', '请上传加盖公章的营业执照');
  const { token } = await seed().signIn({ openid: 'o_queue_resubmitted' });
  await post(`/api/applications/${resubmitted.id}/resubmit`, undefined, token);

  await signIn(page, '工作人员', '周会服');
  await openWorkbench();
  expect(await countOn('入会审核')).toBe(2);
  await on(page, '.staff-links__text', '入会审核').click();
  await waitForPage(page, '/packages/join/staff/applications/index');
  await on(page, '.queue-row, .data-table__row--link', RESUBMITTED).waitFor();
  await on(page, '.queue-row, .data-table__row--link', NEW).waitFor();
  const text = await visibleText(page);
  expect(text).toContain('已重新提交');
  expect(text).not.toContain(WAITING_FOR_APPLICANT);
  await expect(on(page, '.queue-row, .data-table__row--link').count()).resolves.toBe(2);
});

test('every count on 工作台 is the number of rows of the list it opens', async () => {
  const staff = await staffToken();
  // A member's submission to review, and a person to add to a group that has no code yet.
  const primary = await seed().signIn({ persona: 'primary_contact' });
  await post(
    '/api/submissions',
    {
      category: 'member_showcase',
      title: '数据中心运维实践',
      summary: '我单位在数据中心运维方面的做法。',
      body: '<p>我单位于 2025 年完成数据中心改造。</p>',
    },
    primary.token,
  );
  await post('/api/groups', { name: 'ITSS 会员交流群', minLevel: 'member' }, staff);
  await seed().call(primary.token, 'GET', '/api/groups/entry');

  const seen: Record<string, { count: number; rows: number }> = {};
  for (const tile of TILES) {
    await openWorkbench();
    const count = await countOn(tile.text);
    await on(page, '.staff-links__text', tile.text).click();
    await waitForPage(page, tile.route);
    if (count) await on(page, tile.row).first().waitFor();
    else await on(page, '.state--empty').first().waitFor();
    seen[tile.text] = { count, rows: await on(page, tile.row).count() };
  }
  // The two applications of the test above, this test's submission and person to add, no departure.
  expect(seen).toEqual({
    入会审核: { count: 2, rows: 2 },
    入群待办: { count: 1, rows: 1 },
    待移出群聊: { count: 0, rows: 0 },
    投稿审核: { count: 1, rows: 1 },
  });
});
