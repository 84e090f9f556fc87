import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { EventStats } from '@itss/shared';
import { typeInto } from '@test/forms';
import { ok, serveBy, signedInAs, staffOnly, type Call } from '@test/fixtures';
import { chooseMessageFile, routerParams, uploadFile } from '@test/taro-mock';
import { eventDetail } from '@/packages/events/staff/test-fixtures';
import EventStatsPage from './index';

// Long pages on a machine shared by many test runs: a render may take longer than the default second.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  signedInAs(staffOnly);
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  routerParams.id = '7';
  chooseMessageFile.mockReset();
  uploadFile.mockReset();
});

const stats: EventStats = {
  registered: 30,
  confirmed: 20,
  awaitingPayment: 1,
  offered: 1,
  waitlisted: 5,
  cancelled: 3,
  attended: 15,
  noShows: 5,
  byAudience: [
    { audience: 'member', confirmed: 10, attended: 8 },
    { audience: 'committee', confirmed: 0, attended: 0 },
    { audience: 'non_member', confirmed: 5, attended: 2 },
  ],
  sessions: [{ sessionId: 71, title: '全天', capacity: 20, confirmed: 20, attended: 15, waitlisted: 5 }],
  survey: { answers: 4, average: 4.25, histogram: [0, 0, 1, 1, 2] },
  paidFen: 500000,
  refundedFen: 50000,
};

function open(): Call[] {
  let materials = [] as unknown[];
  return serveBy((call) => {
    if (call.path === '/api/events/7') return ok(eventDetail());
    if (call.path === '/api/events/7/stats') return ok(stats);
    if (call.path === '/api/events/7/materials' && call.method === 'POST') {
      materials = [
        {
          id: 1,
          title: '培训讲义',
          url: '/api/events/7/materials/1',
          sizeBytes: 40960,
          createdAt: '2027-01-20T02:00:00.000Z',
        },
      ];
      return ok({});
    }
    if (call.path === '/api/events/7/materials') return ok({ items: materials });
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '无' } };
  });
}

test('the numbers, the bars by level and session on one scale, and the survey average', async () => {
  open();
  render(<EventStatsPage />);
  await screen.findByText('报名人数');
  expect(screen.getByText('75%')).toBeTruthy();
  expect(screen.getByText('5,000.00 元')).toBeTruthy();
  expect(screen.getByText('报名 10 · 签到 8')).toBeTruthy();
  // A level without anyone is left out.
  expect(screen.queryByText('委员单位')).toBeNull();
  expect(screen.getByText('报名 20/20 · 签到 15 · 候补 5')).toBeTruthy();
  const widths = [...document.querySelectorAll<HTMLElement>('.event-chart__part')].map(
    (bar) => bar.style.width,
  );
  expect(widths).toEqual(['80%', '20%', '100%']);
  expect(screen.getByText('4.3')).toBeTruthy();
  expect(screen.getByText('平均分（满分 5 分）· 4 人评价')).toBeTruthy();
});

test('a material: its title first, then the PDF goes to /api/files and the event takes it', async () => {
  const calls = open();
  chooseMessageFile.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ path: 'wxfile://tmp/slides.pdf', name: '讲义.pdf', size: 40960, type: 'file', time: 0 }],
  });
  uploadFile.mockResolvedValueOnce({
    errMsg: 'uploadFile:ok',
    statusCode: 200,
    data: JSON.stringify({ id: 88, name: '讲义.pdf', size: 40960, contentType: 'application/pdf' }),
  });
  render(<EventStatsPage />);
  await screen.findByText('尚未上传资料');
  await typeInto('.event-materials__input', '培训讲义');
  const upload = screen.getByText('上传 PDF');
  await waitFor(() => expect(upload.closest('taro-button-core')?.hasAttribute('disabled')).toBe(false));
  fireEvent.click(upload);
  await screen.findByText('培训讲义');
  expect(calls.filter((call) => call.method === 'POST')).toEqual([
    expect.objectContaining({ path: '/api/events/7/materials', data: { fileId: 88, title: '培训讲义' } }),
  ]);
});
