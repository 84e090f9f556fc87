import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { UNIT_SHEET_COLUMNS, type UnitImportPreview } from '@itss/shared';
import { admin, ok, serveBy, signedInAs, type Call } from '@test/fixtures';
import { chooseMessageFile, downloadFile, redirectTo, uploadFile } from '@test/taro-mock';
import UnitsImportPage from './index';

// A staff page opens only to those the server lets use it.
beforeEach(() => signedInAs(admin));

const preview: UnitImportPreview = {
  importId: 'imp_0123456789abcdef',
  expiresAt: '2026-11-24T05:00:00.000Z',
  validCount: 2,
  createCount: 2,
  updateCount: 0,
  unchangedCount: 0,
  errorCount: 2,
  rows: [
    {
      row: 2,
      name: '北京数智运维科技有限公司',
      creditCode: '91110108MA01ABCD2X',
      action: 'create',
      changes: [],
      errors: [],
    },
    {
      row: 3,
      name: '上海云服科技有限公司',
      creditCode: '91310000MA1K000001',
      action: 'create',
      changes: [],
      errors: [],
    },
    {
      row: 4,
      name: '广州坏码科技有限公司',
      creditCode: '123',
      action: null,
      changes: [],
      errors: ['统一社会信用代码应为 18 位数字或大写字母'],
    },
    {
      row: 5,
      name: '',
      creditCode: '91110108MA01ABCD2X',
      action: null,
      changes: [],
      errors: ['请填写单位名称', '统一社会信用代码与第 2 行重复', '会员级别「理事」不存在'],
    },
  ],
};

function chooses(name = '会员单位.xlsx'): void {
  chooseMessageFile.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ path: 'wxfile://tmp/units.xlsx', name, size: 20480, type: 'file', time: 0 }],
  });
}

function uploadAnswers(statusCode: number, body: unknown): void {
  uploadFile.mockResolvedValueOnce({ errMsg: 'uploadFile:ok', statusCode, data: JSON.stringify(body) });
}

beforeEach(() => {
  chooseMessageFile.mockReset();
  uploadFile.mockReset();
});

test('explains the template’s columns from the contract', () => {
  serveBy(() => ok({}));
  render(<UnitsImportPage />);
  expect(screen.getByText(UNIT_SHEET_COLUMNS.map((c) => c.header).join('、'), { exact: false })).toBeTruthy();
});

test('an .xlsx from a chat is uploaded; the preview counts rows and lists every bad row with its errors', async () => {
  serveBy(() => ok({}));
  chooses();
  uploadAnswers(200, preview);
  render(<UnitsImportPage />);
  fireEvent.click(screen.getByText('选择 Excel 表格'));
  await screen.findByText('确认导入 2 家单位');
  expect(chooseMessageFile).toHaveBeenCalledWith(expect.objectContaining({ extension: ['xlsx'], count: 1 }));
  expect(uploadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      url: 'https://api.test/api/units/import',
      filePath: 'wxfile://tmp/units.xlsx',
      name: 'file',
    }),
  );
  expect(screen.getByText('会员单位.xlsx')).toBeTruthy();
  expect(document.querySelector('.import-summary__count--create')?.textContent).toContain('2');
  expect(document.querySelector('.import-summary__count--error')?.textContent).toContain('2');
  expect([...document.querySelectorAll('.import-error__row')].map((el) => el.textContent)).toEqual([
    '第 4 行',
    '第 5 行',
  ]);
  expect(screen.getByText('· 统一社会信用代码应为 18 位数字或大写字母')).toBeTruthy();
  expect(screen.getByText('· 统一社会信用代码与第 2 行重复')).toBeTruthy();
  expect(screen.getByText('· 会员级别「理事」不存在')).toBeTruthy();
  expect(screen.getByText('（未填单位名称）')).toBeTruthy();
  // The valid rows are counted, not listed.
  expect(screen.queryByText('上海云服科技有限公司')).toBeNull();
});

test('确认导入 confirms the preview and shows how many were written', async () => {
  const calls: Call[] = serveBy(() => ok({ created: 2, updated: 0 }));
  chooses();
  uploadAnswers(200, preview);
  render(<UnitsImportPage />);
  fireEvent.click(screen.getByText('选择 Excel 表格'));
  fireEvent.click(await screen.findByText('确认导入 2 家单位'));
  await screen.findByText('已导入 2 家会员单位');
  expect(calls).toEqual([
    expect.objectContaining({ method: 'POST', path: '/api/units/import/imp_0123456789abcdef/confirm' }),
  ]);
  fireEvent.click(screen.getByText('查看会员单位'));
  expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/unit/staff/units/index' });
});

test('an expired preview (410) asks for the file again', async () => {
  serveBy(() => ({
    statusCode: 410,
    data: { code: 'UNIT_IMPORT_EXPIRED', message: '导入预览已过期（30 分钟），请重新上传文件' },
  }));
  chooses();
  uploadAnswers(200, preview);
  render(<UnitsImportPage />);
  fireEvent.click(screen.getByText('选择 Excel 表格'));
  fireEvent.click(await screen.findByText('确认导入 2 家单位'));
  await screen.findByText('导入预览已过期（30 分钟），请重新上传文件');
  expect(screen.getByText('重新上传表格')).toBeTruthy();
  expect(screen.queryByText('确认导入 2 家单位')).toBeNull();
});

test('a file that is not a real .xlsx shows the server’s refusal; a preview with no valid row offers no confirm', async () => {
  serveBy(() => ok({}));
  chooses('照片.xlsx');
  uploadAnswers(415, {
    code: 'UNIT_IMPORT_NOT_XLSX',
    message: '文件不是有效的 Excel（.xlsx）表格，请用导入模板填写后上传',
  });
  render(<UnitsImportPage />);
  fireEvent.click(screen.getByText('选择 Excel 表格'));
  await screen.findByText('文件不是有效的 Excel（.xlsx）表格，请用导入模板填写后上传');
  chooses();
  uploadAnswers(200, {
    ...preview,
    validCount: 0,
    createCount: 0,
    errorCount: 2,
    rows: preview.rows.slice(2),
  });
  fireEvent.click(screen.getByText('选择 Excel 表格'));
  await screen.findByText('没有可导入的有效行，请按下方提示修改表格后重新上传');
  expect(screen.queryByText(/确认导入/)).toBeNull();
});

test('an edited export previews its updates by credit code with what changes, and the confirmation says how many were updated', async () => {
  const calls: Call[] = serveBy(() => ok({ created: 0, updated: 1 }));
  chooses();
  uploadAnswers(200, {
    ...preview,
    validCount: 1,
    createCount: 0,
    updateCount: 1,
    unchangedCount: 1,
    errorCount: 0,
    rows: [
      {
        row: 2,
        name: '北京数智运维科技有限公司',
        creditCode: '91110108MA01ABCD2X',
        action: 'update',
        changes: [{ column: '会员级别', from: '会员单位', to: '委员单位' }],
        errors: [],
      },
      {
        row: 3,
        name: '上海云服科技有限公司',
        creditCode: '91310000MA1K000001',
        action: 'unchanged',
        changes: [],
        errors: [],
      },
    ],
  });
  render(<UnitsImportPage />);
  fireEvent.click(screen.getByText('选择 Excel 表格'));
  const confirm = await screen.findByText('确认导入 1 家单位（更新 1 家）');
  expect(screen.getByText('会员级别：会员单位 → 委员单位')).toBeTruthy();
  expect(document.querySelector('.import-summary__count--update')?.textContent).toContain('1');
  expect(document.querySelector('.import-summary__count--unchanged')?.textContent).toContain('1');
  fireEvent.click(confirm);
  await screen.findByText('已新增 0 家、已更新 1 家会员单位');
  expect(calls).toHaveLength(1);
});

test('the template downloads from the import page', async () => {
  const calls: Call[] = serveBy(() => ok({}));
  render(<UnitsImportPage />);
  fireEvent.click(screen.getByText('下载导入模板'));
  await waitFor(() => expect(downloadFile).toHaveBeenCalled());
  expect(downloadFile).toHaveBeenCalledWith(
    expect.objectContaining({ url: 'https://api.test/api/units/import/template' }),
  );
  expect(calls).toEqual([]);
});

test('closing the chat file picker uploads nothing', async () => {
  serveBy(() => ok({}));
  chooseMessageFile.mockRejectedValueOnce({ errMsg: 'chooseMessageFile:fail cancel' });
  render(<UnitsImportPage />);
  fireEvent.click(screen.getByText('选择 Excel 表格'));
  await waitFor(() => expect(chooseMessageFile).toHaveBeenCalled());
  expect(uploadFile).not.toHaveBeenCalled();
});

test('in the browser the file dialog takes .xlsx and the sheet is posted as multipart field file', async () => {
  process.env.TARO_ENV = 'h5';
  serveBy(() => ok({}));
  const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], '名单.xlsx', {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  let accept = '';
  const click = jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
    this: HTMLInputElement,
  ) {
    accept = this.accept;
    Object.defineProperty(this, 'files', { value: [file] });
    this.dispatchEvent(new Event('change'));
  });
  const sent: { url: string; init: RequestInit }[] = [];
  const fetchMock = jest.fn((url: string, init: RequestInit) => {
    sent.push({ url, init });
    return Promise.resolve({ status: 200, json: () => Promise.resolve(preview) });
  });
  const originalFetch = globalThis.fetch;
  Object.defineProperty(globalThis, 'fetch', { value: fetchMock, configurable: true, writable: true });
  render(<UnitsImportPage />);
  fireEvent.click(screen.getByText('选择 Excel 表格'));
  await screen.findByText('确认导入 2 家单位');
  expect(accept).toContain('.xlsx');
  expect(sent).toHaveLength(1);
  expect(sent[0]?.url).toBe('https://api.test/api/units/import');
  expect(sent[0]?.init.method).toBe('POST');
  const body = sent[0]?.init.body as FormData;
  expect((body.get('file') as File).name).toBe('名单.xlsx');
  click.mockRestore();
  Object.defineProperty(globalThis, 'fetch', { value: originalFetch, configurable: true, writable: true });
});
