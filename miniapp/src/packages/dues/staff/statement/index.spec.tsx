import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { STATEMENT_COLUMNS } from '@itss/shared';
import { ok, serveBy, signedInAs, staffOnly, type Answer, type Call } from '@test/fixtures';
import { chooseMessageFile, downloadFile, navigateTo, showModal, uploadFile } from '@test/taro-mock';
import { bill, statement } from '@/packages/dues/staff/test-fixtures';
import DuesStatementPage from './index';

beforeEach(() => {
  signedInAs(staffOnly);
  chooseMessageFile.mockReset();
  uploadFile.mockReset();
});

function chooses(name = '工行流水202602.xlsx'): void {
  chooseMessageFile.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ path: 'wxfile://tmp/statement.xlsx', name, size: 20480, type: 'file', time: 0 }],
  });
}

function uploadAnswers(statusCode: number, body: unknown): void {
  uploadFile.mockResolvedValueOnce({ errMsg: 'uploadFile:ok', statusCode, data: JSON.stringify(body) });
}

async function openPreview(api: (call: Call) => Answer = () => ok({})): Promise<Call[]> {
  const calls = serveBy(api);
  chooses();
  uploadAnswers(200, statement);
  render(<DuesStatementPage />);
  fireEvent.click(screen.getByText('选择银行流水文件'));
  await screen.findByText('工行流水202602.xlsx');
  return calls;
}

test('explains the columns from the contract and downloads the template', async () => {
  serveBy(() => ok({}));
  render(<DuesStatementPage />);
  expect(screen.getByText(STATEMENT_COLUMNS.join('、'), { exact: false })).toBeTruthy();
  fireEvent.click(screen.getByText('下载流水模板'));
  await waitFor(() =>
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'https://api.test/api/dues/statements/template' }),
    ),
  );
});

test('an .xlsx or .csv from a chat is uploaded; the preview lists matched lines with warnings and unmatched ones with reasons', async () => {
  await openPreview();
  expect(chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ extension: ['xlsx', 'csv'] }));
  expect(uploadFile).toHaveBeenCalledWith(
    expect.objectContaining({ url: 'https://api.test/api/dues/statements', name: 'file' }),
  );
  const count = (tone: string) =>
    document.querySelector(`.statement-summary__count--${tone} .statement-summary__number`)?.textContent;
  expect([count('matched'), count('warning'), count('unmatched')]).toEqual(['2', '1', '1']);
  expect(screen.getByText('请核对：付款户名与单位名称不一致')).toBeTruthy();
  expect(screen.getByText('附言中没有汇款识别码')).toBeTruthy();
  expect(screen.getByText(/附言 会费 · 流水号 BR003/)).toBeTruthy();
  expect(screen.getByText('确认入账 2 笔（13,000.00 元）')).toBeTruthy();
});

test('确认入账 asks first, then shows what was credited and what had been credited before', async () => {
  const calls = await openPreview(() => ok({ credited: 1, alreadyCredited: 1 }));
  fireEvent.click(screen.getByText('确认入账 2 笔（13,000.00 元）'));
  await screen.findByText(/已入账 1 笔；1 笔的流水号此前已入账，未重复记录/);
  expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认入账' }));
  expect(calls).toEqual([
    expect.objectContaining({ method: 'POST', path: '/api/dues/statements/31/confirm' }),
  ]);
  // Confirmed: no second confirmation.
  expect(screen.queryByText(/确认入账 2 笔/)).toBeNull();
});

test('a refused confirmation shows the server’s message and keeps the preview', async () => {
  await openPreview(() => ({
    statusCode: 409,
    data: { code: 'DUES_STATEMENT_CONFIRMED', message: '该银行流水已确认入账' },
  }));
  fireEvent.click(screen.getByText('确认入账 2 笔（13,000.00 元）'));
  await screen.findByText('该银行流水已确认入账');
  expect(screen.getByText('确认入账 2 笔（13,000.00 元）')).toBeTruthy();
});

test('a file with the wrong header is refused with the server’s message naming the columns', async () => {
  serveBy(() => ok({}));
  chooses('bank.csv');
  uploadAnswers(400, {
    code: 'DUES_STATEMENT_BAD_HEADER',
    message: '银行流水缺少列：附言、流水号。请按模板整理表头（交易日期、金额（元）、对方户名、附言、流水号）',
  });
  render(<DuesStatementPage />);
  fireEvent.click(screen.getByText('选择银行流水文件'));
  await screen.findByText(/银行流水缺少列：附言、流水号/);
  expect(screen.getByText('下载流水模板')).toBeTruthy();
});

test('an unmatched line is assigned to a bill found by search', async () => {
  const calls = await openPreview((call) =>
    call.method === 'GET'
      ? ok({ items: [bill(7, { unitName: '广州某某科技有限公司' })], nextCursor: null })
      : ok({}),
  );
  fireEvent.click(screen.getByText('指定账单'));
  // The search starts from the payer's name.
  fireEvent.click(screen.getByText('搜索'));
  await screen.findByText('广州某某科技有限公司', { selector: '.statement-assign__unit' });
  fireEvent.click(screen.getByText('指定'));
  await screen.findByText('已指定账单');
  expect(calls.map((c) => [c.method, c.path, c.data])).toEqual([
    ['GET', `/api/dues/bills?q=${encodeURIComponent('广州某某科技有限公司')}&limit=10`, undefined],
    ['POST', '/api/dues/statements/31/lines/4/assign', { billId: 7 }],
  ]);
  expect(screen.queryByText('指定账单', { selector: 'taro-button-core' })).toBeNull();
  fireEvent.click(screen.getByText('查看账单'));
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/dues/staff/bill/index?id=7' });
});

test('a refused assignment shows the server’s message', async () => {
  await openPreview((call) =>
    call.method === 'GET'
      ? ok({ items: [bill(7)], nextCursor: null })
      : {
          statusCode: 409,
          data: {
            code: 'DUES_STATEMENT_LINE_NOT_ASSIGNABLE',
            message: '该行已入账或金额无效，不能再指定账单',
          },
        },
  );
  fireEvent.click(screen.getByText('指定账单'));
  fireEvent.click(screen.getByText('搜索'));
  fireEvent.click(await screen.findByText('指定'));
  await screen.findByText('该行已入账或金额无效，不能再指定账单');
});
