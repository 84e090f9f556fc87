import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Me } from '@itss/shared';
import { login, ok, serveBy, visitor, type Answer, type Call } from '@test/fixtures';
import { typeInTextarea, typeInto } from '@test/forms';
import {
  chooseMedia,
  disableAlertBeforeUnload,
  enableAlertBeforeUnload,
  redirectTo,
  showModal,
  storage,
  uploadFile,
} from '@test/taro-mock';
import { session } from '@/services/session';
import NewSubmissionPage from './index';

const contact: Me = {
  ...visitor,
  unit: { id: 3, name: '示例会员单位', level: 'member', status: 'active', isPrimaryContact: false },
};

const DRAFT_PATH = '/api/submissions/draft';
const NO_DRAFT = { draft: null, updatedAt: null };

/** Opens the page, its draft answered (none kept unless `kept`), once the form is shown. */
async function openAs(
  me: Me,
  api: (call: Call) => Answer = () => ok({}),
  kept: unknown = NO_DRAFT,
): Promise<Call[]> {
  serveBy((call) => (call.path === '/api/auth/wechat' ? login(me) : ok({})));
  await act(() => session.start());
  const calls = serveBy((call) =>
    call.path === DRAFT_PATH ? ok(call.method === 'GET' ? kept : NO_DRAFT) : api(call),
  );
  render(<NewSubmissionPage />);
  if (me.unit) await screen.findByText('提交审核');
  return calls;
}

/** The form's own calls, its draft's aside. */
const own = (calls: Call[]) => calls.filter((call) => call.path !== DRAFT_PATH);

beforeEach(() => {
  storage.clear();
  session.reset();
});

test('someone without a unit is told only contacts submit', async () => {
  await openAs(visitor);
  expect(screen.getByText('仅会员单位的联系人可以投稿，请先加入所在单位')).toBeTruthy();
});

test('a contact: checked with the contract, then POST /api/submissions and 已提交，等待审核', async () => {
  const calls = await openAs(contact, () => ok({ id: 44, state: 'in_review' }));
  fireEvent.click(screen.getByText('提交审核'));
  await screen.findByText('标题至少 2 个字');
  expect(screen.getByText('请填写正文')).toBeTruthy();
  expect(own(calls)).toEqual([]);
  fireEvent.click(screen.getByText('优秀案例'));
  await typeInto('.submit-form__title', '智慧运维平台落地案例');
  await typeInTextarea('.submit-form__summary', '某省政务云运维实践。');
  await typeInTextarea('.block__text', '项目**成效**显著');
  fireEvent.click(screen.getByText('预览'));
  expect(screen.getByText('优秀案例 · 示例会员单位')).toBeTruthy();
  fireEvent.click(screen.getByText('返回编辑'));
  fireEvent.click(screen.getByText('提交审核'));
  await screen.findByText('已提交，等待审核');
  expect(own(calls)).toEqual([
    expect.objectContaining({
      method: 'POST',
      path: '/api/submissions',
      data: {
        category: 'case_study',
        title: '智慧运维平台落地案例',
        summary: '某省政务云运维实践。',
        body: '<p>项目<strong>成效</strong>显著</p>',
        coverFileId: null,
      },
    }),
  ]);
  fireEvent.click(screen.getByText('查看我的投稿'));
  await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/submit/pages/mine/index' }));
});

test("WeChat's content check refusing the text shows its message and keeps the form", async () => {
  await openAs(contact, () => ({
    statusCode: 422,
    data: { code: 'ARTICLE_CONTENT_RISKY', message: '提交的内容未通过微信内容安全检测，请修改后重新提交' },
  }));
  await typeInto('.submit-form__title', '标题文字');
  await typeInTextarea('.block__text', '正文');
  fireEvent.click(screen.getByText('提交审核'));
  await screen.findByText('提交的内容未通过微信内容安全检测，请修改后重新提交');
  expect(screen.getByText('提交审核')).toBeTruthy();
});

test('a draft kept on the server fills the form; typing saves it a moment later, and leaving asks until then', async () => {
  const kept = {
    draft: {
      category: 'case_study',
      title: '已保存的标题',
      summary: '已保存的摘要',
      body: '<p>已保存的正文</p>',
    },
    updatedAt: '2026-12-01T02:00:00.000Z',
  };
  const calls = await openAs(contact, () => ok({}), kept);
  expect(await screen.findByDisplayValue('已保存的标题')).toBeTruthy();
  expect(screen.getByDisplayValue('已保存的摘要')).toBeTruthy();
  expect(screen.getByDisplayValue('已保存的正文')).toBeTruthy();
  expect(document.querySelector('.submit-chip--active')?.textContent).toBe('优秀案例');

  enableAlertBeforeUnload.mockClear();
  disableAlertBeforeUnload.mockClear();
  await typeInto('.submit-form__title', '改过的标题');
  await waitFor(() => expect(enableAlertBeforeUnload).toHaveBeenCalledTimes(1));
  await waitFor(
    () =>
      expect(calls.filter((call) => call.method === 'PUT')).toEqual([
        expect.objectContaining({
          path: DRAFT_PATH,
          data: { ...kept.draft, title: '改过的标题' },
        }),
      ]),
    { timeout: 3000 },
  );
  await waitFor(() => expect(disableAlertBeforeUnload).toHaveBeenCalledTimes(1));
  await screen.findByText('草稿已保存');
});

test("a field's message goes as soon as it is fixed; the title counts to 80", async () => {
  await openAs(contact);
  expect(screen.getByText('0/80')).toBeTruthy();
  fireEvent.click(screen.getByText('提交审核'));
  await screen.findByText('标题至少 2 个字');
  await typeInto('.submit-form__title', '新的标题');
  await waitFor(() => expect(screen.queryByText('标题至少 2 个字')).toBeNull());
  expect(screen.getByText('请填写正文')).toBeTruthy();
  expect(screen.getByText('4/80')).toBeTruthy();
});

test('a picture over 5 MB is refused on the phone, before anything is sent', async () => {
  await openAs(contact);
  uploadFile.mockReset();
  showModal.mockClear();
  chooseMedia.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ tempFilePath: 'wxfile://tmp/big.jpg', size: 10 * 1024 * 1024, fileType: 'image' }],
  });
  fireEvent.click(screen.getByText('上传封面'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: '文件不能超过 5 MB，请压缩后重新上传' }),
    ),
  );
  expect(uploadFile).not.toHaveBeenCalled();
});
