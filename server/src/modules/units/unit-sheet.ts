import {
  LEVELS,
  type LevelCode,
  UNIT_IMPORT_MAX_INFLATED_BYTES,
  UNIT_IMPORT_MAX_ROWS,
  UNIT_EXPORT_EXTRA_COLUMNS,
  UNIT_SHEET_COLUMNS,
  type UnitExportFact,
  UNIT_STATUSES,
  UNIT_STATUS_NAMES,
  UNIT_TYPES,
  UNIT_TYPE_NAMES,
  UnitError,
  type UnitStatus,
  type UnitType,
  checkUscc,
  createUnitRequestSchema,
} from '@itss/shared';
import { type CellValue, type Row, Workbook, type Worksheet } from 'exceljs';
import { AppError } from '../../common/app-error';
import type { UnitEntity } from './unit.entity';
import type { CreateUnitRequestParsed } from './unit-admin.service';
import { checkWorkbookBounds } from './workbook-bounds';

/** A row of the sheet as the import writes it: the unit's fields and the status it has. */
export type SheetUnit = CreateUnitRequestParsed & { status: UnitStatus };

/** One data row of an uploaded sheet: what it would write, or every reason it cannot. */
export interface SheetRow {
  row: number;
  name: string;
  creditCode: string;
  unit: SheetUnit | null;
  /** False when the status cell was blank: a new unit is then active, an existing one keeps its status. */
  statusGiven: boolean;
  errors: string[];
}

type Key = (typeof UNIT_SHEET_COLUMNS)[number]['key'];

const WIDTHS: Record<Key, number> = {
  name: 36,
  creditCode: 22,
  unitType: 12,
  province: 14,
  city: 14,
  level: 12,
  joinedOn: 12,
  status: 8,
};

const FACT_WIDTHS: Record<UnitExportFact, number> = {
  address: 40,
  legalRepresentative: 12,
  primaryContactName: 12,
  primaryContactPhone: 14,
  primaryContactEmail: 26,
  contactCount: 10,
  duesThisYear: 14,
};

/** What the export shows beside a unit's own columns, by column; a blank when unknown. */
export type UnitFacts = Partial<Record<UnitExportFact, string>>;

/** Cells with a value per row that an import's sheet may hold: the export has 15 columns. */
const MAX_COLUMNS = 64;

/** The first four bytes of every zip archive, which an .xlsx is. */
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const LEVEL_NAMES = new Map(LEVELS.map((level) => [level.name, level.code]));
const LEVEL_NAME_OF = new Map(LEVELS.map((level) => [level.code, level.name]));
const TYPE_BY_NAME = new Map(UNIT_TYPES.map((type) => [UNIT_TYPE_NAMES[type], type]));
const STATUS_BY_NAME = new Map(UNIT_STATUSES.map((status) => [UNIT_STATUS_NAMES[status], status]));

/**
 * The units as an .xlsx of one sheet: the import's columns with the template's Chinese headers,
 * then what staff need to reach each unit (`facts`, by unit id), which the import ignores. Every
 * cell is text (the date too): a spreadsheet program then shows and saves exactly what was
 * exported, so an export edited and uploaded again updates the units it lists.
 */
export async function unitsWorkbook(
  units: UnitEntity[],
  facts: Map<number, UnitFacts> = new Map(),
): Promise<Buffer> {
  const { workbook, sheet } = sheetWithHeader(true);
  for (const unit of units) {
    const known = facts.get(unit.id) ?? {};
    sheet.addRow([...importCells(unit), ...UNIT_EXPORT_EXTRA_COLUMNS.map(({ key }) => known[key] ?? '')]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The import template: the header row and one example row to overwrite. */
export async function templateWorkbook(): Promise<Buffer> {
  const { workbook, sheet } = sheetWithHeader(false);
  sheet.addRow([
    '示例信息技术有限公司（请替换）',
    '91110108MA01XXXXXX',
    UNIT_TYPE_NAMES.enterprise,
    '北京市',
    '海淀区',
    LEVELS[0]?.name ?? '',
    '2019-06-01',
    UNIT_STATUS_NAMES.active,
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A unit's cells in the import's columns, as the sheet shows them (Chinese names for codes). */
export function importCells(unit: Omit<SheetUnit, 'status'> & { status: UnitStatus }): string[] {
  return [
    unit.name,
    unit.creditCode,
    UNIT_TYPE_NAMES[unit.unitType],
    unit.province,
    unit.city,
    LEVEL_NAME_OF.get(unit.level) ?? unit.level,
    unit.joinedOn,
    UNIT_STATUS_NAMES[unit.status],
  ];
}

function sheetWithHeader(withFacts: boolean) {
  const workbook = new Workbook();
  workbook.creator = 'ITSS 分会会员服务系统';
  const sheet = workbook.addWorksheet('会员单位', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...UNIT_SHEET_COLUMNS.map(({ key, header }) => ({ header, width: WIDTHS[key] })),
    ...(withFacts
      ? UNIT_EXPORT_EXTRA_COLUMNS.map(({ key, header }) => ({ header, width: FACT_WIDTHS[key] }))
      : []),
  ];
  sheet.getRow(1).font = { bold: true };
  return { workbook, sheet };
}

/**
 * Reads an uploaded sheet: refuses what is not an .xlsx workbook (judged from the bytes, then by
 * parsing it), a workbook that inflates past the bound or holds more rows or cells than one import
 * takes (413, found while streaming it, before anything is parsed), and a header row without the
 * template's columns; checks every other row on its own. Columns the import does not take (an
 * export's contacts and dues) are ignored, wherever they are. Duplicates are for the caller, who
 * knows the database.
 */
export async function readUnitSheet(bytes: Buffer): Promise<SheetRow[]> {
  if (bytes.length < ZIP_MAGIC.length || !bytes.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) {
    throw new AppError(UnitError.ImportNotXlsx);
  }
  // The header is one of the rows counted; blank rows are not.
  const verdict = await checkWorkbookBounds(bytes, {
    maxInflatedBytes: UNIT_IMPORT_MAX_INFLATED_BYTES,
    maxRows: UNIT_IMPORT_MAX_ROWS + 1,
    maxCells: (UNIT_IMPORT_MAX_ROWS + 1) * MAX_COLUMNS,
  });
  if (verdict === 'too_large') throw new AppError(UnitError.ImportTooLarge);
  if (verdict === 'too_many_rows') throw new AppError(UnitError.ImportTooManyRows);
  if (verdict === 'damaged') throw new AppError(UnitError.ImportNotXlsx);
  const sheet = await firstSheet(bytes);
  let columns: Record<Key, number> | null = null;
  const rows: SheetRow[] = [];
  sheet.eachRow((row, number) => {
    if (columns === null) {
      // The first row with anything in it is the header, as in the template.
      columns = columnsOf(row);
      if (columns === null) throw new AppError(UnitError.ImportBadHeader);
      return;
    }
    const at: Record<Key, number> = columns;
    const cells = Object.fromEntries(
      UNIT_SHEET_COLUMNS.map(({ key }) => [key, row.getCell(at[key]).value]),
    ) as Record<Key, CellValue>;
    const texts = Object.fromEntries(
      Object.entries(cells).map(([key, value]) => [key, cellText(value)]),
    ) as Record<Key, string>;
    if (Object.values(texts).every((text) => text === '')) return;
    rows.push({ row: number, ...parseRow(texts, cells.joinedOn) });
  });
  if (columns === null) throw new AppError(UnitError.ImportBadHeader);
  return rows;
}

/** Where each column the import takes is, by its header; null when one is missing. */
function columnsOf(header: Row): Record<Key, number> | null {
  const found = new Map<string, number>();
  header.eachCell((cell, column) => {
    const text = cellText(cell.value);
    if (!found.has(text)) found.set(text, column);
  });
  const columns: Partial<Record<Key, number>> = {};
  for (const { key, header: name } of UNIT_SHEET_COLUMNS) {
    const column = found.get(name);
    if (column === undefined) return null;
    columns[key] = column;
  }
  return columns as Record<Key, number>;
}

/**
 * The workbook's first sheet, loaded only once its size, rows and cells are known to be within the
 * bounds. exceljs' streaming WorkbookReader is not used: it decodes each inflated chunk on its own,
 * so a Chinese character split across two chunks comes out as two replacement characters.
 */
async function firstSheet(bytes: Buffer): Promise<Worksheet> {
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    // A zip that is not a workbook, or a damaged one: the client sent the wrong file.
    throw new AppError(UnitError.ImportNotXlsx);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(UnitError.ImportNotXlsx);
  return sheet;
}

function parseRow(texts: Record<Key, string>, joinedOnCell: CellValue): Omit<SheetRow, 'row'> {
  const errors: string[] = [];
  /** Fields whose error is already said in words closer to the cell than the schema's. */
  const reported = new Set<string>();
  const named = <T>(
    key: Key,
    map: Map<string, T>,
    what: string,
    allowed: Iterable<string>,
  ): T | undefined => {
    const text = texts[key];
    if (text === '') return undefined;
    const value = map.get(text);
    if (value === undefined) {
      errors.push(`${what}“${text}”无效，应为：${[...allowed].join('、')}`);
      reported.add(key);
    }
    return value;
  };
  const level = named<LevelCode>('level', LEVEL_NAMES, '会员级别', LEVEL_NAMES.keys());
  const unitType = named<UnitType>('unitType', TYPE_BY_NAME, '单位类型', TYPE_BY_NAME.keys());
  // A blank status is a member in good standing: the template's rows for units joining now.
  const status =
    texts.status === ''
      ? 'active'
      : named<UnitStatus>('status', STATUS_BY_NAME, '状态', STATUS_BY_NAME.keys());
  const joinedOn = dateText(joinedOnCell, texts.joinedOn);
  if (joinedOn === null) {
    errors.push(`入会日期“${texts.joinedOn}”无效，应为 YYYY-MM-DD，如 2020-03-15`);
    reported.add('joinedOn');
  }
  const parsed = createUnitRequestSchema.safeParse({
    name: texts.name || undefined,
    creditCode: texts.creditCode || undefined,
    unitType,
    province: texts.province || undefined,
    city: texts.city || undefined,
    level,
    joinedOn: joinedOn ?? undefined,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!reported.has(field)) errors.push(issue.message);
    }
  } else if (checkUscc(parsed.data.creditCode) === 'checksum_mismatch') {
    // Well formed but failing its check character: a typo far more often than a genuine pilot
    // code, and nobody reviews an imported row; staff enter a genuine one through 新增会员单位.
    errors.push('统一社会信用代码校验位不符，请核对；如确认无误，请通过“新增会员单位”单独录入');
  }
  const unit =
    parsed.success && status !== undefined && errors.length === 0 ? { ...parsed.data, status } : null;
  return {
    name: texts.name,
    creditCode: parsed.success ? parsed.data.creditCode : texts.creditCode,
    unit,
    statusGiven: texts.status !== '',
    errors,
  };
}

/**
 * 入会日期 as YYYY-MM-DD: an Excel date cell (stored as midnight UTC of that day), an Excel serial
 * number in a cell formatted as a number, or text in the common forms 2020-3-15, 2020/3/15,
 * 2020.3.15 and 2020年3月15日. Null when it is none of these; an impossible day such as 2020-02-30
 * is left for the schema to refuse.
 */
function dateText(cell: CellValue, text: string): string | null {
  const value = formulaResult(cell);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && value < 2_958_466) {
    return new Date(Date.UTC(1899, 11, 30) + value * 86_400_000).toISOString().slice(0, 10);
  }
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  return `${year}-${month?.padStart(2, '0')}-${day?.padStart(2, '0')}`;
}

function formulaResult(value: CellValue): CellValue {
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && 'result' in value) {
    return value.result ?? null;
  }
  return value;
}

/** What a cell shows, trimmed: rich text joined, a link's text, a formula's result. */
function cellText(cell: CellValue): string {
  const value = formulaResult(cell);
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
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
