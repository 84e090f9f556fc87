import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { cursorPageQuery, decimalIdSchema, idSchema, pageOf } from '../common';
import { defineErrors } from '../errors';
import { LEVEL_CODES, type LevelCode } from '../domain/levels';
import { billSchema } from '../dues';
import { levelCodeSchema } from '../membership';
import { defineNotifications } from '../notifications';
import { reviewResultNotification } from '../notifications/templates';
import { defineStateMachine } from '../state-machine';
import { unitStatusSchema } from '../units';

/**
 * A unit's standing: its arrears and the handbook's two-year rule (两个年度没按时交纳会费的将对其予以
 * 退会或除名处理), removal as a recorded decision, and level changes one step at a time (会员升级均按照
 * 自愿的原则，可提出逐级升级), with at most one 会长单位.
 */

/** The member's page to request a level change (`?unitId=`). */
export const UPGRADE_PAGE = 'packages/standing/pages/upgrade/index';
/** Staff: units in arrears and those proposed for removal. */
export const ARREARS_STAFF_PAGE = 'packages/standing/staff/arrears/index';
/** Staff: one unit's arrears (`?unitId=`): its bills, the reminders sent, the removal form. */
export const ARREARS_UNIT_STAFF_PAGE = 'packages/standing/staff/arrears-unit/index';
/** Staff: level requests to decide. */
export const LEVEL_REQUESTS_STAFF_PAGE = 'packages/standing/staff/level-requests/index';

/** Unpaid past-due years at which a unit is proposed for removal. */
export const REMOVAL_PROPOSED_YEARS = 2;

export const LEVEL_REQUEST_STATES = ['open', 'approved', 'rejected', 'withdrawn'] as const;
export type LevelRequestState = (typeof LEVEL_REQUEST_STATES)[number];
export const levelRequestStateSchema = z.enum(LEVEL_REQUEST_STATES);
export const LEVEL_REQUEST_STATE_NAMES: Record<LevelRequestState, string> = {
  open: '待审核',
  approved: '已批准',
  rejected: '未通过',
  withdrawn: '已撤回',
};
/** Staff decide an open request, or its unit withdraws it; a decided request stays decided. */
export const LEVEL_REQUEST_STATE_MACHINE = defineStateMachine<LevelRequestState>({
  open: ['approved', 'rejected', 'withdrawn'],
  approved: [],
  rejected: [],
  withdrawn: [],
});

export const LEVEL_DIRECTIONS = ['upgrade', 'downgrade'] as const;
export type LevelDirection = (typeof LEVEL_DIRECTIONS)[number];
export const levelDirectionSchema = z.enum(LEVEL_DIRECTIONS);
export const LEVEL_DIRECTION_NAMES: Record<LevelDirection, string> = {
  upgrade: '升级',
  downgrade: '降级',
};

/** The level one step up (member → committee → vice_president → president), or null at the top. */
export function nextLevel(level: LevelCode): LevelCode | null {
  return LEVEL_CODES[LEVEL_CODES.indexOf(level) + 1] ?? null;
}

/** The level one step down, or null at the bottom. */
export function previousLevel(level: LevelCode): LevelCode | null {
  const index = LEVEL_CODES.indexOf(level);
  return index > 0 ? (LEVEL_CODES[index - 1] ?? null) : null;
}

/** The direction of a change between adjacent levels; null for the same level or a skip. */
export function levelChangeDirection(from: LevelCode, to: LevelCode): LevelDirection | null {
  if (nextLevel(from) === to) return 'upgrade';
  if (previousLevel(from) === to) return 'downgrade';
  return null;
}

/**
 * The current year's difference bill of an upgrade approved in `month` (1–12): the fee difference ×
 * the months left in the year counting the month of approval ÷ 12, rounded to the yuan, in fen.
 * Approved in December: one twelfth. Never negative.
 */
export function upgradeDifferenceFen(fromFeeFen: number, toFeeFen: number, month: number): number {
  const difference = Math.max(0, toFeeFen - fromFeeFen);
  const monthsLeft = 13 - month;
  return Math.round((difference * monthsLeft) / 1200) * 100;
}

export const levelRequestSchema = z.object({
  id: z.number().int().positive(),
  unitId: z.number().int().positive(),
  unitName: z.string(),
  fromLevel: levelCodeSchema,
  toLevel: levelCodeSchema,
  direction: levelDirectionSchema,
  state: levelRequestStateSchema,
  /** Why the unit asks, in its words. */
  reason: z.string(),
  requestedByName: z.string().nullable(),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  decidedByName: z.string().nullable(),
  /** Staff's reason, which the unit sees (required on a reject). */
  decisionReason: z.string().nullable(),
  /** The year the new level counts from: an upgrade's year of approval, a downgrade's next year. */
  effectiveYear: z.number().int(),
  /** The current year's difference bill an approved upgrade opened (null when there is none). */
  differenceBillId: z.number().int().positive().nullable(),
});
export type LevelRequest = z.infer<typeof levelRequestSchema>;

export const levelRequestIdParamSchema = z.strictObject({ id: decimalIdSchema });

/** `POST /api/units/:id/level-requests` (the unit's primary contact). */
export const levelRequestCreateSchema = z.strictObject({
  toLevel: z.enum(LEVEL_CODES, '请选择申请的会员级别'),
  reason: z.string('请填写申请理由').trim().min(1, '请填写申请理由').max(500, '申请理由最多 500 个字'),
});
export type LevelRequestCreate = z.input<typeof levelRequestCreateSchema>;

export const LEVEL_REQUEST_DECISIONS = ['approve', 'reject'] as const;
export type LevelRequestDecisionKind = (typeof LEVEL_REQUEST_DECISIONS)[number];
/** `POST /api/level-requests/:id/decisions` (staff): a reject needs a reason the unit sees. */
export const levelRequestDecisionSchema = z
  .strictObject({
    decision: z.enum(LEVEL_REQUEST_DECISIONS, '请选择批准或不批准'),
    reason: z.string('请填写原因').trim().max(500, '原因最多 500 个字').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'reject' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '不批准时请填写原因，申请单位会看到' });
    }
  });
export type LevelRequestDecision = z.input<typeof levelRequestDecisionSchema>;

/** `GET /api/units/:id/level-requests`: the unit's requests, newest first. */
export const levelRequestListResponseSchema = z.object({ items: z.array(levelRequestSchema) });
export type LevelRequestListResponse = z.infer<typeof levelRequestListResponseSchema>;

/** Staff: `GET /api/level-requests?state=&cursor=&limit=`, newest first. */
export const levelRequestQuerySchema = z.strictObject({
  state: levelRequestStateSchema.optional(),
  ...cursorPageQuery({ max: 100 }),
});
export type LevelRequestQuery = z.input<typeof levelRequestQuerySchema>;
export const levelRequestPageSchema = pageOf(levelRequestSchema);
export type LevelRequestPage = z.infer<typeof levelRequestPageSchema>;

export const STANDINGS = ['good', 'arrears', 'inactive'] as const;
export type Standing = (typeof STANDINGS)[number];
export const standingSchema = z.enum(STANDINGS);
export const STANDING_NAMES: Record<Standing, string> = {
  good: '正常',
  arrears: '欠缴会费',
  inactive: '非正常状态',
};

/** `GET /api/units/:id/standing` (the unit's contacts, staff). */
export const unitStandingSchema = z.object({
  unitId: z.number().int().positive(),
  level: levelCodeSchema,
  status: unitStatusSchema,
  standing: standingSchema,
  /** Years with a bill past its due date and neither paid, waived nor void, oldest first. */
  unpaidYears: z.array(z.number().int()),
  /** Still owed on those bills. */
  outstandingFen: z.number().int().nonnegative(),
  removalProposed: z.boolean(),
  currentYear: z.number().int(),
  /** Every bill of the current year is paid (or waived); false when it has none. */
  currentYearPaid: z.boolean(),
  /** The level one step up, or null at the top. */
  nextLevel: levelCodeSchema.nullable(),
  /** Whether the caller may request a level change now. */
  canRequestLevelChange: z.boolean(),
  /** Why 申请升级 is unavailable, in Chinese; null when it is available. */
  blockedReason: z.string().nullable(),
  openRequest: levelRequestSchema.nullable(),
  /** An approved downgrade not yet in force: the level and the year it counts from. */
  scheduledLevel: z.object({ level: levelCodeSchema, fromYear: z.number().int() }).nullable(),
});
export type UnitStanding = z.infer<typeof unitStandingSchema>;

/** A unit in arrears, as staff's arrears list shows it. */
export const arrearsItemSchema = z.object({
  unitId: z.number().int().positive(),
  unitName: z.string(),
  level: levelCodeSchema,
  status: unitStatusSchema,
  unpaidYears: z.array(z.number().int()),
  outstandingFen: z.number().int().nonnegative(),
  removalProposed: z.boolean(),
});
export type ArrearsItem = z.infer<typeof arrearsItemSchema>;

/** `GET /api/dues/arrears?proposed=` (staff): most unpaid years first, then most owed. */
export const arrearsQuerySchema = z.strictObject({ proposed: z.enum(['true', 'false']).optional() });
export type ArrearsQuery = z.input<typeof arrearsQuerySchema>;
export const arrearsListResponseSchema = z.object({ items: z.array(arrearsItemSchema) });
export type ArrearsListResponse = z.infer<typeof arrearsListResponseSchema>;

export const REMINDER_CHANNELS = ['message', 'wechat'] as const;
export const REMINDER_CHANNEL_NAMES: Record<(typeof REMINDER_CHANNELS)[number], string> = {
  message: '站内消息',
  wechat: '微信通知',
};
export const arrearsReminderSchema = z.object({
  billId: z.number().int().positive(),
  year: z.number().int(),
  sentAt: z.iso.datetime(),
  channel: z.enum(REMINDER_CHANNELS),
  recipientCount: z.number().int().nonnegative(),
});
export type ArrearsReminder = z.infer<typeof arrearsReminderSchema>;

export const REMOVAL_GROUNDS = ['unpaid_two_years', 'breach'] as const;
export type RemovalGround = (typeof REMOVAL_GROUNDS)[number];
export const REMOVAL_GROUND_NAMES: Record<RemovalGround, string> = {
  unpaid_two_years: '连续两个年度未按时交纳会费',
  breach: '严重违反分会规定',
};
/** The bodies that decide a removal. */
export const REMOVAL_BODIES = ['主任委员会', '会长办公会'] as const;
export type RemovalBody = (typeof REMOVAL_BODIES)[number];

/** `POST /api/units/:id/removal` (staff). */
export const unitRemovalRequestSchema = z.strictObject({
  ground: z.enum(REMOVAL_GROUNDS, '请选择除名依据'),
  body: z.enum(REMOVAL_BODIES, '请选择作出决定的机构（主任委员会或会长办公会）'),
  decidedOn: z.iso.date({
    error: (issue) => (issue.input === undefined ? '请填写决定日期' : '决定日期应为 YYYY-MM-DD'),
  }),
  documentNumber: z.string().trim().max(60, '文号最多 60 个字').optional(),
  reason: z.string('请填写除名原因').trim().min(1, '请填写除名原因').max(500, '除名原因最多 500 个字'),
  fileId: idSchema.optional(),
});
export type UnitRemovalRequest = z.input<typeof unitRemovalRequestSchema>;

export const unitRemovalSchema = z.object({
  unitId: z.number().int().positive(),
  ground: z.enum(REMOVAL_GROUNDS),
  body: z.enum(REMOVAL_BODIES),
  decidedOn: z.iso.date(),
  documentNumber: z.string().nullable(),
  reason: z.string(),
  fileId: z.number().int().positive().nullable(),
  recordedAt: z.iso.datetime(),
  recordedByName: z.string().nullable(),
});
export type UnitRemoval = z.infer<typeof unitRemovalSchema>;

/** `GET /api/units/:id/arrears` (staff): the unit's arrears, every bill, the reminders sent, its removal. */
export const unitArrearsSchema = arrearsItemSchema.extend({
  bills: z.array(billSchema),
  reminders: z.array(arrearsReminderSchema),
  removal: unitRemovalSchema.nullable(),
});
export type UnitArrears = z.infer<typeof unitArrearsSchema>;

/** `GET /api/president-seat` (staff): the 会长单位, if any, and open requests for the seat. */
export const presidentSeatSchema = z.object({
  holder: z.object({ unitId: z.number().int().positive(), unitName: z.string() }).nullable(),
  openRequests: z.number().int().nonnegative(),
});
export type PresidentSeat = z.infer<typeof presidentSeatSchema>;

export const StandingError = defineErrors({
  /** A level two or more steps away. */
  SkipLevel: {
    code: 'STANDING_SKIP_LEVEL',
    status: 400,
    message: '会员级别只能逐级调整，请申请相邻的级别',
  },
  SameLevel: {
    code: 'STANDING_SAME_LEVEL',
    status: 400,
    message: '申请的级别与单位当前级别相同',
  },
  NotPrimaryContact: {
    code: 'STANDING_NOT_PRIMARY_CONTACT',
    status: 403,
    message: '只有单位的主联系人可以申请或撤回级别变更，请联系主联系人办理',
  },
  RequestAlreadyOpen: {
    code: 'STANDING_REQUEST_ALREADY_OPEN',
    status: 409,
    message: '单位已有一份待审核的级别变更申请，请等待审核结果或先撤回该申请',
  },
  InArrears: {
    code: 'STANDING_IN_ARREARS',
    status: 409,
    message: '单位有逾期未缴的会费，请先缴清欠缴会费后再申请级别变更',
  },
  PresidentSeatTaken: {
    code: 'STANDING_PRESIDENT_SEAT_TAKEN',
    status: 409,
    message: '分会已有会长单位，会长单位只设一家，暂不能申请',
  },
  UnitNotActive: {
    code: 'STANDING_UNIT_NOT_ACTIVE',
    status: 409,
    message: '单位当前不是正常状态（暂停或已除名），不能申请级别变更',
  },
  RequestNotOpen: {
    code: 'STANDING_REQUEST_NOT_OPEN',
    status: 409,
    message: '该申请已审核或已撤回，请刷新后查看',
  },
  /** Removal on the unpaid ground of a unit with fewer than two unpaid years (it paid meanwhile). */
  NotProposed: {
    code: 'STANDING_NOT_PROPOSED',
    status: 409,
    message: '该单位逾期未缴会费不足两个年度，不能以欠缴会费为由除名，请刷新后查看',
  },
  /** A level change asked for while an approved downgrade waits for next year. */
  DowngradeScheduled: {
    code: 'STANDING_DOWNGRADE_SCHEDULED',
    status: 409,
    message: '单位已获批降级，将于下一年度生效，生效前不能再申请级别变更',
  },
  /** The removal's document: unknown, someone else's upload, or another record's. */
  FileUnusable: {
    code: 'STANDING_FILE_UNUSABLE',
    status: 400,
    message: '决定文件不可用，请重新上传后再提交',
  },
  AlreadyRemoved: {
    code: 'STANDING_ALREADY_REMOVED',
    status: 409,
    message: '该单位已被除名',
  },
});

export const STANDING_AUDIT_ACTIONS = defineAuditActions({
  'level_request.created': '申请会员级别变更',
  'level_request.decided': '审核会员级别变更申请',
  'level_request.withdrawn': '撤回会员级别变更申请',
  'unit.removed': '会员单位除名',
});

/**
 * The unit's contacts learn the decision on a level request (消息 and WeChat, opening UPGRADE_PAGE),
 * and a removal (消息).
 */
export const StandingNotifications = defineNotifications({
  level_request_decision: reviewResultNotification('会员级别变更申请的审核结果', 'unitName', '单位名称'),
  unit_removed: {
    name: '会员单位除名通知',
    template: '会员状态变更通知',
    fields: {
      unitName: { key: 'thing1', label: '单位名称' },
      status: { key: 'phrase2', label: '会员状态' },
      note: { key: 'thing3', label: '备注', whenEmpty: '无' },
      at: { key: 'time4', label: '变更时间' },
    },
  },
});
declare module '../notifications' {
  interface DeclaredNotifications {
    level_request_decision: (typeof StandingNotifications)['level_request_decision'];
    unit_removed: (typeof StandingNotifications)['unit_removed'];
  }
}
