import type { Page } from 'playwright-core';
import { currentPage, screenshot, startHarness, visibleText, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';

// Articles in browsers: staff write an article with an image and a PDF on a desktop,
// preview and publish it; a visitor on a phone reads it on 首页 and in its category, finds it by a
// Chinese keyword and opens its shared link; a members-only article is a teaser to the visitor and
// whole to a member contact; a member contact submits a 会员风采, staff approve it, and it appears.
let harness: Harness;
/** A visitor on a phone, never signed in as a member. */
let visitor: Page;
/** 会员服务部 (周会服) in the staff pages, on a desktop. */
let staff: Page;
/** 李主联, the primary contact of the demo unit, on a phone. */
let member: Page;
let articleLink = '';

const TITLE = '关于开展2027年度数据中心运维服务能力评估的通知';
const KEYWORD = '运维服务能力';
const BODY_TEXT = '各会员单位：为推动数据中心运维服务规范化，分会将组织年度能力评估。';
const MEMBERS_TITLE = '会员内参：信息技术服务标准实施情况分析';
const MEMBERS_BODY = '仅会员可读的正文：各地标准实施进展与问题。';
const SHOWCASE_TITLE = '示例会员单位荣获年度优秀运维服务商称号';

/** The smallest PDF a reader accepts: the server checks the bytes, not the name. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
    'trailer<</Root 1 0 R>>\n%%EOF\n',
);

beforeAll(async () => {
  harness = await startHarness();
  visitor = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  expect(harness.errors).toEqual([]);
});

const { post, staffToken, campaignCode, signIn, open } = journey(() => harness.baseUrl);

/** Types into the field showing `placeholder` (Taro's H5 input or textarea). */
async function type(page: Page, placeholder: string, text: string): Promise<void> {
  await currentPage(page)
    .locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`)
    .fill(text);
}

/** Answers Taro's H5 modal (Taro.showModal) with its confirm button. */
async function confirm(page: Page): Promise<void> {
  await page.locator('.taro__modal').getByText('确定', { exact: true }).click();
}

test('staff write an article with an image and a PDF, preview it and publish it', async () => {
  staff = await harness.secondBrowser();
  await signIn(staff, '工作人员', '周会服');
  await open(staff, '/packages/news/staff/article-edit/index');

  await on(staff, '.article-edit__category').click();
  await staff.locator('.weui-picker:visible').waitFor();
  await staff.locator('.weui-picker:visible .weui-picker__action', { hasText: '确定' }).click();
  await on(staff, '.article-edit__category', '通知公告').waitFor();
  await type(staff, '文章标题', TITLE);
  await type(staff, '列表中显示的一两句话', `${KEYWORD}评估报名即日开始。`);

  await type(staff, '段落文字', BODY_TEXT);
  const image = await campaignCode(await staffToken());
  const imageChooser = staff.waitForEvent('filechooser');
  await on(staff, '.article-editor__add-image').click();
  await (await imageChooser).setFiles({ name: '评估现场.png', mimeType: 'image/png', buffer: image });
  await on(staff, '.block--image .block__image').waitFor();
  const pdfChooser = staff.waitForEvent('filechooser');
  await on(staff, '.article-edit__attach').click();
  await (await pdfChooser).setFiles({ name: '评估指南.pdf', mimeType: 'application/pdf', buffer: PDF });
  await on(staff, '.article-form', '评估指南.pdf').waitFor();
  await screenshot(staff, 'staff-article-editor');

  // At a desk the preview sits beside the form and follows it: nothing to switch to.
  await on(staff, '.article-edit__aside .article-preview', BODY_TEXT).waitFor();
  expect(await on(staff, '.article-edit__aside').innerText()).toContain(TITLE);

  await on(staff, '.article-edit__publish').click();
  await confirm(staff);
  await on(staff, '.article-edit__unpublish', '下线').waitFor();
});

test('a visitor reads it on 首页 and in 通知公告, finds it by a Chinese keyword and opens its shared link', async () => {
  await open(visitor, '/pages/index/index');
  await on(visitor, '.home-latest .article-row__title', TITLE).waitFor();
  await screenshot(visitor, 'home-news');

  await open(visitor, '/pages/news/index');
  await on(visitor, '.news-tabs__tab', '通知公告').click();
  await on(visitor, '.article-row__title', TITLE).waitFor();
  await on(visitor, '.news-search__input input').fill(KEYWORD);
  await on(visitor, '.news-search__button').click();
  await on(visitor, '.article-row__title', TITLE).waitFor();
  await screenshot(visitor, 'news');

  await on(visitor, '.article-row', TITLE).click();
  await waitForPage(visitor, '/packages/news/pages/article/index');
  await on(visitor, '.article', BODY_TEXT).waitFor();
  await on(visitor, '.article-attachment__name', '评估指南.pdf').waitFor();
  await on(visitor, '.article-body__image').waitFor();
  await screenshot(visitor, 'article');
  articleLink = visitor.url();
  expect(articleLink).toMatch(/#\/packages\/news\/pages\/article\/index\?id=\d+$/);

  // The link a reader shares: opened fresh, in a browser that has never seen the app.
  const friend = await harness.secondBrowser({ phone: true });
  await friend.goto(articleLink);
  await waitForPage(friend, '/packages/news/pages/article/index');
  await on(friend, '.article-head__title', TITLE).waitFor();
  await on(friend, '.article', BODY_TEXT).waitFor();
});

test('a members-only article is a teaser to the visitor and whole to a member contact', async () => {
  const token = await staffToken();
  const { id } = await post<{ id: number }>(
    '/api/articles',
    {
      category: 'policy',
      title: MEMBERS_TITLE,
      summary: '本期分析各地标准实施的进展。',
      body: `<p>${MEMBERS_BODY}</p>`,
      visibility: 'members',
    },
    token,
  );
  await post(`/api/articles/${id}/publish`, {}, token);
  const route = `/packages/news/pages/article/index?id=${id}`;

  await open(visitor, route);
  await on(visitor, '.article-locked', '本期分析各地标准实施的进展。').waitFor();
  expect(await visibleText(visitor)).not.toContain(MEMBERS_BODY);

  member = await harness.secondBrowser({ phone: true });
  await signIn(member, '主联系人', '李主联');
  await open(member, route);
  await on(member, '.article', MEMBERS_BODY).waitFor();
  expect(await on(member, '.article-locked').count()).toBe(0);
});

test('a member contact submits a 会员风采, staff approve it in 投稿审核, and it appears', async () => {
  await open(member, '/packages/submit/pages/new/index');
  await on(member, '.submit-chip', '会员风采').click();
  await type(member, '投稿标题', SHOWCASE_TITLE);
  await type(member, '一两句话介绍内容', '本年度客户满意度位居前列。');
  await type(member, '段落文字', '我单位在年度评选中荣获优秀运维服务商称号。');
  await on(member, '.submit-form__submit', '提交审核').click();
  await on(member, '.submit-done__title', '已提交，等待审核').waitFor();

  await open(staff, '/packages/submit/staff/submissions/index');
  await on(staff, '.submission-row', SHOWCASE_TITLE).waitFor();
  await screenshot(staff, 'staff-submissions');
  await on(staff, '.submission-row', SHOWCASE_TITLE).click();
  await waitForPage(staff, '/packages/submit/staff/submission/index');
  await on(staff, '.submission-decision__approve').click();
  await confirm(staff);
  await on(staff, '.article-state--published').waitFor();

  // Back on 资讯, the visitor clears the earlier search and looks in 会员风采.
  await open(visitor, '/pages/news/index');
  await on(visitor, '.news-search__input input').fill('');
  await on(visitor, '.news-search__button').click();
  await on(visitor, '.news-tabs__tab', '会员风采').click();
  await on(visitor, '.article-row__title', SHOWCASE_TITLE).waitFor();
});
