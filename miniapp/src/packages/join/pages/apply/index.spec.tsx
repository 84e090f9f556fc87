import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ApplicationDraft } from '@itss/shared';
import {
  application,
  levels,
  login,
  obligations,
  ok,
  serveBy,
  visitor,
  type Answer,
  type Call,
} from '@test/fixtures';
import {
  redirectTo,
  request as taroRequest,
  requestSubscribeMessage,
  routerParams,
  showModal,
  storage,
} from '@test/taro-mock';
import { resetScenes } from '@/services/scene';
import { session } from '@/services/session';
import ApplyPage from './index';

const complete: ApplicationDraft = {
  unitName: '北京数智运维科技有限公司',
  creditCode: '91110108MA01ABCD2X',
  unitType: 'enterprise',
  province: '广东省',
  city: '深圳市',
  address: '深圳市南山区科技园 1 号',
  legalRepresentative: '王立新',
  contact: { name: '李四海', title: '市场部经理', mobile: '13912345678', email: 'li@example.com' },
  level: 'committee',
  businessDescription: '提供数据中心运维、IT 服务管理咨询与云平台运营服务，服务金融与政务客户。',
  licenceFileId: 7,
  consents: { rules: true, privacy: true },
};

const created = { ...application, state: 'submitted' as const, history: application.history.slice(0, 1) };

/** The server as the form meets it; `submit` answers POST /api/applications. */
function serveForm(
  draft: ApplicationDraft | null,
  submit: (call: Call) => Answer = () => ok(created),
): Call[] {
  return serveBy((call) => {
    if (call.path === '/api/auth/wechat') return login(visitor);
    if (call.path === '/api/applications/draft')
      return ok({ draft: call.method === 'PUT' ? call.data : draft, updatedAt: null });
    if (call.path === '/api/membership/levels') return ok(levels);
    if (call.path === '/api/membership/obligations') return ok(obligations);
    if (call.path === '/api/notifications/templates')
      return ok({
        items: [
          { purpose: 'application_decision', templateId: 'tmpl-decision' },
          { purpose: 'join_request_decision', templateId: 'tmpl-decision' },
          { purpose: 'group_code_expiring', templateId: 'tmpl-expiring' },
        ],
      });
    if (call.path === '/api/notifications/subscriptions') return ok({ items: [] });
    if (call.path === '/api/applications' && call.method === 'POST') return submit(call);
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '您访问的内容不存在' } };
  });
}

const submissions = (calls: Call[]) =>
  calls.filter((c) => c.path === '/api/applications' && c.method === 'POST');
const keyOf = (call: Call | undefined) => {
  const options = taroRequest.mock.calls.find(([o]) => o.data === call?.data)?.[0];
  return (options?.header as Record<string, string> | undefined)?.['idempotency-key'];
};

async function openForm(): Promise<void> {
  await act(() => session.start());
  render(<ApplyPage />);
  await screen.findByText('提交申请');
}

beforeEach(() => {
  requestSubscribeMessage.mockReset().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' });
  storage.clear();
  session.reset();
  resetScenes();
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  process.env.TARO_ENV = 'weapp';
});

test('not logged in: led to 我的 to log in first, no form', async () => {
  process.env.TARO_ENV = 'h5';
  serveForm(null);
  await act(() => session.start());
  render(<ApplyPage />);
  expect(screen.getByText('登录后即可在线填写入会申请')).toBeTruthy();
  expect(screen.getByText('去登录')).toBeTruthy();
  expect(screen.queryByText('提交申请')).toBeNull();
});

test('an empty form is checked with the shared schema and every problem shows beside its field', async () => {
  const calls = serveForm(null);
  await openForm();
  fireEvent.click(screen.getByText('提交申请'));
  await screen.findByText('请填写单位名称');
  const shown = [...document.querySelectorAll('.apply-field__error')].map((node) => node.textContent);
  for (const message of [
    '请选择单位类型',
    '请选择所在地区',
    '请选择申请的会员级别',
    '请上传营业执照',
    '请阅读并同意《工作守则》',
    '请阅读并同意《隐私政策》',
  ])
    expect(shown).toContain(message);
  // Each message sits inside its own field.
  const unitTypeError = [...document.querySelectorAll('.apply-field__error')].find(
    (node) => node.textContent === '请选择单位类型',
  );
  expect(unitTypeError?.closest('.apply-field')?.textContent).toContain('单位类型');
  expect(submissions(calls)).toHaveLength(0);
});

test('a bad credit code format and mobile number are refused on the form', async () => {
  const calls = serveForm({
    ...complete,
    creditCode: '1234',
    contact: { ...complete.contact!, mobile: '123' },
  });
  await openForm();
  fireEvent.click(screen.getByText('提交申请'));
  await screen.findByText('统一社会信用代码应为 18 位数字或大写字母');
  expect(
    screen.getByText('统一社会信用代码应为 18 位数字或大写字母').closest('.apply-field')?.textContent,
  ).toContain('统一社会信用代码');
  expect(document.querySelectorAll('.apply-field--error')).toHaveLength(2);
  expect(submissions(calls)).toHaveLength(0);
});

test('a mobile number from 12 and an emoji in the contact’s name are refused on the form', async () => {
  const calls = serveForm({
    ...complete,
    contact: { ...complete.contact!, name: '李四😀', mobile: '12345678901' },
  });
  await openForm();
  fireEvent.click(screen.getByText('提交申请'));
  await screen.findByText('请输入正确的 11 位手机号（以 13–19 开头）');
  expect(
    screen.getByText('联系人姓名只能由汉字或字母组成（少数民族姓名可用间隔号“·”），不能包含表情、数字或符号'),
  ).toBeTruthy();
  expect(submissions(calls)).toHaveLength(0);
});

test('a restored credit code whose checksum fails is questioned beside it and still submitted', async () => {
  const calls = serveForm({ ...complete, creditCode: '91330106MA2H0Y2X1K' });
  await openForm();
  const warning = await screen.findByText('校验位不符，请核对营业执照；如确认无误可继续提交');
  expect(warning.closest('.apply-field')?.textContent).toContain('统一社会信用代码');
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() => expect(submissions(calls)).toHaveLength(1));
});

test('the saved draft is restored on open: texts, choices, region, level fee and the licence', async () => {
  serveForm(complete);
  storage.set('itss.join.local', {
    idempotencyKey: null,
    licence: { id: 7, name: '营业执照.pdf', size: 204800 },
  });
  await openForm();
  const unitName = document.querySelector('.apply-input--unitName');
  expect(unitName?.getAttribute('value')).toBe('北京数智运维科技有限公司');
  const chosen = [...document.querySelectorAll('.apply-picker__value')].map((node) => node.textContent);
  expect(chosen).toEqual(['企业', '广东省 深圳市', '委员单位', '未持有']);
  expect(screen.getByText('年费 10,000 元/年')).toBeTruthy();
  expect(screen.getByText('营业执照.pdf')).toBeTruthy();
  expect(screen.getByText('200 KB')).toBeTruthy();
  expect(screen.getByText('重新上传')).toBeTruthy();
});

test('typing saves the draft with PUT /api/applications/draft, carrying the campaign scene', async () => {
  storage.set('itss.join.scene', 'booth2026');
  const calls = serveForm(null);
  await openForm();
  const input = document.querySelector('.apply-input--unitName');
  if (!input) throw new Error('no unit name input');
  await waitFor(() => expect(input.querySelector('input')).not.toBeNull());
  fireEvent(input, new CustomEvent('input', { detail: { value: '深圳' }, bubbles: true }));
  fireEvent(input, new CustomEvent('input', { detail: { value: '深圳云服' }, bubbles: true }));
  await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(1), { timeout: 3000 });
  expect(calls.find((c) => c.method === 'PUT')?.data).toEqual({
    unitName: '深圳云服',
    campaignScene: 'booth2026',
  });
  await screen.findByText('草稿已保存');
});

test('the region picker sets province and city from the shared region list', async () => {
  serveForm(null);
  await openForm();
  const picker = screen.getByText('请选择省份和城市').closest('taro-picker-core');
  if (!picker) throw new Error('no region picker');
  fireEvent(picker, new CustomEvent('columnchange', { detail: { column: 0, value: 18 }, bubbles: true }));
  fireEvent(picker, new CustomEvent('change', { detail: { value: [18, 2] }, bubbles: true }));
  await screen.findByText('广东省 深圳市');
});

test('the server’s 400 details show beside their fields', async () => {
  serveForm(complete, () => ({
    statusCode: 400,
    data: {
      code: 'VALIDATION_FAILED',
      message: '请求参数不正确',
      details: [{ path: 'contact.email', message: '该邮箱无法接收邮件，请更换' }],
    },
  }));
  await openForm();
  fireEvent.click(screen.getByText('提交申请'));
  const message = await screen.findByText('该邮箱无法接收邮件，请更换');
  expect(message.closest('.apply-field')?.textContent).toContain('邮箱');
});

test('a retry after a network failure sends the same Idempotency-Key; success forgets it', async () => {
  storage.set('itss.join.scene', 'booth2026');
  let online = false;
  const calls = serveForm(complete, () => (online ? { statusCode: 201, data: created } : 'offline'));
  await openForm();
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() => expect(showModal).toHaveBeenCalled());
  expect(showModal.mock.calls[0]?.[0]).toMatchObject({ content: '网络连接失败，请检查网络后重试' });
  online = true;
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() =>
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/join/pages/detail/index?id=42' }),
  );

  const [first, second] = submissions(calls);
  const firstKey = keyOf(first);
  expect(firstKey).toMatch(/^[A-Za-z0-9]{32}$/);
  expect(keyOf(second)).toBe(firstKey);
  expect(second?.data).toMatchObject({ campaignScene: 'booth2026', creditCode: '91110108MA01ABCD2X' });
  expect(storage.get('itss.join.local')).toMatchObject({ idempotencyKey: null });
  // The submitted form is not offered again as a draft.
  await waitFor(() => expect(calls.filter((c) => c.method === 'PUT').at(-1)?.data).toEqual({}));
});

test('on submit WeChat is asked for the decision template only, once, and the answer is reported as is', async () => {
  requestSubscribeMessage.mockResolvedValue({
    errMsg: 'requestSubscribeMessage:ok',
    'tmpl-decision': 'accept',
  });
  const calls = serveForm(complete, () => ({ statusCode: 201, data: created }));
  await openForm();
  await waitFor(() => expect(calls.some((c) => c.path === '/api/notifications/templates')).toBe(true));
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  fireEvent.click(screen.getByText('提交申请'));
  await waitFor(() => expect(redirectTo).toHaveBeenCalled());
  // Not the staff's expiry template; the decision template once though two purposes name it.
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(requestSubscribeMessage).toHaveBeenCalledWith(
    expect.objectContaining({ tmplIds: ['tmpl-decision'] }),
  );
  await waitFor(() =>
    expect(calls.find((c) => c.path === '/api/notifications/subscriptions')?.data).toEqual({
      results: { 'tmpl-decision': 'accept' },
    }),
  );
});
