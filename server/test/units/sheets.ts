import { crc32 } from 'node:zlib';
import {
  type CreateUnitRequest,
  LEVELS,
  UNIT_SHEET_COLUMNS,
  UNIT_STATUS_NAMES,
  UNIT_TYPE_NAMES,
  type Unit,
} from '@itss/shared';
import { type CellValue, Workbook } from 'exceljs';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
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
export function recordUnit(
  env: AuthEnv,
  token: string,
  overrides: Partial<CreateUnitRequest> = {},
): Promise<Unit> {
  return seedOf(env).recordUnit(token, unitBody(overrides));
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

/** A valid zip archive of one stored text file: a zip, but not a workbook. */
export function zipOfOneTextFile(name = 'readme.txt', text = '这不是表格'): Buffer {
  const data = Buffer.from(text);
  const fileName = Buffer.from(name);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(fileName.length, 28);
  const centralOffset = local.length + fileName.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}
