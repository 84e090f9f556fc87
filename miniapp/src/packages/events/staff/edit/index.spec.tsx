import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { typeInTextarea, typeInto } from '@test/forms';
import { ok, serveBy, signedInAs, staffOnly, type Call } from '@test/fixtures';
import { redirectTo, routerParams, showModal } from '@test/taro-mock';
import { eventDetail } from '@/packages/events/staff/test-fixtures';
import EventEditPage from './index';

// Long pages on a machine shared by many test runs: a render may take longer than the default second.
configure({ asyncUtilTimeout: 5000 });
// The editor is the app's longest form: filling it in takes a few seconds there.
jest.setTimeout(30_000);

beforeEach(() => {
  signedInAs(staffOnly);
  for (const key of Object.keys(routerParams)) delete routerParams[key];
});

const writes = (calls: Call[]) => calls.filter((call) => call.method !== 'GET');

/** A picker found by its class, changed as WeChat's wheel would. */
async function pick(selector: string, value: unknown): Promise<void> {
  await waitFor(() => expect(document.querySelector(selector)).not.toBeNull());
  fireEvent(
    document.querySelector(selector)!,
    new CustomEvent('change', { detail: { value }, bubbles: true }),
  );
}

async function pickDateTime(prefix: string, date: string, time: string): Promise<void> {
  await pick(`${prefix}__date`, date);
  await pick(`${prefix}__time`, time);
}

const errorOf = (selector: string) =>
  document.querySelector(selector)?.closest('.staff-form__field')?.querySelector('.staff-form__error')
    ?.textContent;

test('an empty form is refused on the device, each message beside its field, and nothing is sent', async () => {
  const calls = serveBy(() => ok({}));
  render(<EventEditPage />);
  fireEvent.click(await screen.findByText('保存草稿'));
  await screen.findByText('请按提示修改后再保存');
  expect(errorOf('.event-edit__kind')).toBe('请选择活动类型');
  expect(errorOf('.event-edit__title')).toBe('标题至少 2 个字');
  expect(errorOf('.event-edit__address')).toBe('请填写活动地址');
  expect(errorOf('.event-edit__starts__date')).toBe('请选择日期和时间');
  expect(errorOf('.event-edit__public-opens__date')).toBe('公开报名的活动请选择公开报名时间');
  expect(errorOf('.event-session__capacity')).toBe('请填写名额');
  expect(screen.getByText('请填写活动介绍')).toBeTruthy();
  expect(writes(calls)).toEqual([]);
  // A field's message goes once it is changed.
  await typeInto('.event-edit__title', '宣贯培训');
  await waitFor(() => expect(errorOf('.event-edit__title')).toBeUndefined());
});

async function fillValid(): Promise<void> {
  await pick('.event-edit__kind', 0);
  await typeInto('.event-edit__title', '2027 年 ITSS 宣贯培训');
  await typeInTextarea('.block__text', '培训议程');
  await typeInto('.event-edit__address', '北京市海淀区学院路 30 号');
  await pickDateTime('.event-edit__starts', '2027-01-20', '09:00');
  await pickDateTime('.event-edit__ends', '2027-01-20', '17:00');
  await pickDateTime('.event-edit__member-opens', '2027-01-05', '09:00');
  await pickDateTime('.event-edit__level-opens--committee', '2027-01-04', '09:00');
  await pickDateTime('.event-edit__public-opens', '2027-01-08', '09:00');
  await pickDateTime('.event-edit__closes', '2027-01-18', '18:00');
  await typeInto('.event-edit__price--member', '500');
  await typeInto('.event-edit__price--non_member', '1,200.5');
  await typeInto('.event-session__capacity', '2');
}

test('times out of order and a price with three decimals are named beside their fields', async () => {
  const calls = serveBy(() => ok({}));
  render(<EventEditPage />);
  await fillValid();
  await pickDateTime('.event-edit__ends', '2027-01-20', '08:00');
  await pickDateTime('.event-edit__public-opens', '2027-01-02', '09:00');
  await typeInto('.event-edit__price--member', '12.345');
  await typeInto('.event-edit__refund-days', '');
  await typeInto('.event-edit__hours', '300');
  fireEvent.click(screen.getByText('保存草稿'));
  await screen.findByText('请按提示修改后再保存');
  expect(errorOf('.event-edit__ends__date')).toBe('结束时间应晚于开始时间');
  expect(errorOf('.event-edit__public-opens__date')).toBe('公开报名不应早于会员报名');
  expect(errorOf('.event-edit__price--member')).toBe('请填写金额（元），最多两位小数');
  expect(errorOf('.event-edit__refund-days')).toBe('请填写 0–90 的整数天数');
  expect(errorOf('.event-edit__hours')).toBe('学时应为 0–200 之间的数字');
  expect(writes(calls)).toEqual([]);
});

test('a valid new event is created with prices in fen and Beijing times as instants, then opened', async () => {
  const calls = serveBy((call) => (call.method === 'POST' ? ok({ id: 9 }) : ok({})));
  render(<EventEditPage />);
  await fillValid();
  fireEvent.click(screen.getByText('保存草稿'));
  await waitFor(() =>
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/events/staff/edit/index?id=9' }),
  );
  const [post] = writes(calls);
  expect(post?.path).toBe('/api/events');
  expect(post?.data).toMatchObject({
    kind: 'training',
    title: '2027 年 ITSS 宣贯培训',
    description: '<p>培训议程</p>',
    place: { mode: 'offline', address: '北京市海淀区学院路 30 号' },
    startsAt: '2027-01-20T01:00:00.000Z',
    endsAt: '2027-01-20T09:00:00.000Z',
    memberOpensAt: '2027-01-05T01:00:00.000Z',
    levelOpensAt: { committee: '2027-01-04T01:00:00.000Z' },
    publicOpensAt: '2027-01-08T01:00:00.000Z',
    closesAt: '2027-01-18T10:00:00.000Z',
    audience: 'everyone',
    prices: { member: 50000, committee: 0, vice_president: 0, president: 0, non_member: 120050 },
    // The session left without times runs as long as the event.
    sessions: [
      {
        title: '全天',
        startsAt: '2027-01-20T01:00:00.000Z',
        endsAt: '2027-01-20T09:00:00.000Z',
        capacity: 2,
      },
    ],
  });
  expect(post?.data).not.toHaveProperty('coverFileId');
});

test('a members-only event sends no public opening', async () => {
  const calls = serveBy((call) => (call.method === 'POST' ? ok({ id: 9 }) : ok({})));
  render(<EventEditPage />);
  await fillValid();
  fireEvent.click(screen.getByText('仅限会员单位'));
  fireEvent.click(screen.getByText('保存草稿'));
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(writes(calls)[0]?.data).toMatchObject({ audience: 'members', publicOpensAt: null });
});

test('an existing event: capacity below the seats taken is refused; publish saves then publishes', async () => {
  routerParams.id = '7';
  let state: 'draft' | 'published' = 'draft';
  const calls = serveBy((call) => {
    if (call.method === 'POST' && call.path.endsWith('/publish')) state = 'published';
    return call.method === 'GET' ? ok(eventDetail({ state })) : ok({});
  });
  render(<EventEditPage />);
  await screen.findByText('已占用 8 个名额');
  await typeInto('.event-session__capacity', '5');
  fireEvent.click(screen.getByText('发布'));
  await screen.findByText('请按提示修改后再发布');
  expect(errorOf('.event-session__capacity')).toBe('已有 8 人占用名额，名额不能少于此数');
  expect(writes(calls)).toEqual([]);

  await typeInto('.event-session__capacity', '30');
  fireEvent.click(screen.getByText('发布'));
  await screen.findByText('保存修改');
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '发布活动' }));
  expect(writes(calls).map((call) => `${call.method} ${call.path}`)).toEqual([
    'PATCH /api/events/7',
    'POST /api/events/7/publish',
  ]);
  expect(writes(calls)[0]?.data).toMatchObject({
    prices: { member: 50000, non_member: 80000 },
    sessions: [{ id: 71, title: '全天', capacity: 30 }],
  });
});

test('the server’s refusal of a field lands beside it', async () => {
  routerParams.id = '7';
  serveBy((call) =>
    call.method === 'GET'
      ? ok(eventDetail())
      : {
          statusCode: 409,
          data: {
            code: 'EVENT_CAPACITY_BELOW_TAKEN',
            message: '名额不能少于已报名（含待支付、待确认）的人数',
            details: [{ path: 'sessions.0.capacity', message: '名额不能少于已报名的人数' }],
          },
        },
  );
  render(<EventEditPage />);
  fireEvent.click(await screen.findByText('保存修改'));
  await screen.findByText('名额不能少于已报名（含待支付、待确认）的人数');
  expect(errorOf('.event-session__capacity')).toBe('名额不能少于已报名的人数');
});

test('cancelling a published event asks for the reason first', async () => {
  routerParams.id = '7';
  const calls = serveBy((call) => (call.method === 'GET' ? ok(eventDetail({ state: 'published' })) : ok({})));
  render(<EventEditPage />);
  fireEvent.click(await screen.findByText('取消活动…'));
  fireEvent.click(document.querySelector('.event-cancel__submit')!);
  await screen.findByText('请填写取消原因');
  expect(writes(calls)).toEqual([]);
  await typeInTextarea('.event-cancel__reason', '场地原因延期');
  fireEvent.click(document.querySelector('.event-cancel__submit')!);
  await waitFor(() => expect(writes(calls)).toHaveLength(1));
  expect(writes(calls)[0]).toMatchObject({ path: '/api/events/7/cancel', data: { reason: '场地原因延期' } });
});
