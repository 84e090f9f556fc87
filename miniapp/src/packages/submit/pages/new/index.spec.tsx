import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Me } from '@itss/shared';
import { login, ok, serveBy, visitor, type Answer, type Call } from '@test/fixtures';
import { typeInTextarea, typeInto } from '@test/forms';
import { redirectTo, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import NewSubmissionPage from './index';

const contact: Me = {
  ...visitor,
  unit: { id: 3, name: '示例会员单位', level: 'member', status: 'active', isPrimaryContact: false },
};

async function openAs(me: Me, api: (call: Call) => Answer = () => ok({})): Promise<Call[]> {
  serveBy((call) => (call.path === '/api/auth/wechat' ? login(me) : ok({})));
  await act(() => session.start());
  const calls = serveBy(api);
  render(<NewSubmissionPage />);
  return calls;
}

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
  expect(calls).toEqual([]);
  fireEvent.click(screen.getByText('优秀案例'));
  await typeInto('.submit-form__title', '智慧运维平台落地案例');
  await typeInTextarea('.submit-form__summary', '某省政务云运维实践。');
  await typeInTextarea('.block__text', '项目**成效**显著');
  fireEvent.click(screen.getByText('预览'));
  expect(screen.getByText('优秀案例 · 示例会员单位')).toBeTruthy();
  fireEvent.click(screen.getByText('返回编辑'));
  fireEvent.click(screen.getByText('提交审核'));
  await screen.findByText('已提交，等待审核');
  expect(calls).toEqual([
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
