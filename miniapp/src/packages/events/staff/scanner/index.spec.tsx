import { act, configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { CheckInResponse } from '@itss/shared';
import { typeInto } from '@test/forms';
import { ok, serveBy, signedInAs, staffOnly, type Answer, type Call } from '@test/fixtures';
import { networkListeners, routerParams, scanCode, storage } from '@test/taro-mock';
import { eventDetail } from '@/packages/events/staff/test-fixtures';
import ScannerPage from './index';
import { queueKey } from './queue';

// Long pages on a machine shared by many test runs: a render may take longer than the default second.
configure({ asyncUtilTimeout: 5000 });

const CODE = '2f.AbCdEfGhIjKlMnOp';
const OTHER = '2g.QrStUvWxYz012345';

beforeEach(() => {
  signedInAs(staffOnly);
  for (const key of Object.keys(routerParams)) delete routerParams[key];
  routerParams.id = '7';
  storage.clear();
  networkListeners.length = 0;
  scanCode.mockReset();
});

const checkIns = (calls: Call[]) => calls.filter((call) => call.path === '/api/events/7/check-ins');

/** The server: the event, its statistics (3 attended) and check-ins answered by `answer`. */
function server(answer: (call: Call) => Answer): Call[] {
  return serveBy((call) => {
    if (call.path === '/api/events/7') return ok(eventDetail());
    if (call.path === '/api/events/7/stats')
      return { statusCode: 404, data: { code: 'NOT_FOUND', message: '无' } };
    if (call.path === '/api/events/7/check-ins') return answer(call);
    return { statusCode: 404, data: { code: 'NOT_FOUND', message: '无' } };
  });
}

const checkedIn = (count: number, extra: Partial<CheckInResponse> = {}): Answer =>
  ok({ result: 'checked_in', name: '李四海', sessionTitle: '全天', checkedInCount: count, ...extra });

/** What the big panel says (the list of this visit's scans repeats it). */
const panel = async (title: string) =>
  waitFor(() => expect(document.querySelector('.scan-result__title')?.textContent).toBe(title));
const panelLines = () => [...document.querySelectorAll('.scan-result__line')].map((line) => line.textContent);

async function scan(code: string): Promise<void> {
  scanCode.mockResolvedValueOnce({ errMsg: 'scanCode:ok', result: code });
  fireEvent.click(await screen.findByText('扫码签到'));
}

test('a scan on WeChat is sent with a scanId and answered big, with the running count', async () => {
  const calls = server(() => checkedIn(4));
  render(<ScannerPage />);
  await scan(CODE);
  await panel('签到成功');
  expect(panelLines()).toEqual(['李四海', '全天']);
  expect(document.querySelector('.event-scanner__count-number')?.textContent).toBe('4');
  expect(scanCode).toHaveBeenCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] });
  expect(checkIns(calls)).toHaveLength(1);
  const sent = checkIns(calls)[0]?.data as { ticketCode: string; scanId: string };
  expect(Object.keys(sent).sort()).toEqual(['scanId', 'ticketCode']);
  expect(sent.ticketCode).toBe(CODE);
  expect(sent.scanId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  expect(storage.has(queueKey(7))).toBe(false);
});

test('a second scan of the same ticket says when it was first checked in', async () => {
  server(() =>
    ok({
      result: 'already_checked_in',
      name: '李四海',
      checkedInAt: '2027-01-20T01:05:00.000Z',
      checkedInCount: 4,
    }),
  );
  render(<ScannerPage />);
  await scan(CODE);
  await panel('已签到过');
  expect(panelLines()).toEqual(['李四海', '首次签到 2027-01-20 09:05']);
});

test('a scan made offline is kept in storage and sent once when the network returns', async () => {
  let online = false;
  const calls = server(() => (online ? checkedIn(5) : 'offline'));
  render(<ScannerPage />);
  await scan(CODE);
  await panel('已离线保存');
  expect(screen.getByText('离线待提交 1 条，网络恢复后自动提交')).toBeTruthy();
  const [kept] = storage.get(queueKey(7)) as { scanId: string; ticketCode: string }[];
  expect(kept?.ticketCode).toBe(CODE);
  const sentOffline = checkIns(calls).length;

  // Scanned again while still offline: it waits once.
  await scan(CODE);
  await panel('该票已在待提交队列中');
  expect((storage.get(queueKey(7)) as unknown[]).length).toBe(1);

  online = true;
  act(() => networkListeners.forEach((listener) => listener({ isConnected: true, networkType: 'wifi' })));
  await panel('签到成功');
  expect(panelLines()).toContain('离线扫码，联网后已提交');
  expect(document.querySelector('.event-scanner__count-number')?.textContent).toBe('5');
  const resent = checkIns(calls).slice(sentOffline);
  expect(resent).toHaveLength(1);
  expect(resent[0]?.data).toEqual({ ticketCode: CODE, scanId: kept?.scanId });
  expect(storage.has(queueKey(7))).toBe(false);
  expect(screen.queryByText(/离线待提交/)).toBeNull();

  // The network says it is back again: nothing is left to send.
  act(() => networkListeners.forEach((listener) => listener({ isConnected: true, networkType: 'wifi' })));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(checkIns(calls).slice(sentOffline)).toHaveLength(1);
});

test('scans left from a visit before are sent when the scanner opens, in scan order', async () => {
  storage.set(queueKey(7), [
    { scanId: 'scan-first-0001', ticketCode: CODE, scannedAt: '2027-01-20T01:00:00.000Z' },
    { scanId: 'scan-second-002', ticketCode: OTHER, scannedAt: '2027-01-20T01:01:00.000Z' },
  ]);
  const calls = server((call) =>
    checkedIn((call.data as { scanId: string }).scanId === 'scan-first-0001' ? 4 : 5),
  );
  render(<ScannerPage />);
  await waitFor(() => expect(storage.has(queueKey(7))).toBe(false));
  expect(checkIns(calls).map((call) => (call.data as { scanId: string }).scanId)).toEqual([
    'scan-first-0001',
    'scan-second-002',
  ]);
  await waitFor(() => expect(document.querySelector('.event-scanner__count-number')?.textContent).toBe('5'));
});

test('in a browser a typed code is checked in; what cannot be a ticket is refused without a request', async () => {
  process.env.TARO_ENV = 'h5';
  const calls = server(() => checkedIn(4));
  render(<ScannerPage />);
  await screen.findByText('签到');
  await typeInto('.event-scanner__input', 'hello');
  fireEvent.click(screen.getByText('签到'));
  await panel('无效票码');
  expect(checkIns(calls)).toEqual([]);
  await typeInto('.event-scanner__input', ` ${CODE} `);
  fireEvent.click(screen.getByText('签到'));
  await panel('签到成功');
  expect(checkIns(calls)[0]?.data).toMatchObject({ ticketCode: CODE });
});
