import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { decimalIdSchema } from '../common';
import { defineErrors } from '../errors';
import { levelCodeSchema } from '../membership';

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

export const UNIT_STATUSES = ['active', 'suspended', 'removed'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];
export const unitStatusSchema = z.enum(UNIT_STATUSES);
export const UNIT_STATUS_NAMES: Record<UnitStatus, string> = {
  active: '正常',
  suspended: '暂停',
  removed: '已除名',
};

export const UnitError = defineErrors({
  /** A person is the contact of at most one unit: approving a second unit for them is refused. */
  ContactTaken: {
    code: 'UNIT_CONTACT_TAKEN',
    status: 409,
    message: '申请人已是其他会员单位的联系人，一位联系人只能对应一家会员单位，请更换联系人后重新申请',
  },
});

export const UNIT_AUDIT_ACTIONS = defineAuditActions({ 'unit.created': '新增会员单位' });

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
});
export type Unit = z.infer<typeof unitSchema>;

export const unitIdParamSchema = z.strictObject({ id: decimalIdSchema });

/** Annual dues (会费) of a unit: opened on approval for the current year at the level's fee. */
export const BILL_STATUSES = ['unpaid', 'paid'] as const;
export type BillStatus = (typeof BILL_STATUSES)[number];
export const BILL_STATUS_NAMES: Record<BillStatus, string> = { unpaid: '待缴费', paid: '已缴费' };
export const DUES_AUDIT_ACTIONS = defineAuditActions({ 'bill.opened': '生成会费账单' });

export const billSchema = z.object({
  id: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  level: levelCodeSchema,
  amountYuan: z.number().int().nonnegative(),
  status: z.enum(BILL_STATUSES),
  createdAt: z.iso.datetime(),
});
export type Bill = z.infer<typeof billSchema>;
export const billListResponseSchema = z.object({ items: z.array(billSchema) });
export type BillListResponse = z.infer<typeof billListResponseSchema>;
