import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { cursorPageQuery, decimalIdSchema, idSchema, pageOf } from '../common';
import { defineErrorMessages, defineErrors, ErrorCode } from '../errors';
import { LEVEL_CODES, type LevelCode } from '../domain/levels';
import { levelCodeSchema } from '../membership';
import { defineNotifications } from '../notifications';
import { fenAmountSchema, FEN_MAX, paymentSchema, PAYMENT_METHODS } from '../payments';
import { defineStateMachine } from '../state-machine';

/**
 * Dues (会费): a unit's bill per year at that year's fee of its level, paid by bank transfer (the
 * remittance code in the memo) or WeChat Pay, receipted with a 会费票据. A bill's state follows
 * money only: `paid` exactly when its confirmed payments (less refunds) reach its amount.
 */

/** The member's dues page (`?unitId=` optional), which reminders and receipts open. */
export const DUES_PAGE = 'packages/dues/pages/index/index';
/** Staff's page of one bill (`?id=`). */
export const DUES_STAFF_BILL_PAGE = 'packages/dues/staff/bill/index';

export const BILL_STATUSES = ['unpaid', 'partially_paid', 'paid', 'waived', 'void'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export const billStatusSchema = z.enum(BILL_STATUSES);
export const BILL_STATUS_NAMES: Record<BillStatus, string> = {
  unpaid: '待缴费',
  partially_paid: '部分缴费',
  paid: '已缴清',
  waived: '已减免',
  void: '已作废',
};
/**
 * Money moves a bill among unpaid, partially paid and paid (a refund moves it back); staff waive or
 * void an open bill with a reason, and nothing follows either.
 */
export const BILL_STATE_MACHINE = defineStateMachine<BillStatus>({
  unpaid: ['partially_paid', 'paid', 'waived', 'void'],
  partially_paid: ['unpaid', 'paid', 'waived', 'void'],
  paid: ['unpaid', 'partially_paid'],
  waived: [],
  void: [],
});
/** States in which money is still owed (reminders go out, WeChat Pay is offered). */
export const BILL_OPEN_STATUSES: readonly BillStatus[] = ['unpaid', 'partially_paid'];

/** A calendar day, YYYY-MM-DD (Beijing). */
export const dayStringSchema = z.iso.date('日期应为 YYYY-MM-DD');
/** A bill year: the branch's records start long after 2000, and nobody bills a century ahead. */
export const billYearSchema = z.number().int().min(2000, '年份无效').max(2100, '年份无效');
export const billYearParamSchema = z.strictObject({
  year: z
    .string()
    .regex(/^20\d\d$/, '年份应为四位数字')
    .transform(Number)
    .pipe(billYearSchema),
});

export const RECEIPT_STATUSES = ['requested', 'issued'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];
export const RECEIPT_STATUS_NAMES: Record<ReceiptStatus, string> = {
  requested: '已申请开票',
  issued: '票据已开具',
};
export const billReceiptSchema = z.object({
  status: z.enum(RECEIPT_STATUSES),
  title: z.string(),
  taxNumber: z.string().nullable(),
  number: z.string().nullable(),
  requestedAt: z.iso.datetime(),
  issuedAt: z.iso.datetime().nullable(),
});
export type BillReceipt = z.infer<typeof billReceiptSchema>;

/** A year's annual bill, or the difference after an upgrade approved during the year (升级差额). */
export const BILL_KINDS = ['annual', 'upgrade'] as const;
export type BillKind = (typeof BILL_KINDS)[number];
export const BILL_KIND_NAMES: Record<BillKind, string> = { annual: '年度会费', upgrade: '升级差额' };

export const billSchema = z.object({
  id: z.number().int().positive(),
  unitId: z.number().int().positive(),
  unitName: z.string(),
  year: z.number().int(),
  level: levelCodeSchema,
  /** Absent from servers that knew only annual bills. */
  kind: z.enum(BILL_KINDS).optional(),
  amountFen: z.number().int().nonnegative(),
  /** Confirmed payments less succeeded refunds; may exceed `amountFen` (credit). */
  paidFen: z.number().int(),
  status: billStatusSchema,
  dueDate: z.iso.date(),
  /** Past its due date and still open. */
  overdue: z.boolean(),
  remittanceCode: z.string(),
  receipt: billReceiptSchema.nullable(),
  createdAt: z.iso.datetime(),
});
export type Bill = z.infer<typeof billSchema>;
/** `GET /api/units/:id/bills`: every year's bill of the unit, newest first. */
export const billListResponseSchema = z.object({ items: z.array(billSchema) });
export type BillListResponse = z.infer<typeof billListResponseSchema>;

/** One line of a bill's history as staff read it. */
export const billEventSchema = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  actionName: z.string(),
  actorName: z.string().nullable(),
  detail: z.string(),
});
export const billDetailSchema = billSchema.extend({
  /** Why it was waived or voided. */
  reason: z.string().nullable(),
  payments: z.array(paymentSchema),
  history: z.array(billEventSchema),
});
export type BillDetail = z.infer<typeof billDetailSchema>;

export const billIdParamSchema = z.strictObject({ id: decimalIdSchema });

/** Staff's bills list: `GET /api/dues/bills?year=&status=&level=&overdue=&q=&cursor=`. */
export const billQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: billStatusSchema.optional(),
  level: levelCodeSchema.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Part of a unit's name or a remittance code. */
  q: z.string().trim().max(50).optional(),
  ...cursorPageQuery({ max: 100 }),
});
export type BillQuery = z.input<typeof billQuerySchema>;
/** The export takes the list's filters, no paging. */
export const billExportQuerySchema = billQuerySchema.omit({ limit: true, cursor: true });
export const billPageSchema = pageOf(billSchema);
export type BillPage = z.infer<typeof billPageSchema>;

/** `GET /api/dues/summary?year=`: units billed that year per level; void bills left out. */
export const duesSummaryQuerySchema = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const duesSummarySchema = z.object({
  year: z.number().int(),
  byLevel: z.array(
    z.object({
      level: levelCodeSchema,
      units: z.number().int(),
      amountFen: z.number().int(),
      paidFen: z.number().int(),
    }),
  ),
});
export type DuesSummary = z.infer<typeof duesSummarySchema>;

/** `POST /api/dues/years/:year/bills`. */
export const openBillsRequestSchema = z.strictObject({ dueDate: dayStringSchema.optional() });
export type OpenBillsRequest = z.infer<typeof openBillsRequestSchema>;
export const openBillsResponseSchema = z.object({ opened: z.number().int(), existing: z.number().int() });
export type OpenBillsResponse = z.infer<typeof openBillsResponseSchema>;

/** A bank transfer's reference (流水号) as staff type it or a statement gives it. */
export const bankReferenceSchema = z
  .string('请填写银行流水号')
  .trim()
  .min(4, '请填写银行流水号')
  .max(64, '银行流水号最多 64 个字符')
  .regex(/^[0-9A-Za-z\-_/]+$/, '银行流水号只能包含字母、数字和 - _ /');

/** `POST /api/dues/bills/:id/payments`: a bank transfer staff saw arrive. */
export const recordPaymentRequestSchema = z.strictObject({
  amountFen: fenAmountSchema,
  paidOn: dayStringSchema,
  bankReference: bankReferenceSchema,
  payerName: z.string('请填写付款户名').trim().min(2, '请填写付款户名').max(100, '付款户名最多 100 个字'),
});
export type RecordPaymentRequest = z.infer<typeof recordPaymentRequestSchema>;

/** `POST /api/dues/bills/:id/{waive,void}`. */
export const billReasonRequestSchema = z.strictObject({
  reason: z.string('请填写原因').trim().min(2, '请填写原因').max(200, '原因最多 200 个字'),
});
export type BillReasonRequest = z.infer<typeof billReasonRequestSchema>;

/** One year's fee per level, in fen. */
export const feesFenSchema = z.strictObject(
  Object.fromEntries(LEVEL_CODES.map((code) => [code, z.number().int().min(0).max(FEN_MAX)])) as Record<
    LevelCode,
    z.ZodNumber
  >,
);
export type FeesFen = Record<LevelCode, number>;
/** `PUT /api/dues/fees/:year`: a year whose bills are not yet opened. */
export const putFeesRequestSchema = z.strictObject({ feesFen: feesFenSchema });
export const feeYearSchema = z.object({
  year: z.number().int(),
  feesFen: z.record(levelCodeSchema, z.number().int()),
  /** Staff may still change it: a future year, or this year before its bills were opened. */
  editable: z.boolean(),
  /** The handbook's fees, never edited. */
  isDefault: z.boolean(),
});
export const feeChangeSchema = z.object({
  year: z.number().int(),
  level: levelCodeSchema,
  fromFen: z.number().int(),
  toFen: z.number().int(),
  at: z.iso.datetime(),
  actorName: z.string().nullable(),
});
/** `GET /api/dues/fees`: this year and the next few, with every change made. */
export const feesResponseSchema = z.object({
  years: z.array(feeYearSchema),
  history: z.array(feeChangeSchema),
});
export type FeesResponse = z.infer<typeof feesResponseSchema>;

/** The association's account, which the member view shows for bank transfers; staff set it. */
export const duesSettingsSchema = z.strictObject({
  accountName: z.string().trim().max(100),
  bankName: z.string().trim().max(100),
  accountNumber: z.string().trim().max(40),
  /** The day each year's bills fall due, MM-DD (default 03-31). */
  dueMonthDay: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '应为 MM-DD'),
  /** The day the job opens the new year's bills, MM-DD (default 01-01). */
  openMonthDay: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '应为 MM-DD'),
});
export type DuesSettings = z.infer<typeof duesSettingsSchema>;
/** `GET /api/dues/settings` (signed in) also says whether WeChat Pay is offered. */
export const duesSettingsResponseSchema = duesSettingsSchema.extend({ wechatPay: z.boolean() });
export type DuesSettingsResponse = z.infer<typeof duesSettingsResponseSchema>;

/** Bank statements: the template's columns, in order. */
export const STATEMENT_COLUMNS = ['交易日期', '金额（元）', '对方户名', '附言', '流水号'] as const;
/** Lines a statement may hold. */
export const STATEMENT_MAX_LINES = 5000;
/**
 * The header names the import also takes for each template column, as Chinese banks' own exports
 * head them (compared without spaces, full-width brackets as half-width). Any other column is
 * ignored; a layout whose headers are none of these is mapped by renaming its headers to the
 * template's. Every column named like a memo is read, so a code in 摘要 or in 用途 is found.
 */
export const STATEMENT_COLUMN_SYNONYMS: Record<(typeof STATEMENT_COLUMNS)[number], readonly string[]> = {
  交易日期: ['交易日期', '记账日期', '日期', '入账日期', '交易时间', '记账时间', '交易日'],
  '金额（元）': [
    '金额（元）',
    '贷方金额',
    '贷方金额（元）',
    '收入金额',
    '收入金额（元）',
    '贷方发生额',
    '收入',
    '入账金额',
    '金额',
    '交易金额',
    '交易金额（元）',
    '发生额',
  ],
  对方户名: [
    '对方户名',
    '付款人名称',
    '对方账户名称',
    '对方账户名',
    '对方名称',
    '付款方户名',
    '付款户名',
    '付款人',
    '对方单位',
  ],
  附言: ['附言', '摘要', '用途', '备注', '交易附言', '汇款附言', '附加信息'],
  流水号: ['流水号', '交易流水号', '凭证号', '银行流水号', '交易参考号', '业务流水号', '交易序号', '参考号'],
};
/** Why a line of a statement credits no bill, as staff read it in the preview. */
export const STATEMENT_REASONS = {
  noCode: '未找到汇款识别码',
  unknownCode: '识别码不存在',
  severalBills: '附言含多个账单的识别码，请手动指定',
  billClosed: '账单已作废/减免',
  referenceCredited: '流水号已入账',
  badAmount: '金额无效',
  notCredit: '非收入（支出或金额为零）',
  badDate: '日期无效',
  badReference: '流水号缺失或无效',
  repeatedReference: '同一流水号在表中重复',
} as const;
export const statementIdParamSchema = z.strictObject({ id: decimalIdSchema });
export const statementLineParamSchema = z.strictObject({
  id: decimalIdSchema,
  line: z
    .string()
    .regex(/^[1-9]\d{0,4}$/, '行号无效')
    .transform(Number),
});
export const statementMatchedSchema = z.object({
  line: z.number().int(),
  billId: z.number().int().positive(),
  unitName: z.string(),
  year: z.number().int(),
  amountFen: z.number().int(),
  remittanceCode: z.string(),
  paidOn: z.iso.date(),
  payerName: z.string(),
  bankReference: z.string(),
  /** A payer name unlike the unit's, or an amount unlike what is owed: staff look twice. */
  warning: z.string().nullable(),
  /** The payment recorded from this line once the statement is confirmed. */
  paymentId: z.number().int().nullable(),
});
export const statementUnmatchedSchema = z.object({
  line: z.number().int(),
  reason: z.string(),
  paidOn: z.iso.date().nullable(),
  amountFen: z.number().int().nullable(),
  payerName: z.string(),
  memo: z.string(),
  bankReference: z.string(),
  /** Assigned by hand after the import. */
  assignedBillId: z.number().int().nullable(),
  /** Whether staff may still assign it to a bill: a credit with a date and a bank reference, not yet credited. */
  assignable: z.boolean(),
});
export const STATEMENT_STATUSES = ['preview', 'confirmed'] as const;
export const statementPreviewSchema = z.object({
  id: z.number().int().positive(),
  status: z.enum(STATEMENT_STATUSES),
  fileName: z.string(),
  createdAt: z.iso.datetime(),
  confirmedAt: z.iso.datetime().nullable(),
  matched: z.array(statementMatchedSchema),
  unmatched: z.array(statementUnmatchedSchema),
});
export type StatementPreview = z.infer<typeof statementPreviewSchema>;
export const statementConfirmResponseSchema = z.object({
  /** Payments recorded now. */
  credited: z.number().int(),
  /** Lines whose bank reference had been credited before: nothing recorded. */
  alreadyCredited: z.number().int(),
});
export type StatementConfirmResponse = z.infer<typeof statementConfirmResponseSchema>;
export const assignStatementLineRequestSchema = z.strictObject({ billId: idSchema });

/** `POST /api/dues/bills/:id/receipt-request`: the title as on the unit's books. */
export const receiptRequestSchema = z.strictObject({
  title: z.string('请填写票据抬头').trim().min(2, '请填写票据抬头').max(100, '票据抬头最多 100 个字'),
  taxNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{15,20}$/, '纳税人识别号应为 15–20 位数字或大写字母')
    .optional(),
});
export type ReceiptRequest = z.infer<typeof receiptRequestSchema>;
/** `POST /api/dues/bills/:id/receipt`: the issued 会费票据 PDF and its number. */
export const issueReceiptRequestSchema = z.strictObject({
  fileId: idSchema,
  number: z.string('请填写票据号码').trim().min(4, '请填写票据号码').max(40, '票据号码最多 40 个字符'),
});
export const receiptRequestItemSchema = z.object({
  billId: z.number().int().positive(),
  unitName: z.string(),
  year: z.number().int(),
  amountFen: z.number().int(),
  paidFen: z.number().int(),
  receipt: billReceiptSchema,
});
export const receiptRequestQuerySchema = z.strictObject({
  status: z.enum(['requested', 'issued']).optional(),
  ...cursorPageQuery(),
});
export const receiptRequestPageSchema = pageOf(receiptRequestItemSchema);
export type ReceiptRequestPage = z.infer<typeof receiptRequestPageSchema>;

/** How a payment shown to staff was made, for filters and the export. */
export const duesPaymentMethodSchema = z.enum(PAYMENT_METHODS);

export const DuesError = defineErrors({
  /** A payment or WeChat Pay on a bill staff waived or voided. */
  BillClosed: {
    code: 'DUES_BILL_CLOSED',
    status: 409,
    message: '该账单已减免或作废，不能再缴费或登记到账',
  },
  /** WeChat Pay for a bill with nothing outstanding. */
  NothingOwed: { code: 'DUES_NOTHING_OWED', status: 409, message: '该账单已缴清，无需再支付' },
  /** Waive or void from a state the machine does not allow (already waived, void, or paid). */
  WrongState: {
    code: 'DUES_BILL_WRONG_STATE',
    status: 409,
    message: '该账单当前状态不能执行此操作，请刷新后查看',
  },
  /** Fees of a year whose bills are opened, or a past year, are history. */
  FeesLocked: {
    code: 'DUES_FEES_LOCKED',
    status: 409,
    message: '该年度账单已生成或年度已过，会费标准不能再修改',
  },
  /** A due date that is no calendar day, before today, or past the end of next year. */
  DueDateInvalid: {
    code: 'DUES_DUE_DATE_INVALID',
    status: 400,
    message: '截止日期应为有效日期，不早于今天，且不晚于明年年底',
  },
  /** A past year's bills need the due date they carry over with. */
  DueDateRequired: {
    code: 'DUES_DUE_DATE_REQUIRED',
    status: 400,
    message: '生成往年账单时请填写截止日期',
  },
  /** A year too far ahead to bill. */
  YearTooFar: { code: 'DUES_YEAR_TOO_FAR', status: 400, message: '只能生成今年及以前年度的账单' },
  /** A receipt for a bill that is not paid. */
  ReceiptNotPaid: {
    code: 'DUES_RECEIPT_NOT_PAID',
    status: 409,
    message: '账单缴清后才能申请会费票据',
  },
  /** A second request, or a request once issued. */
  ReceiptAlreadyRequested: {
    code: 'DUES_RECEIPT_ALREADY_REQUESTED',
    status: 409,
    message: '该账单已申请过会费票据，如需修改抬头请联系分会工作人员',
  },
  /** Issuing without a request, or downloading before it is issued. */
  ReceiptNotRequested: {
    code: 'DUES_RECEIPT_NOT_REQUESTED',
    status: 409,
    message: '该账单尚未申请会费票据',
  },
  ReceiptNotIssued: { code: 'DUES_RECEIPT_NOT_ISSUED', status: 404, message: '会费票据尚未开具，请稍后再来' },
  /** The receipt file must be a PDF the staff member uploaded. */
  ReceiptNotPdf: { code: 'DUES_RECEIPT_NOT_PDF', status: 415, message: '会费票据请上传 PDF 文件' },
  /** A file id that is unknown, another person's upload, or owned by another record. */
  ReceiptFileUnusable: {
    code: 'DUES_RECEIPT_FILE_UNUSABLE',
    status: 400,
    message: '票据文件不可用，请重新上传 PDF 后再提交',
  },
  /** Issuing again with another file or number once issued. */
  ReceiptAlreadyIssued: {
    code: 'DUES_RECEIPT_ALREADY_ISSUED',
    status: 409,
    message: '该账单的会费票据已开具，不能重复开具',
  },
  /** The statement is not an .xlsx or .csv file. */
  StatementNotSpreadsheet: {
    code: 'DUES_STATEMENT_NOT_SPREADSHEET',
    status: 415,
    message: '请上传 .xlsx 或 .csv 格式的银行流水（可先下载模板）',
  },
  /** A header the template does not have; the message names what is missing. */
  StatementBadHeader: {
    code: 'DUES_STATEMENT_BAD_HEADER',
    status: 400,
    message: '银行流水的表头与模板不符，请按模板整理表头（交易日期、金额（元）、对方户名、附言、流水号）',
  },
  StatementTooLarge: {
    code: 'DUES_STATEMENT_TOO_LARGE',
    status: 413,
    message: `银行流水最多 ${STATEMENT_MAX_LINES} 行，请按日期拆分后分批上传`,
  },
  /** Confirming a statement twice. */
  StatementConfirmed: {
    code: 'DUES_STATEMENT_CONFIRMED',
    status: 409,
    message: '该银行流水已确认入账',
  },
  /** Assigning a line that was matched, already assigned, or has no usable amount. */
  StatementLineNotAssignable: {
    code: 'DUES_STATEMENT_LINE_NOT_ASSIGNABLE',
    status: 409,
    message: '该行已入账或金额无效，不能再指定账单',
  },
});

export const DuesErrorMessages = defineErrorMessages({
  BillNotFound: { code: ErrorCode.NotFound, message: '账单不存在或您无权查看' },
  StatementNotFound: { code: ErrorCode.NotFound, message: '该银行流水不存在，请重新上传' },
  StatementLineNotFound: { code: ErrorCode.NotFound, message: '该银行流水中没有这一行' },
  /** The statement's header, naming the columns it lacks. */
  StatementMissingColumns: {
    code: 'DUES_STATEMENT_BAD_HEADER',
    message: (missing: string) =>
      `银行流水缺少列：${missing}。表头应为模板的列名（交易日期、金额（元）、对方户名、附言、流水号），也可用银行常见的列名（如 记账日期、贷方金额、付款人名称、摘要、凭证号）；其他格式请把对应列的表头改成模板的列名后再上传`,
  },
});

export const DUES_AUDIT_ACTIONS = defineAuditActions({
  'bill.opened': '生成会费账单',
  'bills.opened_year': '生成年度会费账单',
  'bill.waived': '减免会费账单',
  'bill.voided': '作废会费账单',
  'bill.status_changed': '会费账单状态变化',
  'bill.money_changed': '会费账单到账变化',
  'dues.fees_changed': '修改会费标准',
  'dues.settings_changed': '修改收款账户设置',
  'dues.statement_uploaded': '上传银行流水',
  'dues.statement_confirmed': '确认银行流水入账',
  'dues.statement_line_assigned': '银行流水指定账单',
  'dues.receipt_requested': '申请会费票据',
  'dues.receipt_issued': '开具会费票据',
  'dues.bills_exported': '导出会费账单',
});

export const DuesNotifications = defineNotifications({
  dues_reminder: {
    name: '会费缴纳提醒',
    template: '缴费通知',
    fields: {
      unitName: { key: 'thing1', label: '单位名称' },
      amount: { key: 'thing2', label: '应缴金额' },
      dueDate: { key: 'time3', label: '截止日期' },
      note: { key: 'thing4', label: '备注', whenEmpty: '无' },
    },
  },
  dues_paid: {
    name: '会费到账通知',
    template: '缴费成功通知',
    fields: {
      unitName: { key: 'thing1', label: '单位名称' },
      amount: { key: 'thing2', label: '到账金额' },
      at: { key: 'time3', label: '到账时间' },
      note: { key: 'thing4', label: '备注', whenEmpty: '无' },
    },
  },
  dues_receipt_requested: {
    name: '会费票据申请',
    template: '开票申请提醒',
    fields: {
      unitName: { key: 'thing1', label: '单位名称' },
      title: { key: 'thing2', label: '票据抬头' },
      at: { key: 'time3', label: '申请时间' },
    },
  },
  dues_receipt_issued: {
    name: '会费票据已开具',
    template: '开票成功通知',
    fields: {
      unitName: { key: 'thing1', label: '单位名称' },
      number: { key: 'thing2', label: '票据号码' },
      at: { key: 'time3', label: '开具时间' },
    },
  },
});
declare module '../notifications' {
  interface DeclaredNotifications {
    dues_reminder: (typeof DuesNotifications)['dues_reminder'];
    dues_paid: (typeof DuesNotifications)['dues_paid'];
    dues_receipt_requested: (typeof DuesNotifications)['dues_receipt_requested'];
    dues_receipt_issued: (typeof DuesNotifications)['dues_receipt_issued'];
  }
}
