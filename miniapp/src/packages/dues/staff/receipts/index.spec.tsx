import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReceiptRequestPage } from '@itss/shared';
import { typeInto } from '@test/forms';
import { ok, serveBy, signedInAs, staffOnly, type Call } from '@test/fixtures';
import { chooseMessageFile, navigateTo, uploadFile } from '@test/taro-mock';
import DuesReceiptsPage from './index';

beforeEach(() => {
  signedInAs(staffOnly);
  chooseMessageFile.mockReset();
  uploadFile.mockReset();
});

const item = (billId: number, issued = false): ReceiptRequestPage['items'][number] => ({
  billId,
  unitName: `北京数智运维科技有限公司${billId}`,
  year: 2026,
  amountFen: 300000,
  paidFen: 300000,
  receipt: {
    status: issued ? 'issued' : 'requested',
    title: `北京数智运维科技有限公司${billId}`,
    taxNumber: '91110108MA01ABCD2X',
    number: issued ? 'No.00012345' : null,
    requestedAt: '2026-11-20T02:00:00.000Z',
    issuedAt: issued ? '2026-11-21T02:00:00.000Z' : null,
  },
});

test('lists open requests with the title and tax number; the state chips ask again', async () => {
  const calls = serveBy((call) =>
    call.path.includes('status=requested')
      ? ok({ items: [item(1)], nextCursor: null })
      : ok({ items: [item(1), item(2, true)], nextCursor: null }),
  );
  render(<DuesReceiptsPage />);
  await screen.findByText('抬头：北京数智运维科技有限公司1（91110108MA01ABCD2X）');
  expect(screen.getByText('2026 年度 · 应缴 3,000.00 元 · 已缴 3,000.00 元')).toBeTruthy();
  fireEvent.click(screen.getByText('全部'));
  await screen.findByText(/开具于 2026-11-21 10:00 · 号码 No.00012345/);
  expect(calls.map((c) => c.path)).toEqual([
    '/api/dues/receipt-requests?status=requested',
    '/api/dues/receipt-requests',
  ]);
  // Only the open request offers the upload.
  expect(screen.getAllByText('上传 PDF 并开具')).toHaveLength(1);
  fireEvent.click(screen.getByText('北京数智运维科技有限公司2'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/dues/staff/bill/index?id=2' });
});

test('the number comes first; then the PDF goes to /api/files and the bill takes its id and number', async () => {
  let issued = false;
  const calls: Call[] = serveBy((call) =>
    call.method === 'POST'
      ? ((issued = true), ok({}))
      : ok({ items: issued ? [] : [item(1)], nextCursor: null }),
  );
  chooseMessageFile.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ path: 'wxfile://tmp/receipt.pdf', name: '票据.pdf', size: 40960, type: 'file', time: 0 }],
  });
  uploadFile.mockResolvedValueOnce({
    errMsg: 'uploadFile:ok',
    statusCode: 200,
    data: JSON.stringify({ id: 77, name: '票据.pdf', size: 40960, contentType: 'application/pdf' }),
  });
  render(<DuesReceiptsPage />);
  const upload = await screen.findByText('上传 PDF 并开具');
  expect(upload.closest('taro-button-core')?.hasAttribute('disabled')).toBe(true);
  await typeInto('.document-issue__number', ' No.00012345 ');
  await waitFor(() => expect(upload.closest('taro-button-core')?.hasAttribute('disabled')).toBe(false));
  fireEvent.click(upload);
  await screen.findByText('暂无待开具的票据申请');
  expect(chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ extension: ['pdf'] }));
  expect(uploadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://api.test/api/files' }));
  expect(calls.filter((c) => c.method === 'POST')).toEqual([
    expect.objectContaining({
      path: '/api/dues/bills/1/receipt',
      data: { fileId: 77, number: 'No.00012345' },
    }),
  ]);
});

test('a refused receipt shows the server’s message', async () => {
  serveBy((call) =>
    call.method === 'POST'
      ? { statusCode: 415, data: { code: 'DUES_RECEIPT_NOT_PDF', message: '会费票据请上传 PDF 文件' } }
      : ok({ items: [item(1)], nextCursor: null }),
  );
  chooseMessageFile.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ path: 'wxfile://tmp/receipt.pdf', name: '票据.pdf', size: 40960, type: 'file', time: 0 }],
  });
  uploadFile.mockResolvedValueOnce({
    errMsg: 'uploadFile:ok',
    statusCode: 200,
    data: JSON.stringify({ id: 77, name: '票据.pdf', size: 40960, contentType: 'application/pdf' }),
  });
  render(<DuesReceiptsPage />);
  await screen.findByText('上传 PDF 并开具');
  await typeInto('.document-issue__number', 'No.00012345');
  fireEvent.click(screen.getByText('上传 PDF 并开具'));
  await screen.findByText('会费票据请上传 PDF 文件');
});
