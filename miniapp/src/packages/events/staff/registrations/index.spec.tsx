import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { typeInto } from '@test/forms';
import { ok, serveBy, signedInAs, staffOnly, type Call } from '@test/fixtures';
import { downloadFile, routerParams } from '@test/taro-mock';
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

function open(): Call[] {
  return serveBy((call) => {
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
