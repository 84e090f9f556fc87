import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createGroupRequestSchema } from '@itss/shared';
import { typeInTextarea, typeInto } from '@test/forms';
import { admin, ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { chooseMedia, requestSubscribeMessage, showModal, showToast, uploadFile } from '@test/taro-mock';
import { group } from '@/packages/staff/test-fixtures';
import { beijingToday } from '@/utils/format';
import GroupsPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

const HOUR = 3600 * 1000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

const groups = () => [
  group(1, { code: null }),
  group(2, {
    minLevel: 'committee',
    revealedCount: 7,
    note: '群主：会员服务部',
    code: { uploadedAt: inHours(-48), expiresAt: '2099-01-01T02:00:00.000Z', expired: false },
  }),
  group(3, { code: { uploadedAt: inHours(-200), expiresAt: '2026-11-01T02:00:00.000Z', expired: true } }),
  group(4, { code: { uploadedAt: inHours(-160), expiresAt: inHours(5), expired: false } }),
  group(5, { archived: true }),
];

const TEMPLATES = {
  items: [
    { purpose: 'application_decision', templateId: 'tmpl-decision' },
    { purpose: 'group_code_expiring', templateId: 'tmpl-expiring' },
  ],
};

function open(
  write: (call: Call) => Answer = (call) => ok(group(9, call.data as object)),
  templates: object = TEMPLATES,
): Call[] {
  const calls = serveBy((call) => {
    if (call.path === '/api/notifications/templates') return ok(templates);
    if (call.path === '/api/notifications/subscriptions') return ok({ items: [] });
    return call.method === 'GET' ? ok({ items: groups() }) : write(call);
  });
  render(<GroupsPage />);
  return calls;
}

const writes = (calls: Call[]) => calls.filter((c) => c.method !== 'GET');
const card = (name: string) => {
  const found = [...document.querySelectorAll('.group-card')].find((el) =>
    el.querySelector('.group-card__name')?.textContent?.includes(name),
  );
  if (!found) throw new Error(`no card ${name}`);
  return found as HTMLElement;
};

const type = (selector: string, value: string, tag = 'input') =>
  tag === 'textarea' ? typeInTextarea(selector, value) : typeInto(selector, value);

beforeEach(() => {
  chooseMedia.mockReset();
  uploadFile.mockReset();
  requestSubscribeMessage.mockReset().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' });
  process.env.TARO_ENV = 'weapp';
});

test('到期提醒 asks WeChat for the expiry template only and reports the answer as is', async () => {
  requestSubscribeMessage.mockResolvedValue({
    errMsg: 'requestSubscribeMessage:ok',
    'tmpl-expiring': 'accept',
  });
  const calls = open();
  expect(await screen.findByText(/群二维码到期前一天，通过微信服务通知提醒您重新上传/)).toBeTruthy();
  fireEvent.click(screen.getByText('到期提醒'));
  expect(requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(requestSubscribeMessage).toHaveBeenCalledWith(
    expect.objectContaining({ tmplIds: ['tmpl-expiring'] }),
  );
  await waitFor(() =>
    expect(calls.find((c) => c.path === '/api/notifications/subscriptions')?.data).toEqual({
      results: { 'tmpl-expiring': 'accept' },
    }),
  );
  await waitFor(() =>
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已开启一次到期提醒' })),
  );
});

test('到期提醒 declined: staff are told the to-do and 消息 still warn them', async () => {
  requestSubscribeMessage.mockResolvedValue({
    errMsg: 'requestSubscribeMessage:ok',
    'tmpl-expiring': 'reject',
  });
  open();
  fireEvent.click(await screen.findByText('到期提醒'));
  await waitFor(() =>
    expect(showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '未开启，到期时仍会在待办和消息中提醒' }),
    ),
  );
});

test('no 到期提醒 without a template for it', async () => {
  open(undefined, { items: [TEMPLATES.items[0]] });
  await screen.findByText('ITSS 会员交流2群');
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  expect(screen.queryByText('到期提醒')).toBeNull();
});

test('each group shows its level, code state and how many contacts were shown the code', async () => {
  open();
  await screen.findByText('ITSS 会员交流2群');
  expect(card('1群').textContent).toContain('未上传群二维码');
  expect(card('2群').textContent).toContain('有效至 2099-01-01 10:00');
  expect(card('2群').textContent).toContain('委员单位及以上 · 已向 7 位联系人展示');
  expect(card('2群').textContent).toContain('群主：会员服务部');
  expect(card('3群').textContent).toContain('已过期（2026-11-01 10:00）');
  expect(card('4群').textContent).toContain('即将过期');
  expect(card('5群').textContent).toContain('已归档');
  // An archived group takes no new code until it is restored.
  expect(card('5群').querySelector('.group-card__actions')?.textContent).toBe('编辑恢复');
});

test('新建群 checks the name with the contract and POSTs what it parsed', async () => {
  const parse = jest.spyOn(createGroupRequestSchema, 'safeParse');
  const calls = open();
  await screen.findByText('ITSS 会员交流2群');
  fireEvent.click(screen.getByText('新建群'));
  fireEvent.click(await screen.findByText('创建'));
  await screen.findByText('群名称至少 2 个字');
  expect(writes(calls)).toHaveLength(0);
  await type('.group-form__name', ' 副会长单位交流群 ');
  const picker = document.querySelector('.staff-form taro-picker-core');
  if (!picker) throw new Error('no level picker');
  fireEvent(picker, new CustomEvent('change', { detail: { value: 2 }, bubbles: true }));
  await type('.group-form__note', '仅副会长及以上', 'textarea');
  fireEvent.click(screen.getByText('创建'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  const parsed = parse.mock.results.at(-1)?.value as ReturnType<typeof createGroupRequestSchema.safeParse>;
  expect(writes(calls)[0]).toMatchObject({
    method: 'POST',
    path: '/api/groups',
    data: { name: '副会长单位交流群', minLevel: 'vice_president', note: '仅副会长及以上' },
  });
  expect(writes(calls)[0]?.data).toBe(parsed.data);
  parse.mockRestore();
});

test('编辑 sends only what changed; 归档 asks first and PATCHes archived', async () => {
  const calls = open();
  await screen.findByText('ITSS 会员交流2群');
  fireEvent.click(card('2群').querySelector('.group-card__actions')?.children[1] as Element);
  await type('.group-edit .group-form__name', '委员交流群');
  fireEvent.click(screen.getByText('保存'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  fireEvent.click(card('1群').querySelector('.group-card__actions')?.children[2] as Element);
  await waitFor(() => expect(writes(calls)).toHaveLength(2));
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '归档群' }));
  expect(writes(calls)).toEqual([
    expect.objectContaining({ method: 'PATCH', path: '/api/groups/2', data: { name: '委员交流群' } }),
    expect.objectContaining({ method: 'PATCH', path: '/api/groups/1', data: { archived: true } }),
  ]);
});

test('上传群二维码 takes the original image from the album and uploads it as field file', async () => {
  const calls = open();
  await screen.findByText('ITSS 会员交流2群');
  chooseMedia.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ tempFilePath: 'wxfile://tmp/qr.png', size: 40960, fileType: 'image' }],
  });
  uploadFile.mockResolvedValueOnce({
    errMsg: 'uploadFile:ok',
    statusCode: 200,
    data: JSON.stringify(
      group(1, { code: { uploadedAt: inHours(0), expiresAt: inHours(168), expired: false } }),
    ),
  });
  fireEvent.click(card('1群').querySelector('.group-card__actions')?.children[0] as Element);
  fireEvent.click(await screen.findByText('选择群二维码图片并上传'));
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已上传' })));
  expect(chooseMedia).toHaveBeenCalledWith(
    expect.objectContaining({ mediaType: ['image'], sizeType: ['original'] }),
  );
  expect(uploadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      url: 'https://api.test/api/groups/1/code',
      filePath: 'wxfile://tmp/qr.png',
      name: 'file',
      formData: {},
    }),
  );
  // The list is asked again to show the new code.
  await waitFor(() => expect(calls.filter((c) => c.path === '/api/groups')).toHaveLength(2));
});

test('a chosen expiry goes with the upload as ISO time; an image the server refuses says why', async () => {
  open();
  await screen.findByText('ITSS 会员交流2群');
  chooseMedia.mockResolvedValue({
    errMsg: 'ok',
    tempFiles: [{ tempFilePath: 'wxfile://tmp/qr.gif', size: 40960, fileType: 'image' }],
  });
  uploadFile.mockResolvedValueOnce({
    errMsg: 'uploadFile:ok',
    statusCode: 415,
    data: JSON.stringify({ code: 'GROUP_CODE_NOT_IMAGE', message: '请上传 PNG 或 JPG 格式的群二维码图片' }),
  });
  fireEvent.click(card('1群').querySelector('.group-card__actions')?.children[0] as Element);
  await screen.findByText('选择群二维码图片并上传');
  const tomorrow = beijingToday(Date.now() + 24 * HOUR);
  const [datePicker, timePicker] = document.querySelectorAll('.group-upload taro-picker-core');
  fireEvent(datePicker as Element, new CustomEvent('change', { detail: { value: tomorrow }, bubbles: true }));
  fireEvent(timePicker as Element, new CustomEvent('change', { detail: { value: '18:30' }, bubbles: true }));
  fireEvent.click(screen.getByText('选择群二维码图片并上传'));
  await screen.findByText('请上传 PNG 或 JPG 格式的群二维码图片');
  expect(uploadFile.mock.calls[0]?.[0].formData).toEqual({
    expiresAt: new Date(`${tomorrow}T18:30:00+08:00`).toISOString(),
  });
});

test('an expiry more than 7 days ahead is refused before the picker opens', async () => {
  open();
  await screen.findByText('ITSS 会员交流2群');
  fireEvent.click(card('1群').querySelector('.group-card__actions')?.children[0] as Element);
  await screen.findByText('选择群二维码图片并上传');
  const late = beijingToday(Date.now() + 9 * 24 * HOUR);
  const [datePicker] = document.querySelectorAll('.group-upload taro-picker-core');
  fireEvent(datePicker as Element, new CustomEvent('change', { detail: { value: late }, bubbles: true }));
  fireEvent.click(screen.getByText('选择群二维码图片并上传'));
  await screen.findByText(/有效期应在现在之后、7 天之内/);
  expect(chooseMedia).not.toHaveBeenCalled();
});

test('no groups yet says so', async () => {
  serveBy(() => ok({ items: [] }));
  render(<GroupsPage />);
  await screen.findByText('还没有会员微信群，请先新建');
});
