import {
  type CreateUnitRequest,
  LEVELS,
  UNIT_SHEET_COLUMNS,
  UNIT_STATUS_NAMES,
  UNIT_TYPE_NAMES,
  type Unit,
  unitSchema,
} from '@itss/shared';
import { type CellValue, Workbook } from 'exceljs';
import { type AuthEnv, bearer, postJson } from '../support/auth-env';
import { validCreditCode } from '../support/joining';

export const HEADERS = UNIT_SHEET_COLUMNS.map((column) => column.header);

/** A valid row of the import template, as staff type it: Chinese names, a text date. */
export function sheetRow(
  overrides: Partial<Record<(typeof UNIT_SHEET_COLUMNS)[number]['key'], CellValue>> = {},
) {
  const cells: Record<(typeof UNIT_SHEET_COLUMNS)[number]['key'], CellValue> = {
    name: '上海示例数据服务有限公司',
    creditCode: validCreditCode(),
    unitType: UNIT_TYPE_NAMES.enterprise,
    province: '上海市',
    city: '浦东新区',
    level: LEVELS[0]?.name ?? '会员单位',
    joinedOn: '2019-06-01',
    status: UNIT_STATUS_NAMES.active,
    ...overrides,
  };
  return UNIT_SHEET_COLUMNS.map((column) => cells[column.key]);
}

/** An .xlsx of one sheet: the header row, then the rows. */
export async function workbookOf(rows: CellValue[][], header: string[] = HEADERS): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('会员单位');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every row of the first sheet of an .xlsx, as the cells' values (the header row included). */
export async function rowsOf(bytes: Buffer): Promise<CellValue[][]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: CellValue[][] = [];
  sheet.eachRow((row) => {
    rows.push(Array.from({ length: HEADERS.length }, (_, i) => row.getCell(i + 1).value));
  });
  return rows;
}

export function importForm(bytes: Buffer, name = '会员单位.xlsx'): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' }), name);
  return form;
}

/** POST /api/units/import with the bytes in the multipart field `file`. */
export function uploadSheet(env: AuthEnv, token: string, bytes: Buffer, name?: string) {
  return env.server.get('/api/units/import', {
    method: 'POST',
    headers: bearer(token),
    body: importForm(bytes, name),
  });
}

export function confirmImport(env: AuthEnv, token: string, importId: string) {
  return env.server.get(`/api/units/import/${importId}/confirm`, { method: 'POST', headers: bearer(token) });
}

/** GET with the body as raw bytes (an .xlsx download). */
export async function download(env: AuthEnv, token: string, path: string) {
  const response = await fetch(env.server.baseUrl + path, { headers: bearer(token) });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

export function unitBody(overrides: Partial<CreateUnitRequest> = {}): CreateUnitRequest {
  return {
    name: '广州示例软件股份有限公司',
    creditCode: validCreditCode(),
    unitType: 'enterprise',
    province: '广东省',
    city: '广州市',
    level: 'member',
    joinedOn: '2018-09-01',
    ...overrides,
  };
}

export function postUnit(env: AuthEnv, token: string, body: unknown) {
  return postJson(env, '/api/units', body, bearer(token));
}

/** A unit recorded by staff through the API (no contacts yet). */
export async function recordUnit(
  env: AuthEnv,
  token: string,
  overrides: Partial<CreateUnitRequest> = {},
): Promise<Unit> {
  const res = await postUnit(env, token, unitBody(overrides));
  if (res.status !== 201) throw new Error(`record unit: ${res.status} ${JSON.stringify(res.body)}`);
  return unitSchema.parse(res.body);
}

export function changeStatus(
  env: AuthEnv,
  token: string,
  id: number,
  status: string,
  reason = '未按期缴纳会费',
) {
  return env.server.get(`/api/units/${id}/status`, {
    method: 'PATCH',
    headers: { ...bearer(token), 'content-type': 'application/json' },
    body: JSON.stringify({ status, reason }),
  });
}
