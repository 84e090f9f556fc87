import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { decimalIdSchema } from '../common';
import { ErrorCode, defineErrorMessages, defineErrors } from '../errors';
import { defineStateMachine } from '../state-machine';
import { FileError } from '../files';
import { levelCodeSchema } from '../membership';
import { defineNotifications } from '../notifications';

/**
 * The members-only WeChat groups. WeChat lets no program into a group: staff keep the groups and
 * upload each one's current QR image (it expires after 7 days and admits no one by scan past 200
 * people); the product decides who is shown the way in and keeps the list of who should leave.
 */
export const GroupError = defineErrors({
  /** Group entry is for contacts of member units. */
  MembersOnly: {
    code: 'GROUP_MEMBERS_ONLY',
    status: 403,
    message:
      '会员微信群仅限会员单位联系人加入。如您的单位已是会员，请在「会员名录」中找到单位申请加入，或请主联系人邀请您',
  },
  /** The person's unit is suspended or removed. */
  UnitNotActive: {
    code: 'GROUP_UNIT_NOT_ACTIVE',
    status: 403,
    message: '您所在单位的会员资格已暂停或终止，暂不能加入会员微信群，请联系分会工作人员',
  },
  /** The uploaded QR image is not a png/jpg. */
  CodeNotImage: {
    code: 'GROUP_CODE_NOT_IMAGE',
    status: 415,
    message: '请上传 PNG 或 JPG 格式的群二维码图片',
  },
  CodeTooLarge: {
    code: 'GROUP_CODE_TOO_LARGE',
    status: 413,
    message: '群二维码图片不能超过 2 MB，请截图后重新上传',
  },
  /** `expiresAt` in the past or more than 7 days ahead (WeChat's group codes last 7 days). */
  CodeExpiryOutOfRange: {
    code: 'GROUP_CODE_EXPIRY_OUT_OF_RANGE',
    status: 400,
    message: '二维码有效期应在现在之后、7 天之内（微信群二维码 7 天后失效）',
  },
  /** Two groups of one name would be told apart by no one (a double tap makes the second). */
  NameTaken: {
    code: 'GROUP_NAME_TAKEN',
    status: 409,
    message: '已有同名的会员微信群，请换一个名称',
  },
  /** The to-do or removal was already ticked off. */
  AlreadyDone: {
    code: 'GROUP_TASK_ALREADY_DONE',
    status: 409,
    message: '该事项已由其他工作人员处理，请刷新后查看',
  },
});

/** The groups' words for common codes. */
export const GroupErrorMessage = defineErrorMessages({
  GroupNotFound: { code: ErrorCode.NotFound, message: '会员微信群不存在' },
  TodoNotFound: { code: ErrorCode.NotFound, message: '该待办不存在' },
  RemovalNotFound: { code: ErrorCode.NotFound, message: '该移出事项不存在' },
  /** The image was replaced between showing the entry and reading it: the new one is a reload away. */
  CodeReplaced: { code: ErrorCode.NotFound, message: '群二维码已更新，请返回后重新打开' },
  CodeExpiryMalformed: {
    code: ErrorCode.BadRequest,
    message: '二维码有效期的格式不正确，请重新选择日期和时间',
  },
  CodeUploadOneImage: { code: FileError.TooManyFiles, message: '一次只能上传一张群二维码图片' },
  /** The multipart body broke off (a dropped connection): choosing the image again is the fix. */
  CodeUploadIncomplete: { code: ErrorCode.BadRequest, message: '上传未完成，请重新选择图片上传' },
});

/** A to-do or a removal is open until a staff member ticks it off, once. */
export const GROUP_TASK_STATES = ['open', 'done'] as const;
export type GroupTaskState = (typeof GROUP_TASK_STATES)[number];
export const GROUP_TASK_STATE_MACHINE = defineStateMachine<GroupTaskState>({ open: ['done'], done: [] });

export const GROUP_AUDIT_ACTIONS = defineAuditActions({
  'group.created': '新建会员微信群',
  'group.updated': '修改会员微信群',
  'group.code_uploaded': '上传群二维码',
  'group.code_revealed': '向会员展示群二维码',
  'group.todo_done': '完成入群待办',
  'group.removal_done': '确认移出群聊',
});

/** A group QR code lasts 7 days in WeChat; staff are warned a day before. */
export const GROUP_CODE_MAX_DAYS = 7;
export const GROUP_CODE_WARN_HOURS = 24;
export const GROUP_CODE_MAX_BYTES = 2 * 1024 * 1024;

const groupName = z.string('请填写群名称').trim().min(2, '群名称至少 2 个字').max(30, '群名称最多 30 个字');
const groupNote = z.string().trim().max(200, '备注最多 200 个字');

/** `POST /api/groups`: the lowest level whose units' contacts may enter. */
export const createGroupRequestSchema = z.strictObject({
  name: groupName,
  minLevel: levelCodeSchema,
  note: groupNote.optional(),
});
export type CreateGroupRequest = z.input<typeof createGroupRequestSchema>;

/** `PATCH /api/groups/:id`: an archived group is offered to no one. */
export const updateGroupRequestSchema = z
  .strictObject({
    name: groupName.optional(),
    minLevel: levelCodeSchema.optional(),
    note: groupNote.nullable().optional(),
    archived: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, '请至少修改一项');
export type UpdateGroupRequest = z.input<typeof updateGroupRequestSchema>;

export const groupIdParamSchema = z.strictObject({ id: decimalIdSchema });

/** A group as staff see it. */
export const groupSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  minLevel: levelCodeSchema,
  note: z.string().nullable(),
  archived: z.boolean(),
  /** The current QR image; `expired` once `expiresAt` has passed. */
  code: z
    .object({ uploadedAt: z.iso.datetime(), expiresAt: z.iso.datetime(), expired: z.boolean() })
    .nullable(),
  /** People who were shown this group's code. */
  revealedCount: z.number().int().nonnegative(),
});
export type Group = z.infer<typeof groupSchema>;
export const groupListSchema = z.object({ items: z.array(groupSchema) });
export type GroupList = z.infer<typeof groupListSchema>;

/**
 * `PUT /api/groups/:id/code` is multipart: field `file` (png/jpg ≤ 2 MB, checked from the bytes) and
 * optional field `expiresAt` (ISO date-time, at most 7 days ahead; default upload + 7 days).
 */
export const groupCodeFieldsSchema = z.strictObject({ expiresAt: z.iso.datetime().optional() });

/** `GET /api/groups/entry`: for each group open to the caller's unit level, the way in. */
export const groupEntrySchema = z.object({
  items: z.array(
    z.object({
      groupId: z.number().int().positive(),
      name: z.string(),
      /** `code`: fetch the image at GET /api/groups/:id/code; `staff_will_add`: staff were asked to add the person. */
      status: z.enum(['code', 'staff_will_add']),
      /** The nickname to use in the group: 单位简称-姓名. */
      nickname: z.string(),
      /** When the shown code stops working (status `code`). */
      expiresAt: z.iso.datetime().optional(),
    }),
  ),
});
export type GroupEntry = z.infer<typeof groupEntrySchema>;

/** Staff to-dos on 工作台: add a person by hand, or renew a code that expires within a day. */
export const GROUP_TODO_KINDS = ['add_member', 'code_expiring'] as const;
export type GroupTodoKind = (typeof GROUP_TODO_KINDS)[number];
export const groupTodoSchema = z.object({
  id: z.number().int().positive(),
  kind: z.enum(GROUP_TODO_KINDS),
  group: z.object({ id: z.number().int().positive(), name: z.string() }),
  /** For `add_member`: who to add and the nickname they were given; phone masked. */
  person: z
    .object({
      name: z.string(),
      unitName: z.string(),
      nickname: z.string(),
      phoneMasked: z.string().nullable(),
    })
    .nullable(),
  createdAt: z.iso.datetime(),
  doneAt: z.iso.datetime().nullable(),
  doneBy: z.string().nullable(),
});
export type GroupTodo = z.infer<typeof groupTodoSchema>;
export const groupTaskListQuerySchema = z.strictObject({ done: z.enum(['true', 'false']).optional() });
export const groupTodoListSchema = z.object({
  items: z.array(groupTodoSchema),
  /** Open to-dos: the count on 工作台. */
  open: z.number().int().nonnegative(),
});
export type GroupTodoList = z.infer<typeof groupTodoListSchema>;

/** 待移出群聊: people who were shown a code and whose unit or contact role ended. */
export const REMOVAL_REASONS = ['unit_suspended', 'unit_removed', 'contact_left'] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];
export const REMOVAL_REASON_NAMES: Record<RemovalReason, string> = {
  unit_suspended: '单位暂停会员资格',
  unit_removed: '单位被除名',
  contact_left: '已不是单位联系人',
};
export const groupRemovalSchema = z.object({
  id: z.number().int().positive(),
  group: z.object({ id: z.number().int().positive(), name: z.string() }),
  name: z.string(),
  unitName: z.string(),
  /** The nickname the person was told to use, to find them in the group. */
  nickname: z.string(),
  reason: z.enum(REMOVAL_REASONS),
  createdAt: z.iso.datetime(),
  doneAt: z.iso.datetime().nullable(),
  doneBy: z.string().nullable(),
});
export type GroupRemoval = z.infer<typeof groupRemovalSchema>;
export const groupRemovalListSchema = z.object({
  items: z.array(groupRemovalSchema),
  open: z.number().int().nonnegative(),
});
export type GroupRemovalList = z.infer<typeof groupRemovalListSchema>;
export const groupTaskIdParamSchema = z.strictObject({ id: decimalIdSchema });

/** Staff are warned a day before a group's QR code expires. */
export const GroupNotifications = defineNotifications({
  group_code_expiring: {
    name: '群二维码即将失效',
    template: '群二维码到期提醒',
    fields: {
      groupName: { key: 'thing1', label: '群名称' },
      expiresAt: { key: 'time2', label: '到期时间' },
      note: { key: 'thing3', label: '备注', whenEmpty: '无' },
    },
  },
});
declare module '../notifications' {
  interface DeclaredNotifications {
    group_code_expiring: (typeof GroupNotifications)['group_code_expiring'];
  }
}
