import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { articleDetail } from '@test/editor-fixtures';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { typeInTextarea, typeInto } from '@test/forms';
import {
  chooseMedia,
  chooseMessageFile,
  redirectTo,
  routerParams,
  showModal,
  uploadFile,
} from '@test/taro-mock';
import { unitSummary } from '@/packages/staff/test-fixtures';
import ArticleEditPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

const isDraft = (call: Call) => call.path.endsWith('/draft');
/** What the editor saved, its draft's autosaves aside (they have tests of their own). */
const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET' && !isDraft(c));
const NO_DRAFT = { draft: null, updatedAt: null };

async function open(api: (call: Call) => Answer, id?: number, kept: unknown = NO_DRAFT): Promise<Call[]> {
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  if (id) routerParams.id = String(id);
  const calls = serveBy((call) => (isDraft(call) ? ok(call.method === 'GET' ? kept : NO_DRAFT) : api(call)));
  render(<ArticleEditPage />);
  await screen.findByText('预览');
  return calls;
}

beforeEach(() => {
  chooseMedia.mockReset();
  chooseMessageFile.mockReset();
  uploadFile.mockReset();
});

test('a new 会员风采: checked with the contract, unit picked, image and PDF uploaded, previewed, then created and published', async () => {
  const calls = await open((call) => {
    if (call.path.startsWith('/api/units')) return ok({ items: [unitSummary(3)], nextCursor: null });
    if (call.path === '/api/articles') return ok(articleDetail({ id: 9, staff: undefined }));
    return ok({});
  });
  showModal.mockClear();
  fireEvent.click(screen.getByText('发布'));
  // What would be refused is shown beside its field before any confirmation is asked.
  await screen.findByText('标题至少 2 个字');
  expect(document.querySelector('.article-form__field--error')?.textContent).toContain('请选择栏目');
  expect(showModal).not.toHaveBeenCalled();
  expect(writes(calls)).toEqual([]);

  const [category] = document.querySelectorAll('taro-picker-core');
  fireEvent(category as Element, new CustomEvent('change', { detail: { value: 6 }, bubbles: true }));
  await typeInto('.unit-picker__input', '数智');
  fireEvent.click(screen.getByText('搜索'));
  fireEvent.click(await screen.findByText('北京数智运维科技有限公司3'));
  expect(screen.getByText('更换')).toBeTruthy();
  await typeInto('.article-edit__title', '数智运维获评优秀服务商');
  await typeInTextarea('.article-edit__summary', '年度评选结果。');
  await typeInTextarea('.block__text', '**荣获**表彰 <第一名> & 奖杯');

  chooseMedia.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ tempFilePath: 'wxfile://tmp/photo.jpg', size: 40960, fileType: 'image' }],
  });
  uploadFile.mockResolvedValueOnce({
    errMsg: 'uploadFile:ok',
    statusCode: 201,
    data: JSON.stringify({ fileId: 12, name: 'photo.jpg', size: 30000, url: '/api/articles/files/12' }),
  });
  fireEvent.click(screen.getByText('＋图片'));
  await waitFor(() => expect(document.querySelector('.block__image')).not.toBeNull());
  expect(uploadFile).toHaveBeenLastCalledWith(
    expect.objectContaining({
      url: 'https://api.test/api/articles/images',
      filePath: 'wxfile://tmp/photo.jpg',
    }),
  );

  chooseMessageFile.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ name: '评选通知.pdf', size: 2048, path: 'wxfile://tmp/n.pdf' }],
  });
  uploadFile.mockResolvedValueOnce({
    errMsg: 'uploadFile:ok',
    statusCode: 201,
    data: JSON.stringify({ fileId: 13, name: '评选通知.pdf', size: 2048, url: '/api/articles/files/13' }),
  });
  fireEvent.click(screen.getByText('添加 PDF 附件'));
  await screen.findByText('评选通知.pdf（2 KB）');
  expect(chooseMessageFile).toHaveBeenCalledWith(
    expect.objectContaining({ type: 'file', extension: ['pdf'] }),
  );

  fireEvent.click(screen.getByText('预览'));
  expect(screen.getByText('会员风采 · 北京数智运维科技有限公司3 · 公开')).toBeTruthy();
  expect(document.querySelector('.article-body')).not.toBeNull();
  expect(screen.getByText('附件：评选通知.pdf')).toBeTruthy();
  fireEvent.click(screen.getByText('返回编辑'));

  fireEvent.click(screen.getByText('发布'));
  await waitFor(() =>
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/news/staff/article-edit/index?id=9' }),
  );
  expect(writes(calls).map((c) => [c.method, c.path])).toEqual([
    ['POST', '/api/articles'],
    ['POST', '/api/articles/9/publish'],
  ]);
  expect(writes(calls)[0]?.data).toEqual({
    category: 'member_showcase',
    title: '数智运维获评优秀服务商',
    summary: '年度评选结果。',
    body: '<p><strong>荣获</strong>表彰 &lt;第一名&gt; &amp; 奖杯</p><p><img src="/api/articles/files/12"></p>',
    visibility: 'public',
    coverFileId: null,
    attachmentFileIds: [13],
    tags: [],
    unitId: 3,
    pinned: false,
  });
});

test('a published article: its body back as blocks, its history, 置顶 and 下线; a refusal shows the server message', async () => {
  let pinned = false;
  const calls = await open((call) => {
    if (call.method === 'GET') return ok(articleDetail({ pinned }));
    if (call.path.endsWith('/unpublish'))
      return {
        statusCode: 409,
        data: { code: 'ARTICLE_WRONG_STATE', message: '文章当前状态不能进行此操作，请刷新后重试' },
      };
    pinned = true;
    return ok({});
  }, 5);
  await screen.findByText('阅读 12');
  expect(document.querySelectorAll('.block')).toHaveLength(2);
  expect(document.querySelector('.block--heading')).not.toBeNull();
  expect(screen.getByText('全文.pdf（2 KB）')).toBeTruthy();
  expect(screen.getByText('阅读 12')).toBeTruthy();
  expect(screen.getAllByText(/周会服 · 2026-11-20 10:00/)).toHaveLength(1);
  expect(screen.queryByText('保存草稿')).toBeNull();

  fireEvent.click(screen.getByText('置顶'));
  await screen.findByText('取消置顶');
  expect(writes(calls)[0]).toMatchObject({
    method: 'PATCH',
    path: '/api/articles/5',
    data: { pinned: true },
  });

  fireEvent.click(screen.getByText('下线'));
  await screen.findByText('文章当前状态不能进行此操作，请刷新后重试');
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '下线文章' }));
  expect(writes(calls).at(-1)).toMatchObject({ method: 'POST', path: '/api/articles/5/unpublish' });
});

test('保存修改 sends the edited fields with the body rebuilt from the blocks', async () => {
  const calls = await open((call) => (call.method === 'GET' ? ok(articleDetail()) : ok({})), 5);
  await screen.findByText('阅读 12');
  await typeInto('.article-edit__tags', '数据安全，合规 运维');
  await act(async () => {
    fireEvent.click(screen.getByText('保存修改'));
    await Promise.resolve();
  });
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(writes(calls)[0]).toMatchObject({
    method: 'PATCH',
    path: '/api/articles/5',
    data: {
      body: '<h2>一、背景</h2><p>正文<strong>要点</strong></p>',
      tags: ['数据安全', '合规', '运维'],
      attachmentFileIds: [31],
      unitId: null,
    },
  });
});

test('a new article whose publish step fails is not created twice: the next 发布 updates it', async () => {
  let publishes = 0;
  const calls = await open((call) => {
    if (call.path === '/api/articles') return ok({ id: 9 });
    if (call.path.endsWith('/publish') && publishes++ === 0)
      return {
        statusCode: 503,
        data: { code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
      };
    return ok({});
  });
  const [category] = document.querySelectorAll('taro-picker-core');
  fireEvent(category as Element, new CustomEvent('change', { detail: { value: 0 }, bubbles: true }));
  await typeInto('.article-edit__title', '年度工作通知');
  await typeInTextarea('.block__text', '通知正文');
  fireEvent.click(screen.getByText('发布'));
  await screen.findByText('服务暂时不可用，请稍后再试');
  fireEvent.click(screen.getByText('发布'));
  await waitFor(() =>
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/news/staff/article-edit/index?id=9' }),
  );
  expect(writes(calls).map((c) => `${c.method} ${c.path}`)).toEqual([
    'POST /api/articles',
    'POST /api/articles/9/publish',
    'PATCH /api/articles/9',
    'POST /api/articles/9/publish',
  ]);
});

test.each([
  ['draft', ['发布', '归档']],
  ['published', ['下线']],
  ['unpublished', ['发布', '归档']],
  ['archived', []],
  ['in_review', []],
] as const)(
  'in state %s the editor offers the moves the contract’s machine allows it: %j',
  async (state, offered) => {
    const base = articleDetail();
    const staff = base.staff && { ...base.staff, state };
    await open(() => ok(articleDetail({ staff })), 5);
    await screen.findByText('阅读 12');
    for (const label of ['发布', '下线', '归档'])
      expect(screen.queryByText(label) !== null).toBe((offered as readonly string[]).includes(label));
  },
);

test("an article's unsaved edits are restored over it and saved to its own draft as staff type", async () => {
  const kept = { draft: { title: '修改中的标题', tags: '草稿标签' }, updatedAt: '2026-12-01T02:00:00.000Z' };
  const calls = await open(() => ok(articleDetail()), 5, kept);
  await screen.findByText('阅读 12');
  expect(calls.filter((c) => c.method === 'GET').map((c) => c.path)).toEqual([
    '/api/articles/5',
    '/api/articles/5/draft',
  ]);
  expect(await screen.findByDisplayValue('修改中的标题')).toBeTruthy();
  expect(screen.getByDisplayValue('草稿标签')).toBeTruthy();
  await typeInto('.article-edit__title', '再次修改的标题');
  await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1), { timeout: 3000 });
  const [saved] = calls.filter((c) => c.method === 'PUT');
  expect(saved?.path).toBe('/api/articles/5/draft');
  expect(saved?.data).toMatchObject({ title: '再次修改的标题', tags: '草稿标签' });
});
