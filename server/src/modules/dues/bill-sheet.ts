import { BILL_STATUS_NAMES, type Bill, RECEIPT_STATUS_NAMES, levelByCode } from '@itss/shared';
import { Workbook } from 'exceljs';

/** Yuan with two decimals, thousands grouped, as staff's ledgers show money. */
const YUAN = '#,##0.00';

/**
 * The sheet's columns: Chinese headers as staff read them in Excel or WPS. Money is a number of
 * yuan (fen / 100, exact to the cent) with two decimals shown, so the columns sum in the sheet.
 */
const COLUMNS: { header: string; width: number; money?: boolean; value: (b: Bill) => string | number }[] = [
  { header: '单位名称', width: 36, value: (b) => b.unitName },
  { header: '年度', width: 8, value: (b) => b.year },
  { header: '会员级别', width: 12, value: (b) => levelByCode(b.level).name },
  { header: '应缴金额（元）', width: 14, money: true, value: (b) => b.amountFen / 100 },
  { header: '已缴金额（元）', width: 14, money: true, value: (b) => b.paidFen / 100 },
  {
    header: '未缴金额（元）',
    width: 14,
    money: true,
    value: (b) => Math.max(0, b.amountFen - b.paidFen) / 100,
  },
  { header: '状态', width: 10, value: (b) => BILL_STATUS_NAMES[b.status] },
  { header: '截止日期', width: 12, value: (b) => b.dueDate },
  { header: '是否逾期', width: 10, value: (b) => (b.overdue ? '逾期' : '') },
  { header: '汇款识别码', width: 12, value: (b) => b.remittanceCode },
  { header: '会费票据', width: 14, value: (b) => (b.receipt ? RECEIPT_STATUS_NAMES[b.receipt.status] : '') },
  { header: '票据号码', width: 16, value: (b) => b.receipt?.number ?? '' },
];

/** The bills as an .xlsx workbook of one sheet, header row frozen. */
export async function billsWorkbook(bills: Bill[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'ITSS 分会会员服务系统';
  const sheet = workbook.addWorksheet('会费账单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(({ header, width, money }) => ({
    header,
    width,
    style: money ? { numFmt: YUAN } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const bill of bills) sheet.addRow(COLUMNS.map((column) => column.value(bill)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
