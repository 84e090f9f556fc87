import { fireEvent, render, screen } from '@testing-library/react';
import { ok, serveBy, signedInAs } from '@test/fixtures';
import { navigateTo, storage } from '@test/taro-mock';
import { TOKEN, member, notFound, registration } from '@/packages/events/test-fixtures';
import MyEventsPage from './index';

let now: jest.SpyInstance<number, []>;

beforeEach(() => {
  storage.clear();
  storage.set('itss.session.token', TOKEN);
  signedInAs(member);
  // "Upcoming" is counted from now: the fixtures' sessions are in December 2026.
  now = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-12-07T00:00:00.000Z'));
});

afterEach(() => now.mockRestore());

test('my registrations: upcoming first with what to do next, the ended and cancelled after; a tap opens the ticket', async () => {
  serveBy((call) =>
    call.path === '/api/registrations/mine'
      ? ok({
          items: [
            registration({
              id: 70,
              eventTitle: '2025 年会员沙龙',
              startsAt: '2025-06-01T06:00:00.000Z',
              endsAt: '2025-06-01T08:00:00.000Z',
            }),
            registration(),
            registration({
              id: 72,
              eventTitle: '2026 ITSS 会议周',
              state: 'awaiting_payment',
              ticketCode: null,
              holdExpiresAt: '2026-12-08T02:30:00.000Z',
              startsAt: '2026-12-22T01:00:00.000Z',
              endsAt: '2027-12-22T09:00:00.000Z',
            }),
            registration({
              id: 73,
              eventTitle: '专题讲座',
              state: 'waitlisted',
              position: 2,
              ticketCode: null,
            }),
          ],
        })
      : notFound,
  );
  render(<MyEventsPage />);
  await screen.findByText('即将参加');
  const titles = [...document.querySelectorAll('.my-event__title')].map((node) => node.textContent);
  expect(titles).toEqual([
    'ITSS 运维标准宣贯培训（北京站）',
    '专题讲座',
    '2026 ITSS 会议周',
    '2025 年会员沙龙',
  ]);
  const text = document.body.textContent ?? '';
  for (const words of [
    '报名成功',
    '签到时出示电子票二维码',
    '待支付',
    '请于 2026-12-08 10:30 前完成支付',
    '候补第 2 位',
    '已结束或已取消',
  ])
    expect(text).toContain(words);
  fireEvent.click(screen.getByText('2026 ITSS 会议周'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/events/pages/ticket/index?id=72' });
});

test('none yet: says so, with the way to the events', async () => {
  serveBy((call) => (call.path === '/api/registrations/mine' ? ok({ items: [] }) : notFound));
  render(<MyEventsPage />);
  fireEvent.click(await screen.findByText('浏览活动'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/events/pages/list/index' });
});
