import type { Page } from 'playwright-core';
import { type MessageListResponse, type Notice, type NoticeListResponse } from '@itss/shared';
import { builtServer, seeding } from '../../server/test/support/seed';
import { screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';
import { loginAs } from './joining';

// Notices in a browser against the built server: staff write one on 会员通知 → 发送通知, to 委员单位
// (the demo unit's level) with a link to an article; the demo unit's 会员联系人 finds it in 消息 and
// opens the article; the applicant, a contact of a 会员单位, gets nothing; staff's list shows who
// received and read it. Screenshots of the form and the list on a phone and a desktop.

let harness: Harness;
let staff: Page;

const LIST = '/packages/notices/staff/notices/index';
const FORM = '/packages/notices/staff/notice-new/index';
const TITLE = '年度工作报告发布';
const ARTICLE = '分会2026年度工作报告';

beforeAll(async () => {
  harness = await startHarness();
  staff = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  expect(harness.errors).toEqual([]);
});

const { staffToken, signIn, open } = journey(() => harness.baseUrl);
const seed = () => seeding(builtServer(harness.baseUrl));

async function noticeTitles(token: string): Promise<string[]> {
  const { items } = await seed().ok<MessageListResponse>(token, 'GET', '/api/messages?limit=50');
  return items.filter((message) => message.purpose === 'notice').map((message) => message.title);
}

/** The notice as staff's API reads it, once its delivery has finished. */
async function sentNotice(token: string): Promise<Notice> {
  for (let tries = 0; tries < 50; tries += 1) {
    const { items } = await seed().ok<NoticeListResponse>(token, 'GET', '/api/notices');
    const notice = items.find((item) => item.title === TITLE);
    if (notice?.state === 'sent') return notice;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the notice was not delivered');
}

test('staff send a notice to 委员单位; a contact of that level reads it in 消息, one of another level gets nothing; the counts follow', async () => {
  const token = await staffToken();
  await seed().publishArticle(token, {
    category: 'standard',
    title: ARTICLE,
    summary: '分会2026年度工作总结与下一年度计划。',
    body: '<p>一年来，分会围绕会员服务开展了以下工作。</p>',
    visibility: 'public',
  });
  // The applicant persona speaks for a 会员单位, another level than the demo unit's 委员单位.
  const applicantToken = await loginAs(harness.baseUrl, 'applicant');
  await seed().memberUnit(applicantToken, token, { level: 'member', unitName: '上海通知测试科技有限公司' });

  await signIn(staff, '工作人员', '周会服');
  await open(staff, LIST);
  await staff.getByText('还没有发送过通知').waitFor();
  await on(staff, '.notices__new').click();
  await waitForPage(staff, FORM);
  // Nothing filled: the form says what is missing and sends nothing.
  await on(staff, '.notice-new__submit').click();
  await on(staff, '.staff-form__error', '请填写标题').waitFor();

  await on(staff, '.notice-new__title input').fill(TITLE);
  await on(staff, '.notice-new__text textarea').fill(
    '分会2026年度工作报告已发布，请各委员单位查阅并于月底前反馈意见。',
  );
  await on(staff, '.notice-article__input input').fill('年度工作报告');
  await on(staff, '.notice-article__search').click();
  await on(staff, '.notice-article__option', ARTICLE).click();
  await on(staff, '.notice-article__chosen', ARTICLE).waitFor();
  await on(staff, '.notice-new__chips__chip', '按会员级别').click();
  await on(staff, '.notice-levels__chip', '委员单位').click();
  await screenshot(staff, 'notice-new');

  await on(staff, '.notice-new__submit').click();
  await staff.locator('.taro__modal').getByText('发送', { exact: true }).click();
  await waitForPage(staff, LIST);
  await on(staff, '.notice-row', TITLE).waitFor();

  const sent = await sentNotice(token);
  expect(sent).toMatchObject({ recipients: 2, read: 0, audience: { kind: 'levels', levels: ['committee'] } });
  expect(await noticeTitles(applicantToken)).toEqual([]);

  // The 会员联系人 of the demo unit (委员单位) on their phone: 消息, then the article.
  const member = await harness.secondBrowser({ phone: true });
  await signIn(member, '会员联系人', '孙联络');
  await open(member, '/packages/account/pages/messages/index');
  await on(member, '.message--unread', TITLE).click();
  await waitForPage(member, '/packages/news/pages/article/index');
  await on(member, '.article-head__title', ARTICLE).waitFor();

  for (let tries = 0; tries < 50 && (await sentNotice(token)).read < 1; tries += 1)
    await new Promise((resolve) => setTimeout(resolve, 200));
  await open(staff, LIST);
  const row = on(staff, '.notice-row', TITLE);
  await row.locator('.notice-counts__read', { hasText: '1' }).waitFor();
  await row.locator('.notice-counts__recipients', { hasText: '2' }).waitFor();
  const text = await visibleText(staff);
  for (const words of ['已发送', '委员单位', '收到', '微信送达', '已读', `链接文章：${ARTICLE}`])
    expect(text).toContain(words.replace(/\s+/g, ''));
  await screenshot(staff, 'notices');
  await staff.setViewportSize({ width: 1366, height: 800 });
  await screenshot(staff, 'notices-desktop');
  await staff.setViewportSize({ width: 375, height: 812 });
});
