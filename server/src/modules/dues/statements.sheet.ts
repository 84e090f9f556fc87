import { Readable } from 'node:stream';
import {
  DuesError,
  DuesErrorMessages,
  FEN_MAX,
  STATEMENT_COLUMN_SYNONYMS,
  STATEMENT_COLUMNS,
  STATEMENT_MAX_LINES,
  parseYuanToFen,
} from '@itss/shared';
import { type CellValue, Workbook, type Worksheet } from 'exceljs';
import { AppError } from '../../common/app-error';
import { checkWorkbookBounds } from '../units/workbook-bounds';

/** One line of a statement as the file gave it, before any matching. */
export interface StatementLine {
  /** The row's number in the file, as a spreadsheet program shows it. */
  line: number;
  /** YYYY-MM-DD, or null when the cell holds no real date. */
  paidOn: string | null;
  /** In fen, negative for money going out; null when blank. */
  amountFen: number | null;
  /** The amount cell held something that is no amount (or an absurd one). */
  amountInvalid: boolean;
  payer: string;
  memo: string;
  bankReference: string;
}

type Column = (typeof STATEMENT_COLUMNS)[number];

/** Rows before the header a bank's export may carry: account, period, printed-on lines. */
const MAX_PREAMBLE_ROWS = 20;
/** Cells with a value per row that a statement may hold: banks' exports run to some 30 columns. */
const MAX_COLUMNS = 64;
/** What an .xlsx statement may inflate to: the units import's bound, ample for 5,000 lines. */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;
/** Rows the file may hold at all: the lines, the header and a preamble. */
const MAX_ROWS = STATEMENT_MAX_LINES + MAX_PREAMBLE_ROWS + 1;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Control characters no text file holds: the bytes are something else (an image, a PDF, an .xls). */
// eslint-disable-next-line no-control-regex -- control characters are what this finds
const BINARY = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** How a header cell is compared: without spaces and colons, full-width brackets as half-width. */
function normalizeHeader(text: string): string {
  return text
    .replace(/[\s:：*]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

const SYNONYMS = new Map<Column, string[]>(
  STATEMENT_COLUMNS.map((column) => [column, STATEMENT_COLUMN_SYNONYMS[column].map(normalizeHeader)]),
);

/** Where each column is: the first synonym found (in the contract's order), every memo-like column. */
interface Layout {
  paidOn: number;
  amount: number;
  payer: number;
  memo: number[];
  reference: number;
}

/** The layout a header row gives, or the template columns it lacks. */
function layoutOf(cells: string[]): { layout: Layout } | { missing: Column[] } {
  const normalized = cells.map(normalizeHeader);
  const first = (column: Column): number => {
    for (const name of SYNONYMS.get(column) ?? []) {
      const at = normalized.indexOf(name);
      if (at >= 0) return at;
    }
    return -1;
  };
  const memo = normalized.flatMap((text, at) => (SYNONYMS.get('附言')?.includes(text) ? [at] : []));
  const found = {
    paidOn: first('交易日期'),
    amount: first('金额（元）'),
    payer: first('对方户名'),
    reference: first('流水号'),
  };
  const missing = STATEMENT_COLUMNS.filter((column) => {
    switch (column) {
      case '交易日期':
        return found.paidOn < 0;
      case '金额（元）':
        return found.amount < 0;
      case '对方户名':
        return found.payer < 0;
      case '附言':
        return memo.length === 0;
      case '流水号':
        return found.reference < 0;
    }
  });
  return missing.length ? { missing } : { layout: { ...found, memo } };
}

/**
 * Reads an uploaded statement, .xlsx or .csv, judged from the bytes: refuses anything else (415), a
 * file with more rows than a statement takes (413; an .xlsx found so while streaming it, before it
 * is parsed) and a file without a header row naming the template's columns (400, naming those it
 * lacks). The header is the first of the top rows that names every column; other columns are
 * ignored. Rows with neither a date, a payer nor a bank reference (blank rows, a 合计 line) are no
 * lines.
 */
export async function readStatement(bytes: Buffer): Promise<StatementLine[]> {
  const sheet = startsWith(bytes, ZIP_MAGIC) ? await xlsxSheet(bytes) : await csvSheet(bytes);
  const rows: { number: number; cells: CellValue[] }[] = [];
  sheet.eachRow((row, number) => {
    rows.push({ number, cells: (row.values as CellValue[]).slice(1) });
  });
  let header: { at: number; layout: Layout } | null = null;
  let fewestMissing: Column[] = [...STATEMENT_COLUMNS];
  for (const [at, row] of rows.slice(0, MAX_PREAMBLE_ROWS + 1).entries()) {
    const found = layoutOf(Array.from(row.cells, cellText));
    if ('layout' in found) {
      header = { at, layout: found.layout };
      break;
    }
    if (found.missing.length < fewestMissing.length) fewestMissing = found.missing;
  }
  if (!header) throw new AppError(DuesErrorMessages.StatementMissingColumns(fewestMissing.join('、')));
  const { layout } = header;
  const lines: StatementLine[] = [];
  for (const { number, cells } of rows.slice(header.at + 1)) {
    const paidOnText = cellText(cells[layout.paidOn]);
    const payer = cellText(cells[layout.payer]);
    const bankReference = cellText(cells[layout.reference]);
    if (!paidOnText && !payer && !bankReference) continue;
    if (lines.length === STATEMENT_MAX_LINES) throw new AppError(DuesError.StatementTooLarge);
    const amount = amountOf(cells[layout.amount]);
    lines.push({
      line: number,
      paidOn: dateOf(cells[layout.paidOn]),
      amountFen: amount === 'invalid' ? null : amount,
      amountInvalid: amount === 'invalid',
      payer,
      memo: layout.memo
        .map((at) => cellText(cells[at]))
        .filter(Boolean)
        .join(' '),
      bankReference,
    });
  }
  return lines;
}

function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
}

/** An .xlsx, loaded only once its size, rows and cells are known to be within the bounds. */
async function xlsxSheet(bytes: Buffer): Promise<Worksheet> {
  const verdict = await checkWorkbookBounds(bytes, {
    maxInflatedBytes: MAX_INFLATED_BYTES,
    maxRows: MAX_ROWS,
    maxCells: MAX_ROWS * MAX_COLUMNS,
  });
  if (verdict === 'too_large' || verdict === 'too_many_rows') throw new AppError(DuesError.StatementTooLarge);
  if (verdict === 'damaged') throw new AppError(DuesError.StatementNotSpreadsheet);
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError(DuesError.StatementNotSpreadsheet);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(DuesError.StatementNotSpreadsheet);
  return sheet;
}

/**
 * Text as Chinese banks export it: UTF-8 (with or without a BOM) when the bytes are valid UTF-8,
 * else GBK, read as GB 18030 (its superset, which Node's ICU decodes). GBK text is almost never
 * valid UTF-8 as well, so the first decoder that accepts the bytes is the right one. Bytes holding
 * control characters once decoded are no text, whatever the file was named.
 */
export function decodeText(bytes: Buffer): string {
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('gb18030').decode(body);
  }
  if (BINARY.test(text)) throw new AppError(DuesError.StatementNotSpreadsheet);
  return text;
}

/**
 * A CSV through exceljs' CSV reader (fast-csv underneath, the parser exceljs ships with), every cell
 * kept as the text it is: a bank reference of 20 digits must not become a number. The delimiter
 * is the comma, or the tab some banks use, whichever the header line has more of. Reading stops
 * one row past the bound.
 */
async function csvSheet(bytes: Buffer): Promise<Worksheet> {
  const text = decodeText(bytes);
  const firstLines = text.split(/\r?\n/, MAX_PREAMBLE_ROWS + 1).join('\n');
  const tabs = firstLines.split('\t').length;
  const commas = firstLines.split(',').length;
  let sheet: Worksheet;
  try {
    sheet = await new Workbook().csv.read(Readable.from([Buffer.from(text, 'utf8')]), {
      map: (value: unknown) => (value === '' ? null : value),
      parserOptions: { delimiter: tabs > commas ? '\t' : ',', maxRows: MAX_ROWS + 1 },
    });
  } catch {
    throw new AppError(DuesError.StatementNotSpreadsheet);
  }
  if (sheet.rowCount > MAX_ROWS) throw new AppError(DuesError.StatementTooLarge);
  return sheet;
}

function formulaResult(value: CellValue): CellValue {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && 'result' in value) {
    return value.result ?? null;
  }
  return value;
}

/** What a cell shows, trimmed; tabs some banks prefix to keep a number as text are dropped. */
function cellText(cell: CellValue | undefined): string {
  const value = formulaResult(cell ?? null);
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    // Exports keep long numbers as text with ="…" or a leading apostrophe or tab.
    const text = value.trim();
    return (/^="(.*)"$/.exec(text)?.[1] ?? text).replace(/^['\t]+/, '').trim();
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('hyperlink' in value) return String(value.text).trim();
  return '';
}

/**
 * The amount in fen: a number cell (rounded to the fen it shows, never beyond), or text as banks
 * print it ("3,000.00", "¥3000", "-120.00", "+3000"). Blank is null; what is not an amount, or an
 * amount beyond what a payment may be, is 'invalid'.
 */
function amountOf(cell: CellValue | undefined): number | 'invalid' | null {
  const value = formulaResult(cell ?? null);
  let fen: number | null;
  if (typeof value === 'number') {
    const scaled = Math.round(value * 100);
    fen = Number.isSafeInteger(scaled) && Math.abs(value * 100 - scaled) < 1e-6 ? scaled : null;
  } else {
    const text = cellText(value).replace(/\s/g, '');
    if (!text) return null;
    const sign = /^[-−]/.test(text) ? -1 : 1;
    const unsigned = parseYuanToFen(text.replace(/^[-−+]/, ''));
    fen = unsigned === null ? null : sign * unsigned;
  }
  if (fen === null || Math.abs(fen) > FEN_MAX) return 'invalid';
  return fen;
}

/**
 * The day: an Excel date cell (midnight UTC of that day), an Excel serial number, or text in the
 * forms banks print (2024-01-05, 2024/1/5, 2024.1.5, 2024年1月5日, 20240105, with a time after it).
 * Null unless it is a real calendar day.
 */
function dateOf(cell: CellValue | undefined): string | null {
  const value = formulaResult(cell ?? null);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2_958_466) {
    return new Date(Date.UTC(1899, 11, 30) + value * 86_400_000).toISOString().slice(0, 10);
  }
  const text = cellText(value);
  const match =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(
      text,
    ) ?? /^(\d{4})(\d{2})(\d{2})(?:\s*\d{2}:?\d{2}:?\d{2})?$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return date.toISOString().slice(0, 10);
}

/** The template: the template's columns, the reference as text, and one example line to overwrite. */
export async function statementTemplate(): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'ITSS 分会会员服务系统';
  const sheet = workbook.addWorksheet('银行流水', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = STATEMENT_COLUMNS.map((header, at) => ({
    header,
    width: [12, 14, 36, 40, 26][at] ?? 16,
    // Long references typed into a number cell lose their last digits.
    style: header === '流水号' ? { numFmt: '@' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.addRow([
    '2026-01-15',
    '3000.00',
    '示例信息技术有限公司（请替换）',
    '会费 汇款识别码（请替换为账单上的 7 位识别码）',
    '2026011500012345',
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
