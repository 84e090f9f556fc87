import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Registration } from '@itss/shared';
import { ok, serveBy, signedInAs, type Answer, type Call } from '@test/fixtures';
import { typeInTextarea, typeInto } from '@test/forms';
import {
  addPhoneCalendar,
  downloadFile,
  openDocument,
  requestPayment,
  routerParams,
  setClipboardData,
  showModal,
  showToast,
  storage,
} from '@test/taro-mock';
import { TOKEN, member, notFound, registration } from '@/packages/events/test-fixtures';
import TicketPage from './index';

const order = {
  paymentId: 91,
  amountFen: 80000,
  expiresAt: '2026-12-08T02:30:00.000Z',
  requestPayment: {
    timeStamp: '1796630400',
    nonceStr: 'n0nce',
    package: 'prepay_id=wx_standin_91',
    signType: 'RSA',
    paySign: 'c2lnbmVk',
  },
};

function serveTicket(
  current: () => Registration,
  routes: (call: Call) => Answer | undefined = () => undefined,
): Call[] {
  return serveBy((call) => {
    const answer = routes(call);
    if (answer) return answer;
    if (call.path === '/api/registrations/71') return ok(current());
    if (call.path === '/api/events/11/materials') return ok({ items: [] });
    return notFound;
  });
}

async function openTicket(): Promise<void> {
  render(<TicketPage />);
  await screen.findByText('ITSS 运维标准宣贯培训（北京站）');
}

const downloaded = () => downloadFile.mock.calls.map(([options]) => String(options.url));

beforeEach(() => {
  storage.clear();
  storage.set('itss.session.token', TOKEN);
  signedInAs(member);
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  routerParams.id = '71';
});

test('a confirmed ticket: the QR fetched with the session, the code under it, the calendar and the materials', async () => {
  serveTicket(
    () => registration(),
    (call) =>
      call.path === '/api/events/11/materials'
        ? ok({
            items: [
              {
                id: 5,
                title: '运维标准解读讲义',
                url: '/api/events/11/materials/5/file',
                sizeBytes: 2516582,
                createdAt: '2026-12-10T02:00:00.000Z',
              },
            ],
          })
        : undefined,
  );
  await openTicket();
  await waitFor(() =>
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'https://api.test/api/registrations/71/ticket.png',
        header: { Authorization: `Bearer ${TOKEN}` },
      }),
    ),
  );
  await waitFor(() =>
    expect(document.querySelector('.ticket-card__image')?.getAttribute('src')).toBe(
      'wxfile://tmp/ticket.png',
    ),
  );
  expect(screen.getByText('1z.AbCdEfGhIjKlMnOp')).toBeTruthy();
  const text = document.body.textContent ?? '';
  for (const words of [
    '报名成功',
    '全天',
    '2026-12-20 09:00–17:00',
    '北京市海淀区中关村南大街 2 号',
    '孙同事 · 杭州云栈信息技术有限公司',
  ])
    expect(text).toContain(words);
  fireEvent.click(screen.getByText('复制'));
  expect(setClipboardData).toHaveBeenCalledWith({ data: '1z.AbCdEfGhIjKlMnOp' });

  fireEvent.click(screen.getByText('添加到日历'));
  await waitFor(() =>
    expect(addPhoneCalendar).toHaveBeenCalledWith(
      expect.objectContaining({
        title: 'ITSS 运维标准宣贯培训（北京站）（全天）',
        startTime: Date.parse('2026-12-20T01:00:00.000Z') / 1000,
        endTime: String(Date.parse('2026-12-20T09:00:00.000Z') / 1000),
        location: '北京市海淀区中关村南大街 2 号',
      }),
    ),
  );
  expect(showToast).toHaveBeenCalledWith({ title: '已添加到日历', icon: 'success' });

  fireEvent.click(await screen.findByText('运维标准解读讲义'));
  await waitFor(() => expect(openDocument).toHaveBeenCalled());
  expect(downloaded()).toContain('https://api.test/api/events/11/materials/5/file');
  expect(text).toContain('2.4 MB');
});

test('添加到日历 in a browser downloads the session’s .ics with the session', async () => {
  process.env.TARO_ENV = 'h5';
  serveTicket(() => registration());
  await openTicket();
  fireEvent.click(screen.getByText('添加到日历'));
  await waitFor(() => expect(downloaded()).toContain('https://api.test/api/registrations/71/calendar.ics'));
  expect(addPhoneCalendar).not.toHaveBeenCalled();
});

test('a seat awaiting payment: 微信支付, the cashier, the sync, then the ticket', async () => {
  let paid = false;
  const calls = serveTicket(
    () =>
      paid
        ? registration({ priceFen: 80000, paidFen: 80000, paymentId: 91, refundOnCancelFen: 80000 })
        : registration({
            state: 'awaiting_payment',
            ticketCode: null,
            priceFen: 80000,
            holdExpiresAt: '2026-12-08T02:30:00.000Z',
          }),
    (call) => {
      if (call.path === '/api/registrations/71/confirm') return ok({ state: 'awaiting_payment', order });
      if (call.path === '/api/payments/91/sync') {
        paid = true;
        return ok({ paymentId: 91, status: 'succeeded' });
      }
      return undefined;
    },
  );
  await openTicket();
  expect(document.body.textContent).toContain('请于 2026-12-08 10:30 前完成支付');
  expect(document.querySelector('.ticket-card')).toBeNull();
  fireEvent.click(screen.getByText('微信支付 800.00 元'));
  await screen.findByText('1z.AbCdEfGhIjKlMnOp');
  expect(requestPayment).toHaveBeenCalledWith(order.requestPayment);
  expect(showToast).toHaveBeenCalledWith({ title: '支付成功', icon: 'success' });
  expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
    '/api/registrations/71/confirm',
    '/api/payments/91/sync',
  ]);
  // Paid: the invoice can be asked for.
  expect(screen.getByText('申请开具发票')).toBeTruthy();
});

test('an offered free seat: 确认参加 takes it', async () => {
  let taken = false;
  serveTicket(
    () =>
      taken
        ? registration()
        : registration({ state: 'offered', ticketCode: null, holdExpiresAt: '2026-12-09T01:00:00.000Z' }),
    (call) => {
      if (call.path !== '/api/registrations/71/confirm') return undefined;
      taken = true;
      return ok({ state: 'confirmed', order: null });
    },
  );
  await openTicket();
  expect(document.body.textContent).toContain('候补名额已为您保留');
  fireEvent.click(screen.getByText('确认参加'));
  await screen.findByText('1z.AbCdEfGhIjKlMnOp');
  expect(showToast).toHaveBeenCalledWith({ title: '已确认参加', icon: 'success' });
});

test('cancelling a paid seat says the refund first, then what was refunded', async () => {
  let cancelled = false;
  const calls = serveTicket(
    () =>
      cancelled
        ? registration({ state: 'cancelled', ticketCode: null, priceFen: 80000, paidFen: 80000 })
        : registration({ priceFen: 80000, paidFen: 80000, refundOnCancelFen: 80000 }),
    (call) => {
      if (call.path !== '/api/registrations/71/cancel') return undefined;
      cancelled = true;
      return ok({ state: 'cancelled', refundFen: 80000 });
    },
  );
  await openTicket();
  expect(document.body.textContent).toContain('现在取消可退 800.00 元');
  fireEvent.click(screen.getByText('取消报名'));
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消报名' })),
  );
  const [asked, told] = showModal.mock.calls.map(([options]) => String(options.content));
  expect(asked).toContain('已支付的 800.00 元将全额原路退回');
  expect(told).toContain('将退回 800.00 元');
  await screen.findByText('报名已取消');
  expect(calls.some((call) => call.path === '/api/registrations/71/cancel' && call.method === 'POST')).toBe(
    true,
  );
  expect(document.querySelector('.ticket-card')).toBeNull();
});

test('past the refund days: cancelling is said to refund nothing; 不取消 leaves it', async () => {
  const calls = serveTicket(() => registration({ priceFen: 80000, paidFen: 80000, refundOnCancelFen: 0 }));
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  await openTicket();
  expect(document.body.textContent).toContain('按活动退款规则，现在取消不予退款');
  fireEvent.click(screen.getByText('取消报名'));
  await waitFor(() => expect(showModal).toHaveBeenCalled());
  expect(String(showModal.mock.calls[0]?.[0].content)).toContain('现在取消不予退款（已付 800.00 元）');
  expect(calls.some((call) => call.path === '/api/registrations/71/cancel')).toBe(false);
});

test('after a training: the certificate of attendance to download, and the survey answered once', async () => {
  let answered = false;
  const calls = serveTicket(
    () =>
      registration({
        eventState: 'closed',
        checkedInAt: '2026-12-20T00:52:00.000Z',
        certificateAvailable: true,
        surveyOpen: !answered,
      }),
    (call) => {
      if (call.path === '/api/registrations/71/certificate')
        return ok({
          code: 'ABCDEFGHIJKLMNOPQRST',
          number: 'ITSS-PX-2026-000001',
          name: '孙同事',
          eventTitle: 'ITSS 运维标准宣贯培训（北京站）',
          attendedOn: '2026-12-20',
          hours: 6,
          verifyUrl: 'https://itss.example.cn/verify?code=ABCDEFGHIJKLMNOPQRST',
          issuedAt: '2026-12-20T10:00:00.000Z',
        });
      if (call.path === '/api/registrations/71/survey') {
        answered = true;
        return { statusCode: 204, data: '' };
      }
      return undefined;
    },
  );
  await openTicket();
  await screen.findByText('ITSS-PX-2026-000001');
  expect(document.body.textContent).toContain('已于 2026-12-20 08:52 签到');
  expect(document.body.textContent).toContain('报名截止后不能在线取消');
  fireEvent.click(screen.getByText('下载培训证明'));
  await waitFor(() =>
    expect(downloaded()).toContain('https://api.test/api/registrations/71/certificate.pdf'),
  );
  await waitFor(() =>
    expect(openDocument).toHaveBeenCalledWith(expect.objectContaining({ fileType: 'pdf' })),
  );

  fireEvent.click(screen.getByText('提交评价'));
  await screen.findByText('评分为 1–5 分');
  fireEvent.click(screen.getByLabelText('4 分'));
  expect(screen.getByText('满意')).toBeTruthy();
  await typeInTextarea('.ticket-survey__comment', '讲师讲解清楚');
  fireEvent.click(screen.getByText('提交评价'));
  await screen.findByText('感谢参加，您的满意度评价已收到。');
  expect(calls.find((call) => call.path === '/api/registrations/71/survey')?.data).toEqual({
    rating: 4,
    comment: '讲师讲解清楚',
  });
});

test('someone else’s registration (404) is not found', async () => {
  serveTicket(
    () => registration(),
    (call) => (call.path === '/api/registrations/71' ? notFound : undefined),
  );
  render(<TicketPage />);
  await screen.findByText('未找到该报名记录');
});

test('a seat the unit booked: the booker names its attendee', async () => {
  let named = false;
  const calls = serveTicket(
    () =>
      registration({
        bookingId: 4,
        name: named ? '钱同事' : null,
        title: named ? '工程师' : null,
      }),
    (call) => {
      if (call.path !== '/api/registrations/71/attendee') return undefined;
      named = true;
      return ok({ id: 71, bookingId: 4, name: '钱同事', title: '工程师', phoneMasked: '139****0001' });
    },
  );
  await openTicket();
  expect(document.body.textContent).toContain('参会人待填写');
  expect(document.body.textContent).toContain('这是本单位预订的名额');
  await typeInto('.event-field__input--attendee', '钱同事');
  await typeInto('.event-field__input--attendee-title', '工程师');
  await typeInto('.event-field__input--attendee-phone', '13900000001');
  fireEvent.click(screen.getByText('保存参会人'));
  await screen.findByText('钱同事 · 工程师');
  const patch = calls.find((call) => call.path === '/api/registrations/71/attendee');
  expect(patch).toMatchObject({
    method: 'PATCH',
    data: { name: '钱同事', title: '工程师', phone: '13900000001' },
  });
});

test('a booked seat awaiting payment is paid with its booking’s order', async () => {
  const calls = serveTicket(
    () => registration({ bookingId: 4, state: 'awaiting_payment', ticketCode: null, priceFen: 80000 }),
    (call) => {
      if (call.path === '/api/bookings/4/pay') return ok(order);
      if (call.path === '/api/payments/91/sync') return ok({ paymentId: 91, status: 'succeeded' });
      return undefined;
    },
  );
  await openTicket();
  expect(document.body.textContent).toContain('每个名额 800.00 元，本次预订一并支付');
  fireEvent.click(screen.getByText('支付单位预订'));
  await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '支付成功', icon: 'success' }));
  expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
    '/api/bookings/4/pay',
    '/api/payments/91/sync',
  ]);
});
