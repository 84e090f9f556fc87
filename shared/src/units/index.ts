import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { cursorPageQuery, decimalIdSchema, pageOf } from '../common';
import { defineErrors } from '../errors';
import { defineStateMachine } from '../state-machine';
import { type LevelCode, LEVEL_CODES } from '../domain/levels';
import { isKnownRegion } from '../domain/regions';
import { levelCodeSchema } from '../membership';
import { checkUscc, normalizeUscc } from '../domain/uscc';

/** What kind of legal entity a unit is: the handbook's eligible applicants. */
export const UNIT_TYPES = [
  'enterprise',
  'public_institution',
  'university',
  'social_organization',
  'industry_user',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const unitTypeSchema = z.enum(UNIT_TYPES, '请选择单位类型');
export const UNIT_TYPE_NAMES: Record<UnitType, string> = {
  enterprise: '企业',
  public_institution: '事业单位',
  university: '高等院校',
  social_organization: '社会团体',
  industry_user: '行业用户',
};

/** 91110000600037341l → 91110000600037341L; a bad format is refused, a checksum mismatch let through. */
export const creditCodeSchema = z
  .string('请填写统一社会信用代码')
  .transform(normalizeUscc)
  .refine((code) => checkUscc(code) !== 'bad_format', '统一社会信用代码应为 18 位数字或大写字母');

/** Beside a well-formed code whose checksum fails: a typo usually, but some genuine pilot codes do. */
export const CREDIT_CODE_CHECKSUM_WARNING = '校验位不符，请核对营业执照；如确认无误可继续提交';

/** The warning for a code as typed, or null: only a complete, well-formed code is questioned. */
export function creditCodeWarning(input: string): string | null {
  return checkUscc(normalizeUscc(input)) === 'checksum_mismatch' ? CREDIT_CODE_CHECKSUM_WARNING : null;
}

export const UNIT_STATUSES = ['active', 'suspended', 'removed'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const unitStatusSchema = z.enum(UNIT_STATUSES);
export const UNIT_STATUS_NAMES: Record<UnitStatus, string> = {
  active: '正常',
  suspended: '暂停',
  removed: '已除名',
};
/** Suspension is undone, removal is final. */
export const UNIT_STATUS_MACHINE = defineStateMachine<UnitStatus>({
  active: ['suspended', 'removed'],
  suspended: ['active', 'removed'],
  removed: [],
});

export const UnitError = defineErrors({
  /** A person is the contact of at most one unit: approving a second unit for them is refused. */
  ContactTaken: {
    code: 'UNIT_CONTACT_TAKEN',
    status: 409,
    message: '申请人已是其他会员单位的联系人，一位联系人只能对应一家会员单位，请更换联系人后重新申请',
  },
  /** `POST /api/units` for a credit code already on record (any status). */
  CreditCodeTaken: {
    code: 'UNIT_CREDIT_CODE_TAKEN',
    status: 409,
    message: '该统一社会信用代码的单位已在会员名单中，请在列表中搜索后修改',
  },
  /** A status change that is not allowed from the current status (a removed unit stays removed). */
  WrongStatus: {
    code: 'UNIT_WRONG_STATUS',
    status: 409,
    message: '已除名的单位不能恢复，如需重新入会请提交入会申请',
  },
  /** The uploaded import file is not a readable .xlsx workbook. */
  ImportNotXlsx: {
    code: 'UNIT_IMPORT_NOT_XLSX',
    status: 415,
    message: '文件不是有效的 Excel（.xlsx）表格，请用导入模板填写后上传',
  },
  /** The sheet's header row does not have the template's columns. */
  ImportBadHeader: {
    code: 'UNIT_IMPORT_BAD_HEADER',
    status: 400,
    message: '表头与导入模板不一致，请下载模板，保留第一行表头后填写',
  },
  /** More rows than one import takes. */
  ImportTooManyRows: {
    code: 'UNIT_IMPORT_TOO_MANY_ROWS',
    status: 413,
    message: '单次最多导入 5000 行，请拆分文件后分批导入',
  },
  /** The workbook inflates past what an import of its rows needs (a zip bomb, or images and styles). */
  ImportTooLarge: {
    code: 'UNIT_IMPORT_TOO_LARGE',
    status: 413,
    message: '表格解压后超过 16 MB，请只保留导入模板的列、删除图片和多余的工作表后重新上传',
  },
  /** The preview to confirm is unknown, expired, or someone else's. */
  ImportExpired: {
    code: 'UNIT_IMPORT_EXPIRED',
    status: 410,
    message: '导入预览已过期（30 分钟），请重新上传文件',
  },
  /** Since the preview, a unit of this import was recorded or changed by someone else: nothing was written. */
  ImportStale: {
    code: 'UNIT_IMPORT_STALE',
    status: 409,
    message: '预览后会员名单有变化（单位被新增或修改），本次未导入任何数据，请重新上传预览',
  },
  /** The preview has no valid row to write. */
  ImportNothingValid: {
    code: 'UNIT_IMPORT_NOTHING_VALID',
    status: 400,
    message: '没有可导入的有效行，请按预览中的提示修改后重新上传',
  },
});

export const UNIT_AUDIT_ACTIONS = defineAuditActions({
  'unit.created': '新增会员单位',
  'unit.status_changed': '变更会员单位状态',
  'unit.imported': '导入会员单位',
  'unit.updated_by_import': '导入更新会员单位',
  'unit.exported': '导出会员单位',
  'unit.seat_limits_changed': '调整联系人名额',
});

export const unitSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  creditCode: z.string(),
  unitType: unitTypeSchema,
  province: z.string(),
  city: z.string(),
  level: levelCodeSchema,
  status: unitStatusSchema,
  /** The day the unit became a member, YYYY-MM-DD. */
  joinedOn: z.iso.date(),
  /** Whether the caller is this unit's primary contact. */
  isPrimaryContact: z.boolean(),
  primaryContact: z.object({ displayName: z.string(), phoneMasked: z.string().nullable() }).nullable(),
  /** Every contact, the primary first; phones masked. Seen by the unit's contacts and staff. */
  contacts: z.array(
    z.object({
      userId: z.number().int().positive(),
      /** The real name given on joining (申请联系人 / 接受邀请 / 申请加入), used for the group nickname. */
      name: z.string(),
      title: z.string().nullable(),
      phoneMasked: z.string().nullable(),
      isPrimary: z.boolean(),
      joinedAt: z.iso.datetime(),
    }),
  ),
  /** Contacts the unit may have at its level, and how many it has. */
  seats: z.object({ used: z.number().int().nonnegative(), limit: z.number().int().positive() }),
  /** Status changes, newest first (staff and the unit's contacts). */
  statusHistory: z.array(
    z.object({
      status: unitStatusSchema,
      reason: z.string().nullable(),
      at: z.iso.datetime(),
      /** Staff member's display name; null for a change made by the system (approval). */
      by: z.string().nullable(),
    }),
  ),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitIdParamSchema = z.strictObject({ id: decimalIdSchema });

/** A free-text search: a unit's name (part of it) or its full credit code. */
const searchText = z.string().trim().max(60, '搜索内容最多 60 个字');

/** Staff list: newest member first, keyset paging on (id desc) via an opaque cursor. */
export const unitListQuerySchema = z.strictObject({
  q: searchText.optional(),
  level: levelCodeSchema.optional(),
  status: unitStatusSchema.optional(),
  ...cursorPageQuery(),
});
export type UnitListQuery = z.input<typeof unitListQuerySchema>;

/** A row of the staff list: no person's data beyond the primary contact's name. */
export const unitSummarySchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  creditCode: z.string(),
  level: levelCodeSchema,
  status: unitStatusSchema,
  province: z.string(),
  city: z.string(),
  joinedOn: z.iso.date(),
  contactCount: z.number().int().nonnegative(),
  primaryContactName: z.string().nullable(),
});
export type UnitSummary = z.infer<typeof unitSummarySchema>;
export const unitListResponseSchema = pageOf(unitSummarySchema);
export type UnitListResponse = z.infer<typeof unitListResponseSchema>;

/** The export takes the list's filters, without paging. */
export const unitExportQuerySchema = z.strictObject({
  q: searchText.optional(),
  level: levelCodeSchema.optional(),
  status: unitStatusSchema.optional(),
});

const unitName = z
  .string('请填写单位名称')
  .trim()
  .min(2, '单位名称至少 2 个字')
  .max(60, '单位名称最多 60 个字');

/**
 * A unit that joined before this system (`POST /api/units`, and each row of an import). It has no
 * contacts yet: staff invite its first contact, who becomes the primary contact.
 */
export const createUnitRequestSchema = z
  .strictObject({
    name: unitName,
    creditCode: creditCodeSchema,
    unitType: unitTypeSchema,
    province: z.string('请选择所在省份').min(1, '请选择所在省份'),
    city: z.string('请选择所在城市').min(1, '请选择所在城市'),
    level: z.enum(LEVEL_CODES, '请选择会员级别'),
    joinedOn: z.iso.date('入会日期应为 YYYY-MM-DD'),
  })
  .refine((unit) => isKnownRegion(unit.province, unit.city), {
    message: '所在城市不属于所选省份',
    path: ['city'],
  });
export type CreateUnitRequest = z.input<typeof createUnitRequestSchema>;

export const unitStatusChangeRequestSchema = z.strictObject({
  status: unitStatusSchema,
  reason: z
    .string('请填写原因')
    .trim()
    .min(2, '请填写原因（至少 2 个字），会记入单位的状态记录')
    .max(200, '原因最多 200 个字'),
});
export type UnitStatusChangeRequest = z.input<typeof unitStatusChangeRequestSchema>;

/**
 * The columns of the import template and of the export, in order, with their Chinese headers; an
 * export is a valid import. Level, type and status cells hold their Chinese names.
 */
export const UNIT_SHEET_COLUMNS = [
  { key: 'name', header: '单位名称' },
  { key: 'creditCode', header: '统一社会信用代码' },
  { key: 'unitType', header: '单位类型' },
  { key: 'province', header: '所在省份' },
  { key: 'city', header: '所在城市' },
  { key: 'level', header: '会员级别' },
  { key: 'joinedOn', header: '入会日期' },
  { key: 'status', header: '状态' },
] as const;
export const UNIT_IMPORT_MAX_ROWS = 5000;
/** What an import's workbook may inflate to in all: 5,000 rows of the export take under 5 MB. */
export const UNIT_IMPORT_MAX_INFLATED_BYTES = 16 * 1024 * 1024;

/**
 * Columns the export adds after the import's, for staff to reach a unit; the import ignores them
 * (and any other column it does not take), so an edited export imports as it is.
 */
export const UNIT_EXPORT_EXTRA_COLUMNS = [
  { key: 'address', header: '单位地址' },
  { key: 'legalRepresentative', header: '法定代表人' },
  { key: 'primaryContactName', header: '主联系人' },
  { key: 'primaryContactPhone', header: '主联系人手机' },
  { key: 'primaryContactEmail', header: '主联系人邮箱' },
  { key: 'contactCount', header: '联系人数' },
  { key: 'duesThisYear', header: '本年度会费' },
] as const;
export type UnitExportFact = (typeof UNIT_EXPORT_EXTRA_COLUMNS)[number]['key'];

/** What confirming a row does: a unit new to the list, an existing one (by credit code) changed, or nothing. */
export const UNIT_IMPORT_ACTIONS = ['create', 'update', 'unchanged'] as const;
export type UnitImportAction = (typeof UNIT_IMPORT_ACTIONS)[number];
export const UNIT_IMPORT_ACTION_NAMES: Record<UnitImportAction, string> = {
  create: '新增',
  update: '更新',
  unchanged: '无变化',
};

/** `POST /api/units/import` (multipart field `file`): every row checked, nothing written. */
export const unitImportPreviewSchema = z.object({
  /** Confirms this preview within 30 minutes: `POST /api/units/import/:importId/confirm`. */
  importId: z.string(),
  expiresAt: z.iso.datetime(),
  /** Rows the confirmation writes: createCount + updateCount. */
  validCount: z.number().int().nonnegative(),
  createCount: z.number().int().nonnegative(),
  updateCount: z.number().int().nonnegative(),
  unchangedCount: z.number().int().nonnegative(),
  errorCount: z.number().int().nonnegative(),
  rows: z.array(
    z.object({
      /** The sheet's row number (the header is row 1). */
      row: z.number().int().positive(),
      name: z.string(),
      creditCode: z.string(),
      /** Null when the row has errors and is not written. */
      action: z.enum(UNIT_IMPORT_ACTIONS).nullable(),
      /** For an update: each cell that differs from the unit on record, as the sheet shows it. */
      changes: z.array(z.object({ column: z.string(), from: z.string(), to: z.string() })),
      /** Empty when the row is written on confirm; otherwise every reason it is not, in Chinese. */
      errors: z.array(z.string()),
    }),
  ),
});
export type UnitImportPreview = z.infer<typeof unitImportPreviewSchema>;
export const unitImportIdParamSchema = z.strictObject({
  importId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
export const unitImportResultSchema = z.object({
  created: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
});
export type UnitImportResult = z.infer<typeof unitImportResultSchema>;

/** How many contacts a unit may have, per level; staff set them (`GET/PUT /api/units/seat-limits`). */
export const DEFAULT_SEAT_LIMITS: Record<LevelCode, number> = {
  member: 3,
  committee: 5,
  vice_president: 10,
  president: 10,
};
export const seatLimitsSchema = z.strictObject({
  limits: z.strictObject(
    Object.fromEntries(
      LEVEL_CODES.map((code) => [
        code,
        z.number('请填写名额').int('名额应为整数').min(1, '名额至少为 1').max(100, '名额最多为 100'),
      ]),
    ) as Record<LevelCode, z.ZodNumber>,
  ),
});
export type SeatLimits = z.infer<typeof seatLimitsSchema>;

/**
 * The public member directory (会员名录): active units only, nothing about people. `q` matches part
 * of a name only, never a credit code: that is what a colleague proves to join a unit.
 */
export const directoryQuerySchema = z.strictObject({
  q: searchText.optional(),
  level: levelCodeSchema.optional(),
  ...cursorPageQuery(),
});
export type DirectoryQuery = z.input<typeof directoryQuerySchema>;
export const directoryEntrySchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  level: levelCodeSchema,
  province: z.string(),
  joinedYear: z.number().int(),
});
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;
export const directoryResponseSchema = pageOf(directoryEntrySchema);
export type DirectoryResponse = z.infer<typeof directoryResponseSchema>;
