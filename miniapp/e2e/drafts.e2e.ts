import type { Dialog, Page } from 'playwright-core';
import { currentPage, startHarness, waitForPage, type Harness } from './harness';
import { journey, on } from './journey';

// The two editors keep what a person writes: a member's submission (我要投稿) and staff's article
// editor save a draft on the server as they type, find it again after a reload and on another
// device, and ask before a page with changes not yet saved is left. Their field errors clear as
// each field is fixed, 发布 checks the form before it asks to confirm, the title counts to its
// limit, and an oversized picture is refused on the phone before anything is sent.
let harness: Harness;
/** 李主联, the primary contact of the demo unit, on a phone. */
let member: Page;
/** 周会服 of 会员服务部, on a desktop. */
let staff: Page;
let publishedId = 0;

beforeAll(async () => {
  harness = await startHarness();
  member = harness.page;
}, 60000);

afterAll(async () => {
  await harness?.close();
});

afterEach(() => {
  // A save refused on purpose below is the only error a page may log.
  expect(harness.errors.filter((error) => !error.includes('503'))).toEqual([]);
});

const { post, staffToken, signIn, open } = journey(() => harness.baseUrl);

const SUBMISSION_TITLE = '示例单位获评年度优秀运维服务商';
const SUBMISSION_SUMMARY = '本年度客户满意度位居前列。';
const SUBMISSION_BODY = '我单位在年度评选中荣获优秀运维服务商称号，感谢各方支持。';
const ARTICLE_TITLE = '关于开展年度信息技术服务能力评估的通知';
const ARTICLE_BODY = '各会员单位：分会将组织年度能力评估，请按时报名。';

const field = (page: Page, placeholder: string) =>
  currentPage(page).locator(`input[placeholder="${placeholder}"], textarea[placeholder="${placeholder}"]`);

async function type(page: Page, placeholder: string, text: string): Promise<void> {
  await field(page, placeholder).fill(text);
}

async function reload(page: Page, route: string): Promise<void> {
  await page.reload();
  await waitForPage(page, route);
}

/** Opens a page in a freshly started app, with no earlier page of the editor left beneath it. */
async function openFresh(page: Page, route: string): Promise<void> {
  await open(page, route);
  await reload(page, route.split('?')[0] ?? route);
}

/** A published article by the demo staff member (周会服), whose edits are kept apart. */
async function publishedArticle(): Promise<number> {
  const token = await staffToken();
  const { id } = await post<{ id: number }>(
    '/api/articles',
    {
      category: 'notice',
      title: '已发布的原标题',
      summary: '原摘要',
      body: '<p>原正文</p>',
      visibility: 'public',
    },
    token,
  );
  await post(`/api/articles/${id}/publish`, {}, token);
  return id;
}

const SUBMISSION_ROUTE = '/packages/submit/pages/new/index';
const EDITOR_ROUTE = '/packages/news/staff/article-edit/index';

test("a member's submission survives a reload and opens on a second phone", async () => {
  await signIn(member, '主联系人', '李主联');
  await open(member, SUBMISSION_ROUTE);
  await on(member, '.submit-chip', '优秀案例').click();
  await type(member, '投稿标题', SUBMISSION_TITLE);
  await type(member, '一两句话介绍内容', SUBMISSION_SUMMARY);
  await type(member, '段落文字', SUBMISSION_BODY);
  await on(member, '.draft-status', '草稿已保存').waitFor();

  await reload(member, SUBMISSION_ROUTE);
  await on(member, '.draft-status').waitFor();
  await expect(field(member, '投稿标题').inputValue()).resolves.toBe(SUBMISSION_TITLE);
  await expect(field(member, '一两句话介绍内容').inputValue()).resolves.toBe(SUBMISSION_SUMMARY);
  await expect(field(member, '段落文字').inputValue()).resolves.toBe(SUBMISSION_BODY);
  await on(member, '.submit-chip--active', '优秀案例').waitFor();

  const phone = await harness.secondBrowser({ phone: true });
  await signIn(phone, '主联系人', '李主联');
  await open(phone, SUBMISSION_ROUTE);
  await on(phone, '.draft-status').waitFor();
  await expect(field(phone, '投稿标题').inputValue()).resolves.toBe(SUBMISSION_TITLE);
  await expect(field(phone, '段落文字').inputValue()).resolves.toBe(SUBMISSION_BODY);
  await phone.context().close();
});

test('leaving the submission form with changes not yet saved asks first, on reload and on back', async () => {
  // Entered as people enter the app, then 我要投稿: the way back is the app's own.
  await openFresh(member, '/packages/submit/pages/mine/index');
  await on(member, '.submit-intro__new', '我要投稿').click();
  await waitForPage(member, SUBMISSION_ROUTE);
  await on(member, '.draft-status').waitFor();
  // The server refuses the draft: what is typed stays unsaved.
  await member.route('**/api/submissions/draft', (route) =>
    route.request().method() === 'PUT' ? route.fulfill({ status: 503, body: '' }) : route.fallback(),
  );
  await type(member, '投稿标题', '尚未保存的标题');
  await on(member, '.draft-status', '草稿暂未保存').waitFor();

  const dialogs: string[] = [];
  const onDialog = (dialog: Dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  };
  member.on('dialog', onDialog);
  // Staying on the page cancels the reload: its promise never settles.
  await member.reload({ timeout: 3000 }).catch(() => undefined);
  member.off('dialog', onDialog);
  expect(dialogs).toEqual(['beforeunload']);
  await expect(field(member, '投稿标题').inputValue()).resolves.toBe('尚未保存的标题');

  await member.evaluate(() => window.history.back());
  const modal = member.locator('.taro__modal');
  await modal.getByText('草稿还未保存').waitFor();
  await modal.getByText('继续编辑', { exact: true }).click();
  await expect(field(member, '投稿标题').inputValue()).resolves.toBe('尚未保存的标题');

  await member.evaluate(() => window.history.back());
  await modal.getByText('离开', { exact: true }).click();
  await waitForPage(member, '/packages/submit/pages/mine/index');
  await member.unroute('**/api/submissions/draft');
});

test("staff's new article survives a reload and opens in a second browser", async () => {
  // Made first: creating an article is what clears its writer's new-article draft.
  publishedId = await publishedArticle();
  staff = await harness.secondBrowser();
  await signIn(staff, '工作人员', '周会服');
  await open(staff, EDITOR_ROUTE);
  await type(staff, '文章标题', ARTICLE_TITLE);
  await type(staff, '段落文字', ARTICLE_BODY);
  await on(staff, '.draft-status', '草稿已保存').waitFor();

  await reload(staff, EDITOR_ROUTE);
  await on(staff, '.draft-status').waitFor();
  await expect(field(staff, '文章标题').inputValue()).resolves.toBe(ARTICLE_TITLE);
  await expect(field(staff, '段落文字').inputValue()).resolves.toBe(ARTICLE_BODY);

  const other = await harness.secondBrowser();
  await signIn(other, '工作人员', '周会服');
  await open(other, EDITOR_ROUTE);
  await on(other, '.draft-status').waitFor();
  await expect(field(other, '文章标题').inputValue()).resolves.toBe(ARTICLE_TITLE);
  await other.context().close();
});

test('editing a published article keeps a draft of its own; readers see the published text until it is saved', async () => {
  const id = publishedId;
  const route = `${EDITOR_ROUTE}?id=${id}`;
  await openFresh(staff, route);
  await on(staff, '.draft-status').waitFor();
  await type(staff, '文章标题', '修改中的新标题');
  await on(staff, '.draft-status', '草稿已保存').waitFor();

  await reload(staff, EDITOR_ROUTE);
  await on(staff, '.draft-status').waitFor();
  await expect(field(staff, '文章标题').inputValue()).resolves.toBe('修改中的新标题');
  const published = (await (await fetch(`${harness.baseUrl}/api/articles/${id}`)).json()) as {
    title: string;
  };
  expect(published.title).toBe('已发布的原标题');
  // The new article's draft is another draft: it is still there.
  await openFresh(staff, EDITOR_ROUTE);
  await on(staff, '.draft-status').waitFor();
  await expect(field(staff, '文章标题').inputValue()).resolves.toBe(ARTICLE_TITLE);
});

test("the editors' field errors clear as each is fixed, and 发布 checks the form before it asks to confirm", async () => {
  await openFresh(staff, EDITOR_ROUTE);
  await on(staff, '.draft-status').waitFor();
  await type(staff, '文章标题', '');
  await on(staff, '.article-edit__publish').click();
  await on(staff, '.article-form__field--error', '标题至少 2 个字').waitFor();
  await on(staff, '.article-form__field--error', '请选择栏目').waitFor();
  expect(await staff.locator('.taro__modal:visible').count()).toBe(0);
  await type(staff, '文章标题', ARTICLE_TITLE);
  await on(staff, '.article-form__field--error', '标题至少 2 个字').waitFor({ state: 'detached' });
  await on(staff, '.article-form__field--error', '请选择栏目').waitFor();

  await openFresh(member, SUBMISSION_ROUTE);
  await on(member, '.draft-status').waitFor();
  await type(member, '投稿标题', '');
  await on(member, '.submit-form__submit', '提交审核').click();
  await on(member, '.article-form__field--error', '标题至少 2 个字').waitFor();
  await type(member, '投稿标题', SUBMISSION_TITLE);
  await on(member, '.article-form__field--error', '标题至少 2 个字').waitFor({ state: 'detached' });
  await on(member, '.draft-status', '草稿已保存').waitFor();
});

test('the title counts to 80 and takes no more', async () => {
  await openFresh(member, SUBMISSION_ROUTE);
  await on(member, '.draft-status').waitFor();
  await type(member, '投稿标题', '');
  await on(member, '.article-form__counter', '0/80').waitFor();
  await type(member, '投稿标题', '长'.repeat(85));
  await on(member, '.article-form__counter', '80/80').waitFor();
  await expect(field(member, '投稿标题').inputValue()).resolves.toBe('长'.repeat(80));
  await on(member, '.draft-status', '草稿已保存').waitFor();
});

test('an oversized picture is refused on the phone before anything is sent', async () => {
  let uploads = 0;
  const counted = (request: { url: () => string; method: () => string }) => {
    if (request.method() === 'POST' && request.url().includes('/api/articles/images')) uploads += 1;
  };
  member.on('request', counted);
  await openFresh(member, SUBMISSION_ROUTE);
  await on(member, '.draft-status').waitFor();
  const chooser = member.waitForEvent('filechooser');
  await on(member, '.submit-form__cover').click();
  await (
    await chooser
  ).setFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: Buffer.alloc(10 * 1024 * 1024, 1) });
  await member.locator('.taro__modal').getByText('不能超过 5 MB').waitFor();
  await member.locator('.taro__modal').getByText('确定', { exact: true }).click();

  const bodyChooser = member.waitForEvent('filechooser');
  await on(member, '.article-editor__add-image').click();
  await (
    await bodyChooser
  ).setFiles({ name: '正文图片.png', mimeType: 'image/png', buffer: Buffer.alloc(10 * 1024 * 1024, 1) });
  await member.locator('.taro__modal').getByText('不能超过 5 MB').waitFor();
  await member.locator('.taro__modal').getByText('确定', { exact: true }).click();
  member.off('request', counted);
  expect(uploads).toBe(0);
});
