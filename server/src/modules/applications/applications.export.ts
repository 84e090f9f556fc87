import {
  APPLICATION_STATE_NAMES,
  type Application,
  ITSS_CONFORMITY_LEVEL_NAMES,
  UNIT_TYPE_NAMES,
  levelByCode,
} from '@itss/shared';
import { Workbook } from 'exceljs';

/** The sheet's columns: Chinese headers, as staff read them in Excel or WPS. */
const COLUMNS: { header: string; width: number; value: (a: Application) => string | number }[] = [
  { header: '申请编号', width: 10, value: (a) => a.id },
  { header: '状态', width: 12, value: (a) => APPLICATION_STATE_NAMES[a.state] },
  { header: '单位名称', width: 32, value: (a) => a.unitName },
  { header: '统一社会信用代码', width: 22, value: (a) => a.creditCode },
  {
    header: '信用代码校验',
    width: 14,
    value: (a) => (a.creditCodeChecksumValid === false ? '校验位不符，请核实' : '通过'),
  },
  { header: '单位类型', width: 12, value: (a) => UNIT_TYPE_NAMES[a.unitType] },
  { header: '省份', width: 10, value: (a) => a.province },
  { header: '城市', width: 10, value: (a) => a.city },
  { header: '通讯地址', width: 36, value: (a) => a.address },
  { header: '法定代表人', width: 12, value: (a) => a.legalRepresentative },
  { header: '联系人', width: 10, value: (a) => a.contact.name },
  { header: '联系人职务', width: 14, value: (a) => a.contact.title },
  { header: '联系人手机', width: 14, value: (a) => a.contact.mobile },
  { header: '联系人邮箱', width: 24, value: (a) => a.contact.email },
  { header: '申请级别', width: 12, value: (a) => levelByCode(a.level).name },
  { header: '年费（元）', width: 10, value: (a) => a.annualFeeYuan },
  {
    header: 'ITSS 符合性等级',
    width: 14,
    value: (a) => (a.itssConformityLevel ? ITSS_CONFORMITY_LEVEL_NAMES[a.itssConformityLevel] : '无'),
  },
  { header: '推广渠道', width: 16, value: (a) => a.campaign?.name ?? '' },
  { header: '提交时间', width: 20, value: (a) => beijingTime(a.submittedAt) },
  { header: '最后更新', width: 20, value: (a) => beijingTime(a.updatedAt) },
];

function beijingTime(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

/** The applications as an .xlsx workbook of one sheet, header row frozen. */
export async function applicationsWorkbook(applications: Application[]): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'ITSS 分会会员服务系统';
  const sheet = workbook.addWorksheet('入会申请', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map(({ header, width }) => ({ header, width }));
  sheet.getRow(1).font = { bold: true };
  for (const application of applications) sheet.addRow(COLUMNS.map((column) => column.value(application)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
