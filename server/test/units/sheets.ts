import { crc32, createDeflateRaw } from 'node:zlib';
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

/** A zip entry's name and its content, given in pieces so a large one is never held whole. */
export interface ZipEntry {
  name: string;
  chunks: Iterable<Buffer>;
}

/** Deflates an entry's pieces as they come, keeping the CRC and size a zip records. */
async function deflateEntry(chunks: Iterable<Buffer>) {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const ended = new Promise((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await ended;
  return { crc, size, data: Buffer.concat(out) };
}

/** A zip archive of deflated entries whose headers tell the truth about their sizes. */
export async function zipOf(entries: ZipEntry[]): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const { crc, size, data } = await deflateEntry(entry.chunks);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const centralSize = centrals.reduce((sum, part) => sum + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function xmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function columnName(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `A${String.fromCharCode(65 + index - 26)}`;
}

function* sheetXml(rows: string[][], padding: number, unfinished: boolean): Generator<Buffer> {
  yield Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}"><sheetData>`,
  );
  let batch: string[] = [];
  for (const [index, row] of rows.entries()) {
    const cells = row.map(
      (text, column) =>
        `<c r="${columnName(column)}${index + 1}" t="inlineStr"><is><t>${xmlText(text)}</t></is></c>`,
    );
    batch.push(`<row r="${index + 1}">${cells.join('')}</row>`);
    if (batch.length === 1000) {
      yield Buffer.from(batch.join(''));
      batch = [];
    }
  }
  if (batch.length) yield Buffer.from(batch.join(''));
  // Whitespace between elements is allowed anywhere: it inflates without changing what the sheet holds.
  const blank = Buffer.alloc(1024 * 1024, 0x20);
  for (let left = padding; left > 0; left -= blank.length)
    yield left >= blank.length ? blank : blank.subarray(0, left);
  yield Buffer.from(unfinished ? '<row r="' : '</sheetData></worksheet>');
}

/**
 * A minimal .xlsx of one sheet written as raw XML (inline strings), so a test can make what no
 * spreadsheet program writes: a sheet padded with `padding` bytes of whitespace (a workbook that
 * inflates far past its size), or one whose XML breaks off at the end (`unfinished`: only a reader
 * that stops before the end can take it).
 */
export function rawWorkbook(rows: string[][], { padding = 0, unfinished = false } = {}): Promise<Buffer> {
  const text = (value: string) => [Buffer.from(value)];
  return zipOf([
    {
      name: '[Content_Types].xml',
      chunks: text(
        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: '_rels/.rels',
      chunks: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${OFFICE_RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      chunks: text(
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${OFFICE_RELATIONSHIPS}"><sheets><sheet name="会员单位" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      chunks: text(
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${RELATIONSHIPS}"><Relationship Id="rId1" Type="${OFFICE_RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    { name: 'xl/worksheets/sheet1.xml', chunks: sheetXml(rows, padding, unfinished) },
  ]);
}
