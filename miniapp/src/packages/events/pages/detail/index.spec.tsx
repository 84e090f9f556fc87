import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { EventDetail, Me } from '@itss/shared';
import { ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { typeInto } from '@test/forms';
import {
  navigateTo,
  requestSubscribeMessage,
  routerParams,
  showModal,
  storage,
  switchTab,
} from '@test/taro-mock';
import { session } from '@/services/session';
import { TOKEN, detail, member, notFound, registration } from '@/packages/events/test-fixtures';
import EventPage from './index';

function serveEvent(
  event: () => EventDetail,
  routes: (call: Call) => Answer | undefined = () => undefined,
): Call[] {
  return serveBy((call) => {
    const answer = routes(call);
    if (answer) return answer;
    if (call.path === '/api/events/11') return ok(event());
    if (call.path === '/api/notifications/templates')
      return ok({ items: [{ purpose: 'event_reminder', templateId: 'tmpl-reminder' }] });
    return notFound;
  });
}

async function openEvent(me: Me | null = member): Promise<void> {
  if (me) signedInAs(me);
  else session.reset({ status: 'signedOut' });
  render(<EventPage />);
  await screen.findByText('ITSS 运维标准宣贯培训（北京站）');
}

const barButton = () => document.querySelector('.event-bar__button') as HTMLElement;

beforeEach(() => {
  storage.clear();
  storage.set('itss.session.token', TOKEN);
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  routerParams.id = '11';
});

test('the event: kind, 会员优先, time, place, registration times, price, sessions with seats and the description', async () => {
  serveEvent(() =>
    detail({
      priceFromFen: 80000,
      priceToFen: 150000,
      prices: { member: 80000, committee: 80000, vice_president: 0, president: 0, non_member: 150000 },
      myPriceFen: 80000,
      sessions: [
        { ...detail().sessions[0]!, title: '上午场', seatsLeft: 0, taken: 100, waitlisted: 4 },
        {
          id: 32,
          title: '下午场',
          startsAt: '2026-12-20T06:00:00.000Z',
          endsAt: '2026-12-20T09:00:00.000Z',
          capacity: 50,
          taken: 20,
          seatsLeft: 30,
          waitlisted: 0,
        },
      ],
    }),
  );
  await openEvent();
  const text = document.body.textContent ?? '';
  for (const words of [
    'ITSS 宣贯培训',
    '会员优先',
    '2026-12-20 09:00–17:00',
    '北京市海淀区中关村南大街 2 号',
    '会员单位联系人 2026-12-01 09:00 起',
    '公开报名 2026-12-05 09:00 起',
    '2026-12-18 18:00 截止',
    '您的报名费：800.00 元',
    '非会员：1,500.00 元',
    '活动开始 3 天前取消全额退款',
    '6 学时',
    '上午场',
    '已满',
    '4 人候补',
    '剩余 30',
  ])
    expect(text).toContain(words);
  // The description is the articles' rich text (drawn by the platform, not by jsdom).
  expect(document.querySelector('.event-description .article-body')).toBeTruthy();
  expect(barButton().textContent).toBe('立即报名');
});

test.each([
  [
    { state: 'not_yet', opensAt: '2026-12-05T01:00:00.000Z', text: '公开报名将于 2026-12-05 09:00 开始' },
    '公开报名将于 2026-12-05 09:00 开始',
  ],
  [{ state: 'not_yet', opensAt: '2026-12-05T01:00:00.000Z', text: '' }, '2026-12-05 09:00 开始报名'],
  [{ state: 'closed', opensAt: null, text: '报名已截止' }, '报名已截止'],
  [{ state: 'not_eligible', opensAt: null, text: '本活动仅限会员单位报名' }, '本活动仅限会员单位报名'],
  [{ state: 'cancelled', opensAt: null, text: '' }, '活动已取消'],
] as const)('a window %j: the button says why and cannot be pressed', async (window, said) => {
  serveEvent(() => detail({ window: { ...window } }));
  await openEvent();
  expect(barButton().textContent).toBe(said);
  expect(barButton().hasAttribute('disabled')).toBe(true);
  fireEvent.click(barButton());
  expect(document.querySelector('.event-sheet')).toBeNull();
});

test('not yet open, as told by a text without the time: the time is said beside it', async () => {
  serveEvent(() =>
    detail({ window: { state: 'not_yet', opensAt: '2026-12-05T01:00:00.000Z', text: '报名尚未开始' } }),
  );
  await openEvent(null);
  expect(barButton().textContent).toBe('报名尚未开始');
  expect(document.body.textContent).toContain('您可于 2026-12-05 09:00（北京时间）起报名');
  fireEvent.click(screen.getByText('会员单位联系人请登录后报名 ›'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
});

test('signed out and open: 登录后报名 leads to 我的', async () => {
  serveEvent(() => detail());
  await openEvent(null);
  fireEvent.click(screen.getByText('登录后报名'));
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
});

test('registering: the sheet, the reminder permission asked in the tap, the body, then 报名成功 and the ticket', async () => {
  let registered = false;
  const calls = serveEvent(
    () =>
      detail(
        registered
          ? { myRegistrationIds: [71], sessions: [{ ...detail().sessions[0]!, seatsLeft: 11 }] }
          : {},
      ),
    (call) => {
      if (call.path === '/api/events/11/registrations' && call.method === 'POST') {
        registered = true;
        return ok({ id: 71, state: 'confirmed' });
      }
      if (call.path === '/api/registrations/71') return ok(registration());
      if (call.path === '/api/notifications/subscriptions') return ok({ credits: {} });
      return undefined;
    },
  );
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: true });
  await openEvent();
  fireEvent.click(barButton());
  await waitFor(() => expect(calls.some((call) => call.path === '/api/notifications/templates')).toBe(true));
  await act(() => typeInto('.event-field__input--title', '运维经理'));
  fireEvent.click(screen.getByText('提交报名'));
  await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '报名成功' })));
  expect(requestSubscribeMessage).toHaveBeenCalledWith(
    expect.objectContaining({ tmplIds: ['tmpl-reminder'] }),
  );
  const post = calls.find((call) => call.path === '/api/events/11/registrations');
  expect(post).toMatchObject({
    token: TOKEN,
    data: { sessionId: 31, name: '孙同事', unitName: '杭州云栈信息技术有限公司', title: '运维经理' },
  });
  await waitFor(() =>
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/events/pages/ticket/index?id=71' }),
  );
  // Reloaded: the registration is shown with its state, and the bar leads to it.
  await screen.findByText('查看电子票');
  expect(document.body.textContent).toContain('报名成功');
  expect(barButton().textContent).toBe('查看我的报名');
});

test('a full session: the sheet says so and the registration waits in line', async () => {
  serveEvent(
    () => detail({ sessions: [{ ...detail().sessions[0]!, seatsLeft: 0 }] }),
    (call) =>
      call.path === '/api/events/11/registrations'
        ? ok({ id: 72, state: 'waitlisted', position: 3 })
        : undefined,
  );
  await openEvent();
  expect(barButton().textContent).toBe('报名候补');
  fireEvent.click(barButton());
  expect(document.body.textContent).toContain('该场次名额已满，提交后进入候补');
  fireEvent.click(screen.getByText('提交候补报名'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '已进入候补' })),
  );
  expect(String(showModal.mock.calls.at(-1)?.[0].content)).toContain('您是第 3 位候补');
});

test('the server refuses: before the window its message is shown in the sheet; without a phone, the way to bind it', async () => {
  let answer: Answer = {
    statusCode: 403,
    data: { code: 'REGISTRATION_NOT_OPEN_YET', message: '报名将于 2026-12-05 09:00（北京时间）开始' },
  };
  serveEvent(
    () => detail(),
    (call) => (call.path === '/api/events/11/registrations' ? answer : undefined),
  );
  await openEvent();
  fireEvent.click(barButton());
  fireEvent.click(screen.getByText('提交报名'));
  await screen.findByText('报名将于 2026-12-05 09:00（北京时间）开始');

  answer = {
    statusCode: 400,
    data: { code: 'REGISTRATION_PHONE_REQUIRED', message: '请先绑定手机号再报名' },
  };
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: true });
  fireEvent.click(screen.getByText('提交报名'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '请先绑定手机号' })),
  );
  await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }));
});

test('several sessions: one must be chosen; a name too short is refused on the device', async () => {
  const calls = serveEvent(() =>
    detail({ sessions: [detail().sessions[0]!, { ...detail().sessions[0]!, id: 32, title: '下午场' }] }),
  );
  await openEvent();
  fireEvent.click(barButton());
  await act(() => typeInto('.event-field__input--name', '孙'));
  fireEvent.click(screen.getByText('提交报名'));
  await screen.findByText('请选择场次');
  expect(screen.getByText('请填写姓名')).toBeTruthy();
  expect(calls.some((call) => call.path === '/api/events/11/registrations')).toBe(false);
});

test('an unknown event says it is gone; a failure offers 重试', async () => {
  serveEvent(
    () => detail(),
    (call) =>
      call.path === '/api/events/11'
        ? { statusCode: 404, data: { code: 'EVENT_NOT_FOUND', message: '未找到该活动，可能已被删除' } }
        : undefined,
  );
  signedInAs(member);
  render(<EventPage />);
  await screen.findByText('活动不存在或已下线');
});

test('a primary contact books seats for colleagues: one payment for them all, then the way to name them', async () => {
  const primary: Me = { ...member, unit: { ...member.unit!, isPrimaryContact: true } };
  const order = {
    paymentId: 93,
    amountFen: 240000,
    expiresAt: '2026-12-08T02:30:00.000Z',
    requestPayment: {
      timeStamp: '1796630400',
      nonceStr: 'n0nce',
      package: 'prepay_id=wx_standin_93',
      signType: 'RSA',
      paySign: 'c2lnbmVk',
    },
  };
  const calls = serveEvent(
    () => detail({ priceFromFen: 80000, priceToFen: 80000, myPriceFen: 80000 }),
    (call) => {
      if (call.path === '/api/events/11/bookings')
        return ok({ bookingId: 4, registrationIds: [81, 82, 83], state: 'awaiting_payment' });
      if (call.path === '/api/bookings/4/pay') return ok(order);
      if (call.path === '/api/payments/93/sync') return ok({ paymentId: 93, status: 'succeeded' });
      return undefined;
    },
  );
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: true });
  await openEvent(primary);
  fireEvent.click(screen.getByText('为本单位同事预订名额 ›'));
  await act(() => typeInto('.event-field__input--seats', '3'));
  expect(document.body.textContent).toContain('共 2,400.00 元（800.00 元 × 3），一次支付');
  fireEvent.click(screen.getByText('预订 3 个名额'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '已为单位预订 3 个名额' })),
  );
  expect(calls.find((call) => call.path === '/api/events/11/bookings')?.data).toEqual({
    sessionId: 31,
    unitId: 9,
    seats: 3,
  });
  expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
    '/api/events/11/bookings',
    '/api/bookings/4/pay',
    '/api/payments/93/sync',
  ]);
  await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/events/pages/mine/index' }));
});

test('booking is offered to primary contacts only', async () => {
  serveEvent(() => detail());
  await openEvent();
  expect(screen.queryByText('为本单位同事预订名额 ›')).toBeNull();
});

test('a paid seat: held for its payment, 去支付 opens the cashier, then the ticket page', async () => {
  const order = {
    paymentId: 92,
    amountFen: 80000,
    expiresAt: '2026-12-08T02:30:00.000Z',
    requestPayment: {
      timeStamp: '1796630400',
      nonceStr: 'n0nce',
      package: 'prepay_id=wx_standin_92',
      signType: 'RSA',
      paySign: 'c2lnbmVk',
    },
  };
  const calls = serveEvent(
    () => detail({ priceFromFen: 80000, priceToFen: 150000, myPriceFen: 80000 }),
    (call) => {
      if (call.path === '/api/events/11/registrations') return ok({ id: 74, state: 'awaiting_payment' });
      if (call.path === '/api/registrations/74/confirm') return ok({ state: 'awaiting_payment', order });
      if (call.path === '/api/payments/92/sync') return ok({ paymentId: 92, status: 'succeeded' });
      return undefined;
    },
  );
  await openEvent();
  fireEvent.click(barButton());
  expect(document.body.textContent).toContain('报名费 800.00 元。提交后名额为您保留 30 分钟');
  fireEvent.click(screen.getByText('提交报名'));
  await waitFor(() =>
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/events/pages/ticket/index?id=74' }),
  );
  expect(showModal).toHaveBeenCalledWith(
    expect.objectContaining({ title: '名额已为您保留', confirmText: '去支付' }),
  );
  expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
    '/api/events/11/registrations',
    '/api/registrations/74/confirm',
    '/api/payments/92/sync',
  ]);
});
