import { configure, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { InvoiceRequestPage } from '@itss/shared';
import { typeInto } from '@test/forms';
import { ok, serveBy, signedInAs, staffOnly, type Call } from '@test/fixtures';
import { chooseMessageFile, navigateTo, uploadFile } from '@test/taro-mock';
import EventInvoicesPage from './index';

// A machine shared by many test runs: a render may take longer than the default second.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  signedInAs(staffOnly);
  chooseMessageFile.mockReset();
  uploadFile.mockReset();
});

const item = (registrationId: number, issued = false): InvoiceRequestPage['items'][number] => ({
  registrationId,
  eventId: 7,
  eventTitle: '2027 ITSS 会议周',
  name: `参会人${registrationId}`,
  unitName: '北京数智运维科技有限公司',
  priceFen: 80000,
  invoice: {
    status: issued ? 'issued' : 'requested',
    title: '北京数智运维科技有限公司',
    taxNumber: '91110108MA01ABCD2X',
    number: issued ? '25112000000012345678' : null,
    url: issued ? 'https://api.test/api/files/9/content' : null,
    requestedAt: '2027-01-10T02:00:00.000Z',
    issuedAt: issued ? '2027-01-11T02:00:00.000Z' : null,
  },
});

const pickAndUpload = () => {
  chooseMessageFile.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ path: 'wxfile://tmp/invoice.pdf', name: '发票.pdf', size: 40960, type: 'file', time: 0 }],
  });
  uploadFile.mockResolvedValueOnce({
    errMsg: 'uploadFile:ok',
    statusCode: 200,
    data: JSON.stringify({ id: 88, name: '发票.pdf', size: 40960, contentType: 'application/pdf' }),
  });
};

test('open requests with the event, attendee, amount, title and tax number; the chips ask again', async () => {
  const calls = serveBy((call) =>
    call.path.includes('status=requested')
      ? ok({ items: [item(1)], nextCursor: null })
      : ok({ items: [item(1), item(2, true)], nextCursor: null }),
  );
  render(<EventInvoicesPage />);
  await screen.findByText('抬头：北京数智运维科技有限公司（91110108MA01ABCD2X）');
  expect(screen.getByText('参会人1 · 北京数智运维科技有限公司')).toBeTruthy();
  expect(screen.getByText('2027 ITSS 会议周 · 800.00 元')).toBeTruthy();
  expect(document.querySelector('.document-status--requested')?.textContent).toBe('已申请开票');
  fireEvent.click(screen.getByText('全部'));
  await screen.findByText(/开具于 2027-01-11 10:00 · 号码 25112000000012345678/);
  expect(calls.map((c) => c.path)).toEqual([
    '/api/events/invoice-requests?status=requested',
    '/api/events/invoice-requests',
  ]);
  // Only the open request offers the upload.
  expect(screen.getAllByText('上传 PDF 并开具')).toHaveLength(1);
  fireEvent.click(screen.getByText('参会人2 · 北京数智运维科技有限公司'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/events/staff/registrations/index?id=7' });
});

test('the number comes first; then the PDF goes to /api/files and the registration takes its id and number', async () => {
  let issued = false;
  const calls: Call[] = serveBy((call) =>
    call.method === 'POST'
      ? ((issued = true), ok({}))
      : ok({ items: issued ? [] : [item(1)], nextCursor: null }),
  );
  pickAndUpload();
  render(<EventInvoicesPage />);
  const upload = await screen.findByText('上传 PDF 并开具');
  expect(upload.closest('taro-button-core')?.hasAttribute('disabled')).toBe(true);
  // Shorter than the contract allows: still off.
  await typeInto('.document-issue__number', 'No1');
  expect(upload.closest('taro-button-core')?.hasAttribute('disabled')).toBe(true);
  await typeInto('.document-issue__number', ' 25112000000012345678 ');
  await waitFor(() => expect(upload.closest('taro-button-core')?.hasAttribute('disabled')).toBe(false));
  fireEvent.click(upload);
  await screen.findByText('暂无待开具的发票申请');
  expect(chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ extension: ['pdf'] }));
  expect(uploadFile).toHaveBeenCalledWith(expect.objectContaining({ url: 'https://api.test/api/files' }));
  expect(calls.filter((c) => c.method === 'POST')).toEqual([
    expect.objectContaining({
      path: '/api/registrations/1/invoice',
      data: { fileId: 88, number: '25112000000012345678' },
    }),
  ]);
});

test('a refused invoice shows the server’s message and the request stays open', async () => {
  serveBy((call) =>
    call.method === 'POST'
      ? {
          statusCode: 409,
          data: { code: 'REGISTRATION_INVOICE_FILE_UNUSABLE', message: '请上传您本人上传的 PDF 文件' },
        }
      : ok({ items: [item(1)], nextCursor: null }),
  );
  pickAndUpload();
  render(<EventInvoicesPage />);
  await screen.findByText('上传 PDF 并开具');
  await typeInto('.document-issue__number', '25112000000012345678');
  fireEvent.click(screen.getByText('上传 PDF 并开具'));
  await screen.findByText('请上传您本人上传的 PDF 文件');
  expect(screen.getByText('上传 PDF 并开具')).toBeTruthy();
});
