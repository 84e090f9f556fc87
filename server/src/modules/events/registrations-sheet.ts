import {
  EVENT_EXPORT_COLUMNS,
  REGISTRATION_STATE_NAMES,
  type RegistrationState,
  maskPhone,
} from '@itss/shared';
import { Workbook } from 'exceljs';
import { beijingDateTime } from '../../common/time';

/** One row of the export: a registration with its session's title. */
export interface SheetRow {
  name: string | null;
  unitName: string | null;
  title: string | null;
  phone: string | null;
  sessionTitle: string;
  state: RegistrationState;
  checkedInAt: Date | null;
  priceFen: number;
}

const YUAN = '#,##0.00';
/** A booked seat whose attendee the unit has not named yet. */
const UNNAMED = '（待填写）';

/**
 * The columns in the contract's order. Phones are masked as every staff list shows them: a sheet
 * leaves the system by mail and USB stick, and the door checks tickets, not numbers.
 */
const VALUES: Record<
  (typeof EVENT_EXPORT_COLUMNS)[number],
  { width: number; money?: boolean; value: (row: SheetRow) => string | number }
> = {
  姓名: { width: 12, value: (row) => row.name ?? UNNAMED },
  单位: { width: 32, value: (row) => row.unitName ?? '' },
  职务: { width: 14, value: (row) => row.title ?? '' },
  手机号: { width: 14, value: (row) => (row.phone ? maskPhone(row.phone) : '') },
  场次: { width: 20, value: (row) => row.sessionTitle },
  状态: { width: 14, value: (row) => REGISTRATION_STATE_NAMES[row.state] },
  签到时间: { width: 18, value: (row) => (row.checkedInAt ? beijingDateTime(row.checkedInAt) : '') },
  '金额（元）': { width: 12, money: true, value: (row) => row.priceFen / 100 },
};

/** The registrations as an .xlsx workbook of one sheet, header row frozen. */
export async function registrationsWorkbook(rows: SheetRow[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'ITSS 分会会员服务系统';
  const sheet = workbook.addWorksheet('报名名单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EVENT_EXPORT_COLUMNS.map((header) => ({
    header,
    width: VALUES[header].width,
    style: VALUES[header].money ? { numFmt: YUAN } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(EVENT_EXPORT_COLUMNS.map((header) => VALUES[header].value(row)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
