import { z } from 'zod';
import { reviewResultNotification } from '../notifications/templates';
import { defineAuditActions } from '../audit';
import { decimalIdSchema } from '../common';
import { realNameSchema } from '../domain/person-name';
import { ErrorCode, defineErrorMessages, defineErrors } from '../errors';
import { defineStateMachine } from '../state-machine';
import { creditCodeSchema } from '../units';
import { defineNotifications } from '../notifications';

/** 我的单位 (`?id=`), which the message about an approved join request opens. */
export const MY_UNIT_PAGE = 'packages/unit/pages/index/index';
/** The page an invite's share card and link open (`?token=`). */
export const INVITE_PAGE = 'packages/unit/pages/invite/index';

/**
 * The people of a member unit: the primary contact invites colleagues, or a colleague asks to join
 * by typing the unit's credit code. A person is a contact of at most one unit; a unit with contacts
 * has exactly one primary contact; the number of contacts is capped per level (seat limits).
 */
export const ContactError = defineErrors({
  /** The invite link is unknown or bound to another unit. */
  InviteNotFound: {
    code: 'INVITE_NOT_FOUND',
    status: 404,
    message: '邀请链接无效，请向单位主联系人重新索取邀请',
  },
  InviteExpired: {
    code: 'INVITE_EXPIRED',
    status: 410,
    message: '邀请已过期（有效期 7 天），请向单位主联系人重新索取邀请',
  },
  InviteUsed: {
    code: 'INVITE_USED',
    status: 410,
    message: '该邀请已被使用，每个邀请只能使用一次，请向单位主联系人重新索取邀请',
  },
  /** The person is already a contact of a unit (this one or another). */
  AlreadyContact: {
    code: 'CONTACT_ALREADY_IN_UNIT',
    status: 409,
    message: '您已是一家会员单位的联系人，一个人只能关联一家会员单位；如已换单位，请先在「我的单位」中退出',
  },
  /** The unit has as many contacts as its level allows. */
  SeatsFull: {
    code: 'UNIT_SEATS_FULL',
    status: 409,
    message: '本单位联系人名额已满，请主联系人先移除不再需要的联系人，或联系分会工作人员调整名额',
  },
  /** Contacts are added to active units only. */
  UnitNotActive: {
    code: 'UNIT_NOT_ACTIVE',
    status: 409,
    message: '该单位会员资格已暂停或终止，暂不能添加联系人，请联系分会工作人员',
  },
  /**
   * The credit code typed for a join request does not match. Said the same way for a unit that does
   * not exist or is not active, so the check never tells whether a unit exists.
   */
  CreditCodeMismatch: {
    code: 'CREDIT_CODE_MISMATCH',
    status: 400,
    message: '统一社会信用代码核对未通过，请核对营业执照后重新输入',
  },
  /** One open request per person. */
  JoinRequestOpen: {
    code: 'JOIN_REQUEST_OPEN',
    status: 409,
    message: '您已有一份待处理的加入申请，请等待单位主联系人或分会工作人员处理',
  },
  /** The request was already decided or withdrawn. */
  JoinRequestDecided: {
    code: 'JOIN_REQUEST_DECIDED',
    status: 409,
    message: '该申请已处理，请刷新后查看',
  },
  /** The primary contact cannot be removed or leave: hand the role over first. */
  PrimaryCannotLeave: {
    code: 'CONTACT_PRIMARY_CANNOT_LEAVE',
    status: 409,
    message: '主联系人不能被移除或退出，请先将主联系人移交给本单位的其他联系人',
  },
  /** The person to hand over to or remove is not a contact of this unit. */
  NotAContact: {
    code: 'CONTACT_NOT_IN_UNIT',
    status: 404,
    message: '该人员不是本单位的联系人，请刷新后重试',
  },
});

/** 42 分钟, 60 分钟, 3 小时 5 分钟: rounded up, so a person who waits as told is let in. */
export function waitWords(waitMs: number): string {
  const minutes = Math.max(Math.ceil(waitMs / 60_000), 1);
  if (minutes <= 60) return `${minutes} 分钟`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} 小时` : `${hours} 小时 ${rest} 分钟`;
}

/** Refusals of credit-code checks that failed too often, with the time left until the next try. */
export const ContactErrorMessage = defineErrorMessages({
  /** The person's own failures this hour. */
  JoinChecksPerPersonExceeded: {
    code: ErrorCode.RateLimited,
    message: (waitMs: number) => `信用代码核对失败次数过多，请 ${waitWords(waitMs)}后再试`,
  },
  /**
   * A wrong code, once everyone's failures against the unit today are past the limit. The right
   * code is still taken, so the words ask for care rather than for waiting.
   */
  JoinChecksPerUnitExceeded: {
    code: ErrorCode.RateLimited,
    message: (waitMs: number) =>
      `信用代码不符，且该单位今日核对失败次数过多，请对照营业执照仔细核对后再提交（${waitWords(waitMs)}后恢复）`,
  },
});

export const CONTACT_AUDIT_ACTIONS = defineAuditActions({
  'contact.invited': '邀请单位联系人',
  'contact.joined': '加入会员单位',
  'contact.removed': '移除单位联系人',
  'contact.left': '退出会员单位',
  'contact.primary_handed_over': '移交主联系人',
  'join_request.approved': '同意加入申请',
  'join_request.declined': '拒绝加入申请',
});

/** An invite is good for 7 days. */
export const INVITE_TTL_DAYS = 7;

/** The name and title a person gives when joining a unit; the name makes the group nickname. */
export const contactIdentitySchema = z.strictObject({
  name: realNameSchema({ label: '姓名', required: '请填写您的姓名' }),
  title: z.string().trim().max(30, '职务最多 30 个字').optional(),
});
export type ContactIdentity = z.input<typeof contactIdentitySchema>;

/** `POST /api/units/:id/invites` (the primary contact or staff) → a single-use token for a share card. */
export const inviteSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime(),
  /** The mini-program path the share card opens: packages/unit/pages/invite/index?token=… */
  path: z.string(),
});
export type Invite = z.infer<typeof inviteSchema>;

export const inviteTokenParamSchema = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{20,64}$/) });

/** `GET /api/invites/:token` (signed in): what the invitee is asked to accept. */
export const invitePreviewSchema = z.object({
  unit: z.object({ id: z.number().int().positive(), name: z.string() }),
  invitedBy: z.string(),
  expiresAt: z.iso.datetime(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

/** `POST /api/invites/:token/accept` body → the unit joined. */
export const acceptInviteRequestSchema = contactIdentitySchema;
export const joinedUnitSchema = z.object({
  unit: z.object({ id: z.number().int().positive(), name: z.string() }),
});
export type JoinedUnit = z.infer<typeof joinedUnitSchema>;

/** `POST /api/units/:id/join-requests`: a colleague asks to join, proving it with the credit code. */
export const joinRequestBodySchema = contactIdentitySchema.extend({ creditCode: creditCodeSchema });
export type JoinRequestBody = z.input<typeof joinRequestBodySchema>;

export const JOIN_REQUEST_STATES = ['pending', 'approved', 'declined', 'withdrawn'] as const;
export type JoinRequestState = (typeof JOIN_REQUEST_STATES)[number];
export const JOIN_REQUEST_STATE_NAMES: Record<JoinRequestState, string> = {
  pending: '待处理',
  approved: '已同意',
  declined: '已拒绝',
  withdrawn: '已撤回',
};
/** The unit's primary contact or staff decide a pending request; the requester may withdraw it. */
export const JOIN_REQUEST_STATE_MACHINE = defineStateMachine<JoinRequestState>({
  pending: ['approved', 'declined', 'withdrawn'],
  approved: [],
  declined: [],
  withdrawn: [],
});

export const joinRequestSchema = z.object({
  id: z.number().int().positive(),
  unit: z.object({ id: z.number().int().positive(), name: z.string() }),
  name: z.string(),
  title: z.string().nullable(),
  /** The requester's bound phone, masked. */
  phoneMasked: z.string().nullable(),
  state: z.enum(JOIN_REQUEST_STATES),
  createdAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;
export const joinRequestListSchema = z.object({ items: z.array(joinRequestSchema) });
export type JoinRequestList = z.infer<typeof joinRequestListSchema>;

/** `GET /api/units/:id/join-requests?state=` (the primary contact or staff). */
export const joinRequestListQuerySchema = z.strictObject({ state: z.enum(JOIN_REQUEST_STATES).optional() });
export const joinRequestParamSchema = z.strictObject({ id: decimalIdSchema, requestId: decimalIdSchema });
/** `DELETE /api/join-requests/:id`: the requester withdraws a pending request. */
export const joinRequestIdParamSchema = z.strictObject({ id: decimalIdSchema });
/** `POST /api/units/:id/join-requests/:requestId/decisions`. */
export const joinRequestDecisionSchema = z.strictObject({
  decision: z.enum(['approve', 'decline'], '请选择同意或拒绝'),
});
export type JoinRequestDecision = z.input<typeof joinRequestDecisionSchema>;

/** `DELETE /api/units/:id/contacts/:userId`: the primary contact or staff remove; anyone leaves. */
export const contactParamSchema = z.strictObject({ id: decimalIdSchema, userId: decimalIdSchema });
/** `POST /api/units/:id/primary-contact { userId }`: hand the primary role to another contact. */
export const handOverRequestSchema = z.strictObject({
  userId: z.number('请选择新的主联系人').int().positive(),
});
export type HandOverRequest = z.input<typeof handOverRequestSchema>;

/**
 * The requester learns the decision on a request to join a unit (same layout as an application's:
 * one template may serve both). The primary contact learns of each colleague who joins through an
 * invite or asks to join, so no one becomes a contact or waits for a decision unseen.
 */
export const ContactNotifications = defineNotifications({
  join_request_decision: reviewResultNotification('加入单位申请的审核结果', 'unitName', '单位名称'),
  colleague_joined: {
    name: '同事已加入单位',
    template: '成员加入通知',
    fields: {
      unitName: { key: 'thing1', label: '单位名称' },
      name: { key: 'thing2', label: '成员姓名' },
      at: { key: 'time3', label: '加入时间' },
    },
  },
  join_request_received: {
    name: '同事申请加入单位',
    template: '加入申请通知',
    fields: {
      unitName: { key: 'thing1', label: '单位名称' },
      name: { key: 'thing2', label: '申请人' },
      at: { key: 'time3', label: '申请时间' },
    },
  },
});
declare module '../notifications' {
  interface DeclaredNotifications {
    join_request_decision: (typeof ContactNotifications)['join_request_decision'];
    colleague_joined: (typeof ContactNotifications)['colleague_joined'];
    join_request_received: (typeof ContactNotifications)['join_request_received'];
  }
}
