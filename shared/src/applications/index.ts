import { z } from 'zod';
import { reviewResultNotification } from '../notifications/templates';
import { defineAuditActions } from '../audit';
import { cursorPageQuery, decimalIdSchema, idSchema, pageOf } from '../common';
import { isKnownRegion } from '../domain/regions';
import { mainlandMobileSchema } from '../domain/phone';
import { realNameSchema } from '../domain/person-name';
import { defineErrorMessages, defineErrors } from '../errors';
import { defineStateMachine, statesLeadingTo } from '../state-machine';
import { storedFileSchema } from '../files';
import { creditCodeSchema, unitTypeSchema } from '../units';
import { defineNotifications } from '../notifications';

/** The applicant's page of one application (`?id=`), which WeChat messages about a decision open. */
export const APPLICATION_PAGE = 'packages/join/pages/detail/index';

/** Levels a unit may apply for: 会长单位 is elected, never applied for. */
export const APPLICABLE_LEVELS = ['member', 'committee', 'vice_president'] as const;
export type ApplicableLevel = (typeof APPLICABLE_LEVELS)[number];
export const applicableLevelSchema = z.enum(APPLICABLE_LEVELS, '请选择申请的会员级别');

/** ITSS 信息技术服务运行维护标准符合性证书 levels, 一级 the highest. */
export const ITSS_CONFORMITY_LEVELS = ['1', '2', '3', '4'] as const;
export const ITSS_CONFORMITY_LEVEL_NAMES: Record<(typeof ITSS_CONFORMITY_LEVELS)[number], string> = {
  '1': 'ITSS 一级',
  '2': 'ITSS 二级',
  '3': 'ITSS 三级',
  '4': 'ITSS 四级',
};

/** The certificate as the applicant and staff read it, the same words for none held. */
export function itssConformityName(
  level: (typeof ITSS_CONFORMITY_LEVELS)[number] | null | undefined | '',
): string {
  return level ? ITSS_CONFORMITY_LEVEL_NAMES[level] : '未持有';
}

/**
 * The versions of 工作守则 and the privacy policy an applicant agrees to; the server records the
 * versions current at submission with the application.
 */
export const CONSENT_VERSIONS = { rules: '2026-11', privacy: '2026-11' } as const;

export const APPLICATION_STATES = [
  'submitted',
  'needs_info',
  'resubmitted',
  'approved',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];
export const applicationStateSchema = z.enum(APPLICATION_STATES);
export const APPLICATION_STATE_NAMES: Record<ApplicationState, string> = {
  submitted: '待审核',
  needs_info: '待补充材料',
  resubmitted: '已重新提交',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};
/** States in which staff have yet to decide: the application is "open". */
export const OPEN_APPLICATION_STATES: readonly ApplicationState[] = [
  'submitted',
  'needs_info',
  'resubmitted',
];
/**
 * Staff decide on a submitted or resubmitted application (approve, reject, ask for more); the
 * applicant resubmits after needs_info and may withdraw while it is open. A decided one stays.
 */
export const APPLICATION_STATE_MACHINE = defineStateMachine<ApplicationState>({
  submitted: ['approved', 'rejected', 'needs_info', 'withdrawn'],
  needs_info: ['resubmitted', 'withdrawn'],
  resubmitted: ['approved', 'rejected', 'needs_info', 'withdrawn'],
  approved: [],
  rejected: [],
  withdrawn: [],
});
/** Waiting for staff: the states a decision may follow (submitted and resubmitted). */
export const AWAITING_STAFF_STATES: readonly ApplicationState[] = statesLeadingTo(
  APPLICATION_STATE_MACHINE,
  'approved',
);
/**
 * The staff queue's filter: one state, or `awaiting_staff` — every application waiting for staff,
 * the queue's default and what 工作台 counts.
 */
export const AWAITING_STAFF_FILTER = 'awaiting_staff';
export const APPLICATION_QUEUE_FILTERS = [AWAITING_STAFF_FILTER, ...APPLICATION_STATES] as const;
export type ApplicationQueueFilter = (typeof APPLICATION_QUEUE_FILTERS)[number];
export const applicationQueueFilterSchema = z.enum(APPLICATION_QUEUE_FILTERS);

export const ApplicationError = defineErrors({
  /**
   * Another application for the same credit code is still open; the message (ApplicationErrorMessage)
   * says where it stands and nothing else of it.
   */
  OpenApplicationExists: {
    code: 'APPLICATION_EXISTS',
    status: 409,
    message: '该统一社会信用代码已有进行中的入会申请，请勿重复提交',
  },
  AlreadyMember: {
    code: 'APPLICATION_ALREADY_MEMBER',
    status: 409,
    message: '该单位已是会员单位，无需再次申请；如需升级级别，请联系会员服务部',
  },
  /** A person speaks for at most one unit: a contact of a member unit does not apply for another. */
  ApplicantIsContact: {
    code: 'APPLICATION_APPLICANT_IS_CONTACT',
    status: 409,
    message:
      '您已是一家会员单位的联系人，一个人只能关联一家会员单位；如需为其他单位申请，请先在「我的单位」中退出',
  },
  /** A decision, edit or withdrawal in a state that does not allow it, e.g. a second decision. */
  WrongState: {
    code: 'APPLICATION_WRONG_STATE',
    status: 409,
    message: '申请状态已变化，当前不能进行此操作，请刷新后查看',
  },
  IdempotencyKeyMissing: {
    code: 'IDEMPOTENCY_KEY_MISSING',
    status: 400,
    message: '请求缺少幂等键，请更新小程序后重试',
  },
  /** The same Idempotency-Key came with a different application: a client bug, never a second one. */
  IdempotencyKeyReused: {
    code: 'IDEMPOTENCY_KEY_REUSED',
    status: 409,
    message: '该请求已使用不同的内容提交过，请刷新后重新提交',
  },
  /** The licence file does not exist, is not the applicant's own, or is not an image or PDF. */
  LicenceInvalid: {
    code: 'APPLICATION_LICENCE_INVALID',
    status: 400,
    message: '营业执照文件无效，请重新上传',
  },
});

/** Where the first open application stands, in words for a second applicant (nothing else of it). */
export const ApplicationErrorMessage = defineErrorMessages({
  OpenSubmitted: {
    code: ApplicationError.OpenApplicationExists,
    message: '该单位的入会申请正在审核中，请勿重复提交',
  },
  OpenResubmitted: {
    code: ApplicationError.OpenApplicationExists,
    message: '该单位的入会申请已重新提交，正在审核中，请勿重复提交',
  },
  OpenNeedsInfo: {
    code: ApplicationError.OpenApplicationExists,
    message: '该单位的入会申请正等待补充材料，请在“我的申请”中补充后重新提交',
  },
});

export const APPLICATION_AUDIT_ACTIONS = defineAuditActions({
  'application.submitted': '提交入会申请',
  'application.resubmitted': '重新提交入会申请',
  'application.withdrawn': '撤回入会申请',
  'application.approved': '批准入会申请',
  'application.rejected': '驳回入会申请',
  'application.needs_info': '要求补充材料',
});

const text = (label: string, min: number, max: number) =>
  z
    .string(`请填写${label}`)
    .trim()
    // An empty field is asked for, not measured: abort so it gets one message, not two.
    .min(1, { message: `请填写${label}`, abort: true })
    .min(min, `${label}至少 ${min} 个字`)
    .max(max, `${label}最多 ${max} 个字`);

export const applicationContactSchema = z.strictObject(
  {
    name: realNameSchema({ label: '联系人姓名' }),
    title: text('联系人职务', 1, 30),
    mobile: mainlandMobileSchema,
    email: z.email('请输入正确的邮箱地址').max(100, '邮箱最多 100 个字符'),
  },
  '请填写联系人信息',
);

const applicationFields = {
  unitName: text('单位名称', 4, 60),
  creditCode: creditCodeSchema,
  unitType: unitTypeSchema,
  province: z.string('请选择所在地区').min(1, '请选择所在地区'),
  city: z.string('请选择所在地区').min(1, '请选择所在地区'),
  address: text('通讯地址', 5, 120),
  legalRepresentative: realNameSchema({ label: '法定代表人', max: 30, spaces: true }),
  contact: applicationContactSchema,
  level: applicableLevelSchema,
  businessDescription: text('主营业务介绍', 20, 2000),
  itssConformityLevel: z.enum(ITSS_CONFORMITY_LEVELS).optional(),
  licenceFileId: z.number('请上传营业执照').positive('请上传营业执照').pipe(idSchema),
  consents: z.strictObject(
    {
      rules: z.literal(true, '请阅读并同意《工作守则》'),
      privacy: z.literal(true, '请阅读并同意《隐私政策》'),
    },
    '请阅读并同意《工作守则》和《隐私政策》',
  ),
  campaignScene: z.string().max(64).optional(),
};

/** The whole application, as submitted and as resubmitted after staff asked for more. */
export const applicationBodySchema = z
  .strictObject(applicationFields)
  .refine((a) => isKnownRegion(a.province, a.city), {
    message: '请选择正确的省份和城市',
    path: ['city'],
    // Checked even when other fields fail, so the form shows every problem at once; a body that is
    // not an object at all (JSON null, an array) has no region to check.
    when: ({ value }) => {
      if (typeof value !== 'object' || value === null) return false;
      const v = value as { province?: unknown; city?: unknown };
      return typeof v.province === 'string' && typeof v.city === 'string';
    },
  });
export type ApplicationBody = z.input<typeof applicationBodySchema>;
export type ApplicationBodyParsed = z.output<typeof applicationBodySchema>;

/**
 * A draft as the person types: any subset of the fields, each only bounded in size (a half-typed
 * credit code is fine here); the form checks it fully on submission.
 */
const draftText = z.string().max(2000);
export const applicationDraftSchema = z.strictObject({
  unitName: draftText.optional(),
  creditCode: z.string().max(40).optional(),
  unitType: unitTypeSchema.optional(),
  province: z.string().max(20).optional(),
  city: z.string().max(20).optional(),
  address: draftText.optional(),
  legalRepresentative: draftText.optional(),
  contact: z
    .strictObject({
      name: z.string().max(100).optional(),
      title: z.string().max(100).optional(),
      mobile: z.string().max(20).optional(),
      email: z.string().max(200).optional(),
    })
    .optional(),
  level: applicableLevelSchema.optional(),
  businessDescription: draftText.optional(),
  itssConformityLevel: z.enum(ITSS_CONFORMITY_LEVELS).optional(),
  licenceFileId: idSchema.optional(),
  consents: z.strictObject({ rules: z.boolean().optional(), privacy: z.boolean().optional() }).optional(),
  campaignScene: z.string().max(64).optional(),
});
export type ApplicationDraft = z.infer<typeof applicationDraftSchema>;
export const applicationDraftResponseSchema = z.object({
  draft: applicationDraftSchema.nullable(),
  updatedAt: z.iso.datetime().nullable(),
});
export type ApplicationDraftResponse = z.infer<typeof applicationDraftResponseSchema>;

export const applicationHistoryEntrySchema = z.object({
  state: applicationStateSchema,
  at: z.iso.datetime(),
  /** Who moved it: the applicant, or 会员服务部 (staff are not named to applicants). */
  by: z.object({ role: z.enum(['applicant', 'staff']), displayName: z.string() }),
  /** The reason for needs_info and rejected, which the applicant sees; else null. */
  note: z.string().nullable(),
});
export type ApplicationHistoryEntry = z.infer<typeof applicationHistoryEntrySchema>;

export const applicationSchema = z.object({
  id: z.number().int().positive(),
  state: applicationStateSchema,
  unitName: z.string(),
  creditCode: z.string(),
  unitType: unitTypeSchema,
  province: z.string(),
  city: z.string(),
  address: z.string(),
  legalRepresentative: z.string(),
  contact: z.object({ name: z.string(), title: z.string(), mobile: z.string(), email: z.string() }),
  level: applicableLevelSchema,
  /** The level's annual fee at submission, in whole yuan. */
  annualFeeYuan: z.number().int().nonnegative(),
  businessDescription: z.string(),
  itssConformityLevel: z.enum(ITSS_CONFORMITY_LEVELS).nullable(),
  licence: storedFileSchema,
  consents: z.object({ rulesVersion: z.string(), privacyVersion: z.string() }),
  campaign: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  submittedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  history: z.array(applicationHistoryEntrySchema),
  /** Staff only: false when the credit code fails its checksum (genuine early pilot codes do). */
  creditCodeChecksumValid: z.boolean().optional(),
  /** The member unit made on approval. */
  unit: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});
export type Application = z.infer<typeof applicationSchema>;

/** A row of a list: what a queue needs, with the contact's phone masked. */
export const applicationSummarySchema = z.object({
  id: z.number().int().positive(),
  state: applicationStateSchema,
  unitName: z.string(),
  level: applicableLevelSchema,
  contactName: z.string(),
  contactMobileMasked: z.string(),
  campaign: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  submittedAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** Staff only, as on the application. */
  creditCodeChecksumValid: z.boolean().optional(),
});
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;

export const myApplicationsResponseSchema = z.object({ items: z.array(applicationSummarySchema) });
export type MyApplicationsResponse = z.infer<typeof myApplicationsResponseSchema>;

/** Staff queue: oldest first, keyset paging on (submittedAt, id) via an opaque cursor. */
export const applicationListQuerySchema = z.strictObject({
  state: applicationQueueFilterSchema.optional(),
  campaignId: decimalIdSchema.optional(),
  ...cursorPageQuery(),
});
export type ApplicationListQuery = z.input<typeof applicationListQuerySchema>;
export const applicationListResponseSchema = pageOf(applicationSummarySchema).extend({
  /** Applications waiting for staff (the `awaiting_staff` filter): the to-do count on 工作台. */
  pending: z.number().int().nonnegative(),
});
export type ApplicationListResponse = z.infer<typeof applicationListResponseSchema>;

/** The export takes the list's filters, without paging. */
export const applicationExportQuerySchema = z.strictObject({
  state: applicationQueueFilterSchema.optional(),
  campaignId: decimalIdSchema.optional(),
});

export const DECISIONS = ['approve', 'reject', 'needs_info'] as const;
export type Decision = (typeof DECISIONS)[number];
export const decisionRequestSchema = z
  .strictObject({
    decision: z.enum(DECISIONS, '请选择审核结果'),
    reason: z.string().trim().max(500, '原因最多 500 个字').optional(),
  })
  .refine((d) => d.decision === 'approve' || (d.reason !== undefined && d.reason.length >= 2), {
    message: '请填写原因（至少 2 个字），申请人会看到',
    path: ['reason'],
  });
export type DecisionRequest = z.input<typeof decisionRequestSchema>;

export const applicationIdParamSchema = z.strictObject({ id: decimalIdSchema });

/** The header that makes a submission safe to retry: a fresh random key per filled-in form. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const idempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, '幂等键应为 16 到 64 位字母、数字、- 或 _');

/** The applicant learns the decision on an application. */
export const ApplicationNotifications = defineNotifications({
  application_decision: reviewResultNotification('入会申请的审核结果', 'unitName', '单位名称'),
});
declare module '../notifications' {
  interface DeclaredNotifications {
    application_decision: (typeof ApplicationNotifications)['application_decision'];
  }
}
