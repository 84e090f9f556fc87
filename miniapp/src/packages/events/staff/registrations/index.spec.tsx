import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { typeInto } from '@test/forms';
import { ok, serveBy, signedInAs, staffOnly, type Call } from '@test/fixtures';
import { downloadFile, routerParams, showModal } from '@test/taro-mock';
import { fakeViewport } from '@test/viewport';
import { eventDetail, registration } from '@/packages/events/staff/test-fixtures';
import EventRegistrationsPage from './index';

// Long pages on a machine shared by many test runs: a render may take longer than the default second.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  signedInAs(staffOnly);
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  routerParams.id = '7';
});

const twoSessions = () =>
  eventDetail({
    sessions: [
      {
        id: 71,
        title: '主论坛',
        startsAt: '2027-01-20T01:00:00.000Z',
        endsAt: '2027-01-20T04:00:00.000Z',
        capacity: 20,
        taken: 8,
        seatsLeft: 12,
        waitlisted: 0,
      },
      {
        id: 72,
        title: '分论坛一',
        startsAt: '2027-01-20T05:00:00.000Z',
        endsAt: '2027-01-20T09:00:00.000Z',
        capacity: 10,
        taken: 10,
        seatsLeft: 0,
        waitlisted: 3,
      },
    ],
  });

function open(answer?: (call: Call) => { statusCode: number; data: unknown } | undefined): Call[] {
  return serveBy((call) => {
    const answered = answer?.(call);
    if (answered) return answered;
    if (call.path === '/api/events/7') return ok(twoSessions());
    if (call.path.startsWith('/api/events/7/registrations'))
      return ok({
        items: call.path.includes('state=checked_in')
          ? [registration(2, { checkedInAt: '2027-01-20T01:05:00.000Z' })]
          : [
              registration(1),
              registration(2, { checkedInAt: '2027-01-20T01:05:00.000Z' }),
              registration(3, { state: 'waitlisted', position: 1 }),
            ],
        nextCursor: null,
      });
    if (call.path === '/api/events/7/walk-ins') return ok({});
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '无' } };
  });
}

const chip = (name: string) =>
  [...document.querySelectorAll('.staff-chips__chip')].find((el) => el.textContent === name)!;

test('registrations by state and session; 已签到 is a tab of its own; the export follows the filters', async () => {
  const calls = open();
  render(<EventRegistrationsPage />);
  await screen.findByText('参会人1');
  expect(screen.getByText('候补中 第 1 位')).toBeTruthy();
  expect(screen.getByText(/签到于 2027-01-20 09:05/)).toBeTruthy();
  fireEvent.click(chip('分论坛一（10/10）'));
  fireEvent.click(chip('已签到'));
  await waitFor(() =>
    expect(calls.map((call) => call.path)).toContain(
      '/api/events/7/registrations?sessionId=72&state=checked_in&limit=50',
    ),
  );
  fireEvent.click(screen.getByText('导出 Excel'));
  await waitFor(() => expect(downloadFile).toHaveBeenCalled());
  expect(downloadFile.mock.lastCall?.[0]).toMatchObject({
    url: 'https://api.test/api/events/7/registrations.xlsx?sessionId=72&state=checked_in',
  });
});

test('a walk-in needs a session and a name, then is registered and checked in', async () => {
  const calls = open();
  render(<EventRegistrationsPage />);
  fireEvent.click(await screen.findByText('现场报名'));
  fireEvent.click(screen.getByText('报名并签到'));
  await screen.findByText('请选择场次');
  expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
  fireEvent.click(chip('主论坛（余 12）'));
  await typeInto('.walk-in__name', '王现场');
  await typeInto('.walk-in__phone', '13912345678');
  fireEvent.click(screen.getByText('报名并签到'));
  await waitFor(() => expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1));
  expect(calls.find((call) => call.method === 'POST')).toMatchObject({
    path: '/api/events/7/walk-ins',
    data: { sessionId: 71, name: '王现场', phone: '13912345678' },
  });
});

const cancelButtons = () => [...document.querySelectorAll('.registration-cancel')];
const posts = (calls: Call[]) => calls.filter((call) => call.method === 'POST');

test('取消报名 asks first, saying the paid seat is refunded in full; then the lists and the event are read again', async () => {
  let cancelled = false;
  const calls = open((call) => {
    if (call.path !== '/api/registrations/1/cancel') return undefined;
    cancelled = true;
    return ok({ state: 'cancelled', refundFen: 50000 });
  });
  render(<EventRegistrationsPage />);
  await screen.findByText('参会人1');
  // Every live registration offers it: the confirmed, the checked-in and the waitlisted.
  expect(cancelButtons()).toHaveLength(3);
  const readsBefore = calls.filter((call) => call.method === 'GET').length;
  fireEvent.click(cancelButtons()[0]!);
  await waitFor(() => expect(cancelled).toBe(true));
  const asked = showModal.mock.calls[0]?.[0];
  expect(asked).toMatchObject({ title: '取消报名', confirmText: '取消报名', cancelText: '不取消' });
  expect(String(asked?.content)).toBe(
    '取消「参会人1」在「全天」的报名？座位空出后先让给候补的第一位。已支付的 500.00 元将全额原路退回。',
  );
  expect(posts(calls)).toEqual([expect.objectContaining({ path: '/api/registrations/1/cancel' })]);
  await waitFor(() =>
    expect(calls.filter((call) => call.path === '/api/events/7').length).toBeGreaterThan(1),
  );
  await waitFor(() =>
    expect(calls.filter((call) => call.method === 'GET').length).toBeGreaterThan(readsBefore + 1),
  );
});

test('不取消 sends nothing; a waitlisted registration is told nothing of seats or refunds; a cancelled one offers no button', async () => {
  const calls = serveBy((call) => {
    if (call.path === '/api/events/7') return ok(twoSessions());
    return ok({
      items: [
        registration(3, { state: 'waitlisted', position: 1, priceFen: 50000, paidFen: 0 }),
        registration(4, { state: 'cancelled' }),
      ],
      nextCursor: null,
    });
  });
  showModal.mockResolvedValueOnce({ errMsg: 'ok', confirm: false });
  render(<EventRegistrationsPage />);
  await screen.findByText('参会人4');
  expect(cancelButtons()).toHaveLength(1);
  fireEvent.click(cancelButtons()[0]!);
  await waitFor(() => expect(showModal).toHaveBeenCalled());
  expect(String(showModal.mock.calls[0]?.[0].content)).toBe('取消「参会人3」在「全天」的报名？');
  expect(posts(calls)).toEqual([]);
});

test('a refused cancellation shows the server’s reason', async () => {
  open((call) =>
    call.path === '/api/registrations/1/cancel'
      ? { statusCode: 409, data: { code: 'REGISTRATION_NOT_CANCELLABLE', message: '该报名已无法取消' } }
      : undefined,
  );
  render(<EventRegistrationsPage />);
  await screen.findByText('参会人1');
  fireEvent.click(cancelButtons()[0]!);
  await waitFor(() =>
    expect(showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '操作未完成', content: '该报名已无法取消' }),
    ),
  );
});

test('at a desk the table has the action in a column of its own', async () => {
  process.env.TARO_ENV = 'h5';
  fakeViewport(1366);
  const calls = open((call) =>
    call.path === '/api/registrations/3/cancel' ? ok({ state: 'cancelled', refundFen: 0 }) : undefined,
  );
  render(<EventRegistrationsPage />);
  await screen.findByText('参会人1');
  const headers = [...document.querySelectorAll('.data-table__header')].map((el) =>
    el.textContent?.replace(/[↑↓↕]/g, ''),
  );
  expect(headers.at(-1)).toBe('操作');
  expect(cancelButtons()).toHaveLength(3);
  fireEvent.click(cancelButtons()[2]!);
  await waitFor(() => expect(posts(calls)).toHaveLength(1));
  expect(posts(calls)[0]?.path).toBe('/api/registrations/3/cancel');
});
