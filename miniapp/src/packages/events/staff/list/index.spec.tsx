import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ok, serveBy, signedInAs, staffOnly, visitor } from '@test/fixtures';
import { navigateTo } from '@test/taro-mock';
import { eventSummary } from '@/packages/events/staff/test-fixtures';
import EventsStaffPage from './index';

// Long pages on a machine shared by many test runs: a render may take longer than the default second.
configure({ asyncUtilTimeout: 5000 });

const chip = (name: string) =>
  [...document.querySelectorAll('.staff-chips__chip')].find((el) => el.textContent === name)!;

test('events with their state, kind, time, price and seats; filters ask again; a card opens its pages', async () => {
  signedInAs(staffOnly);
  const calls = serveBy((call) =>
    ok({
      items: call.path.includes('state=draft')
        ? [
            eventSummary({
              id: 8,
              state: 'draft',
              title: '会员沙龙（草稿）',
              kind: 'salon',
              membersFirst: false,
            }),
          ]
        : [eventSummary()],
      nextCursor: null,
    }),
  );
  render(<EventsStaffPage />);
  await screen.findByText('2027 年 ITSS 宣贯培训（北京站）');
  expect(document.querySelector('.queue-row__level')?.textContent).toBe('ITSS 宣贯培训');
  expect(screen.getByText('会员优先')).toBeTruthy();
  expect(screen.getByText('2027-01-20 09:00 – 17:00')).toBeTruthy();
  expect([...document.querySelectorAll('.queue-row__meta')].map((meta) => meta.textContent)).toContain(
    '免费 – 800.00 元 · 剩余名额 12',
  );
  fireEvent.click(screen.getByText('扫码签到'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/events/staff/scanner/index?id=7' });

  fireEvent.click(chip('草稿'));
  await screen.findByText('会员沙龙（草稿）');
  // A draft has only its editor.
  expect(screen.queryByText('报名名单')).toBeNull();
  fireEvent.click(chip('含已结束（近一年）'));
  await waitFor(() =>
    expect(calls.at(-1)?.path).toMatch(/^\/api\/events\?state=draft&from=\d{4}-\d{2}-\d{2}&limit=20$/),
  );
  fireEvent.click(screen.getByText('新建活动'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/events/staff/edit/index' });
});

test('someone who is not staff sees the refusal and nothing is asked', async () => {
  signedInAs(visitor);
  const calls = serveBy(() => ok({ items: [], nextCursor: null }));
  render(<EventsStaffPage />);
  await screen.findByText('此页面仅限会员服务部工作人员使用');
  expect(calls).toEqual([]);
});
