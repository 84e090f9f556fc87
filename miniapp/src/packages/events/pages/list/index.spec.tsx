import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ok, serveBy } from '@test/fixtures';
import { navigateTo, storage } from '@test/taro-mock';
import { session } from '@/services/session';
import { notFound, summary } from '@/packages/events/test-fixtures';
import EventsPage from './index';

beforeEach(() => {
  storage.clear();
  session.reset({ status: 'signedOut' });
});

test('upcoming events: kind, 会员优先, time in Beijing, place, price and seats left; a tap opens one', async () => {
  serveBy((call) =>
    call.path.startsWith('/api/events')
      ? ok({
          items: [
            summary(),
            summary({
              id: 12,
              kind: 'conference',
              title: '2026 ITSS 会议周',
              membersFirst: false,
              place: { mode: 'online', liveUrl: 'channels://itss' },
              startsAt: '2026-12-22T01:00:00.000Z',
              endsAt: '2026-12-23T09:30:00.000Z',
              priceFromFen: 50000,
              priceToFen: 120000,
              seatsLeft: 0,
            }),
          ],
          nextCursor: null,
        })
      : notFound,
  );
  render(<EventsPage />);
  await screen.findByText('ITSS 运维标准宣贯培训（北京站）');
  const first = screen.getByText('ITSS 运维标准宣贯培训（北京站）').closest('.event-card')!;
  expect(first.textContent).toContain('ITSS 宣贯培训');
  expect(first.textContent).toContain('会员优先');
  expect(first.textContent).toContain('2026-12-20 09:00–17:00');
  expect(first.textContent).toContain('北京市海淀区中关村南大街 2 号');
  expect(first.textContent).toContain('免费');
  expect(first.textContent).toContain('剩余 12 个名额');
  const second = screen.getByText('2026 ITSS 会议周').closest('.event-card')!;
  expect(second.textContent).not.toContain('会员优先');
  expect(second.textContent).toContain('2026-12-22 09:00 至 2026-12-23 17:30');
  expect(second.textContent).toContain('线上直播');
  expect(second.textContent).toContain('500.00 元 起');
  expect(second.textContent).toContain('名额已满，可报名候补');
  expect(screen.getByText('没有更多活动了')).toBeTruthy();
  fireEvent.click(first);
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/events/pages/detail/index?id=11' });
});

test('a kind chip asks for that kind only, from the first page; an empty kind says so', async () => {
  const calls = serveBy((call) =>
    call.path === '/api/events?limit=20'
      ? ok({ items: [summary()], nextCursor: null })
      : call.path.startsWith('/api/events')
        ? ok({ items: [], nextCursor: null })
        : notFound,
  );
  render(<EventsPage />);
  await screen.findByText('ITSS 运维标准宣贯培训（北京站）');
  fireEvent.click(screen.getByText('会员沙龙'));
  await screen.findByText('近期暂无会员沙龙，敬请关注');
  expect(calls.map((call) => call.path)).toEqual(['/api/events?limit=20', '/api/events?kind=salon&limit=20']);
});

test('more pages load with the cursor the server gave', async () => {
  const calls = serveBy((call) =>
    call.path === '/api/events?limit=20'
      ? ok({ items: [summary()], nextCursor: 'c1' })
      : call.path === '/api/events?cursor=c1&limit=20'
        ? ok({ items: [summary({ id: 13, title: '专题讲座：服务管理' })], nextCursor: null })
        : notFound,
  );
  render(<EventsPage />);
  fireEvent.click(await screen.findByText('加载更多'));
  await screen.findByText('专题讲座：服务管理');
  expect(calls).toHaveLength(2);
});

test('a failed load says why and 重试 loads again', async () => {
  let fail = true;
  serveBy(() => (fail ? 'offline' : ok({ items: [], nextCursor: null })));
  render(<EventsPage />);
  await screen.findByText('重试');
  fail = false;
  fireEvent.click(screen.getByText('重试'));
  await waitFor(() => expect(screen.getByText('近期暂无活动，敬请关注')).toBeTruthy());
});
