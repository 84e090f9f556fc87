import { z } from 'zod';
import { defineAuditActions } from '../audit';
import { cursorPageQuery, decimalIdSchema, idSchema, pageOf } from '../common';
import { LEVEL_CODES, type LevelCode } from '../domain/levels';
import { defineErrorMessages, defineErrors } from '../errors';
import { levelCodeSchema } from '../membership';
import { defineNotifications } from '../notifications';
import { requestPaymentSchema } from '../payments';
import { defineStateMachine } from '../state-machine';

/**
 * Training and events: the handbook's 宣贯培训 and 标准化基础知识培训, the ITSS 会议周 with its
 * sub-forums, lectures, salons and forums between members, and the 委员代表大会. An event has one or
 * more sessions, each with its own time and capacity; people register for a session. Registration
 * opens to contacts of active member units first (a level may open earlier still), then to everyone,
 * and closes at `closesAt`. Seats are counted atomically; past capacity a registration waits in line,
 * and a freed seat is offered to the first in line in the same change that frees it.
 */

/** Member pages. */
export const EVENTS_PAGE = 'packages/events/pages/list/index';
/** One event (`?id=`): its sessions, seats left and the register button. */
export const EVENT_PAGE = 'packages/events/pages/detail/index';
/** 我的 → 活动: the caller's registrations and tickets. */
export const MY_EVENTS_PAGE = 'packages/events/pages/mine/index';
/** One registration (`?id=`): its ticket QR while confirmed, confirm / pay / cancel, certificate, survey. */
export const TICKET_PAGE = 'packages/events/pages/ticket/index';
/** Staff pages. */
export const EVENTS_STAFF_PAGE = 'packages/events/staff/list/index';
/** The editor (`?id=` to edit; none to create). */
export const EVENT_EDIT_STAFF_PAGE = 'packages/events/staff/edit/index';
/** Registrations of one event (`?id=`, `&sessionId=`). */
export const EVENT_REGISTRATIONS_STAFF_PAGE = 'packages/events/staff/registrations/index';
/** The check-in scanner (`?id=`). */
export const EVENT_SCANNER_STAFF_PAGE = 'packages/events/staff/scanner/index';
/** Statistics of one event (`?id=`). */
export const EVENT_STATS_STAFF_PAGE = 'packages/events/staff/stats/index';
/** 活动发票: the invoice requests of paid seats, and the issued PDF's upload. */
export const EVENT_INVOICES_STAFF_PAGE = 'packages/events/staff/invoices/index';

export const EVENT_KINDS = [
  'training',
  'foundation_training',
  'conference',
  'lecture',
  'salon',
  'forum',
  'assembly',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const eventKindSchema = z.enum(EVENT_KINDS, '请选择活动类型');
export const EVENT_KIND_NAMES: Record<EventKind, string> = {
  training: 'ITSS 宣贯培训',
  foundation_training: '标准化基础知识培训',
  conference: 'ITSS 会议周',
  lecture: '专题讲座',
  salon: '会员沙龙',
  forum: '论坛',
  assembly: '委员代表大会',
};
/** Kinds whose checked-in attendees receive a certificate of attendance (培训证明). */
export const TRAINING_KINDS: readonly EventKind[] = ['training', 'foundation_training'];
export const isTrainingKind = (kind: EventKind): boolean => TRAINING_KINDS.includes(kind);

/**
 * Who may register: everyone; contacts of active member units; or contacts of active units at 委员
 * level and above. Staff may register anyone at the door.
 */
export const EVENT_AUDIENCES = ['everyone', 'members', 'committee'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];
export const eventAudienceSchema = z.enum(EVENT_AUDIENCES, '请选择报名范围');
export const EVENT_AUDIENCE_NAMES: Record<EventAudience, string> = {
  everyone: '公开报名',
  members: '仅限会员单位',
  committee: '仅限委员及以上单位',
};

/**
 * Stored states: draft → published → cancelled; `closed` is what a published event is once
 * `closesAt` has passed (registration closed; check-in, certificates and the survey go on).
 */
export const EVENT_STATES = ['draft', 'published', 'closed', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];
export const eventStateSchema = z.enum(EVENT_STATES);
export const EVENT_STATE_NAMES: Record<EventState, string> = {
  draft: '草稿',
  published: '报名中',
  closed: '报名已截止',
  cancelled: '已取消',
};
export const EVENT_STATE_MACHINE = defineStateMachine<EventState>({
  draft: ['published'],
  published: ['closed', 'cancelled'],
  closed: ['cancelled'],
  cancelled: [],
});

/**
 * A registration's state. `confirmed` holds a seat and a ticket; `awaiting_payment` holds a seat for
 * PAYMENT_HOLD_MINUTES while a paid seat is being paid; `offered` holds a seat freed for the first on
 * the waiting list for `offerHours` (EVENT_OFFER_HOURS, default 24) until confirmed (and paid);
 * `waitlisted` holds none; `cancelled` is final. Checking in is `checkedInAt`, not a state.
 */
export const REGISTRATION_STATES = [
  'confirmed',
  'awaiting_payment',
  'offered',
  'waitlisted',
  'cancelled',
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];
export const registrationStateSchema = z.enum(REGISTRATION_STATES);
export const REGISTRATION_STATE_NAMES: Record<RegistrationState, string> = {
  confirmed: '报名成功',
  awaiting_payment: '待支付',
  offered: '候补到位，待确认',
  waitlisted: '候补中',
  cancelled: '已取消',
};
/** States that hold a seat: never more of them in a session than its capacity. */
export const SEAT_HOLDING_STATES: readonly RegistrationState[] = ['confirmed', 'awaiting_payment', 'offered'];
export const REGISTRATION_STATE_MACHINE = defineStateMachine<RegistrationState>({
  waitlisted: ['offered', 'cancelled'],
  offered: ['confirmed', 'awaiting_payment', 'waitlisted', 'cancelled'],
  awaiting_payment: ['confirmed', 'cancelled'],
  confirmed: ['cancelled'],
  cancelled: [],
});
/** A paid seat is held this long for its payment, then released to the waiting list. */
export const PAYMENT_HOLD_MINUTES = 30;
/** The default time an offered seat waits for its person (EVENT_OFFER_HOURS overrides). */
export const DEFAULT_OFFER_HOURS = 24;

/** The price lists: one per member level, and one for everyone else. 0 = free. */
export const PRICE_AUDIENCES = [...LEVEL_CODES, 'non_member'] as const;
export type PriceAudience = (typeof PRICE_AUDIENCES)[number];
export const PRICE_AUDIENCE_NAMES: Record<PriceAudience, string> = {
  member: '会员单位',
  committee: '委员单位',
  vice_president: '副会长单位',
  president: '会长单位',
  non_member: '非会员',
};
const fen = z
  .number('请填写价格（单位：分）')
  .int('价格应为整数分')
  .min(0, '价格不能为负')
  .max(100_000_000, '价格过高');
export const eventPricesSchema = z.strictObject({
  member: fen,
  committee: fen,
  vice_president: fen,
  president: fen,
  non_member: fen,
});
export type EventPrices = z.infer<typeof eventPricesSchema>;
export const FREE_PRICES: EventPrices = {
  member: 0,
  committee: 0,
  vice_president: 0,
  president: 0,
  non_member: 0,
};

export const PLACE_MODES = ['offline', 'online'] as const;
export type PlaceMode = (typeof PLACE_MODES)[number];
/** An address, or online with a 视频号 live link (a `channels://` id or an https page). */
export const eventPlaceSchema = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('offline'),
    address: z.string('请填写活动地址').trim().min(2, '请填写活动地址').max(120, '地址最多 120 个字'),
  }),
  z.strictObject({
    mode: z.literal('online'),
    liveUrl: z.string('请填写直播链接').trim().min(4, '请填写直播链接').max(300, '直播链接过长'),
  }),
]);
export type EventPlace = z.infer<typeof eventPlaceSchema>;

const datetime = z.iso.datetime({ offset: true, message: '时间格式无效' });
const title = z.string('请填写标题').trim().min(2, '标题至少 2 个字').max(60, '标题最多 60 个字');

export const SESSION_CAPACITY_MAX = 5000;
export const sessionInputSchema = z.strictObject({
  /** An existing session's id when editing; absent for a new session. */
  id: idSchema.optional(),
  title: z.string('请填写场次名称').trim().min(1, '请填写场次名称').max(40, '场次名称最多 40 个字'),
  startsAt: datetime,
  endsAt: datetime,
  capacity: z
    .number('请填写名额')
    .int('名额应为整数')
    .min(1, '名额至少 1 个')
    .max(SESSION_CAPACITY_MAX, `名额最多 ${SESSION_CAPACITY_MAX} 个`),
});
export type SessionInput = z.infer<typeof sessionInputSchema>;

/** The event body of `POST /api/events`; every field optional in `PATCH /api/events/:id`. */
const eventFields = {
  kind: eventKindSchema,
  title,
  /** One line for lists and share cards. */
  summary: z.string().trim().max(120, '摘要最多 120 个字').default(''),
  /** Rich text, sanitized as articles' bodies are. */
  description: z.string('请填写活动介绍').min(1, '请填写活动介绍').max(20_000, '活动介绍过长'),
  coverFileId: idSchema.nullable().optional(),
  place: eventPlaceSchema,
  startsAt: datetime,
  endsAt: datetime,
  /** Contacts of active member units may register from then on. */
  memberOpensAt: datetime,
  /** Earlier openings for some levels (e.g. 委员 a day before other members). */
  levelOpensAt: z.partialRecord(levelCodeSchema, datetime).default({}),
  /** Everyone may register from then on; null for an audience limited to members. */
  publicOpensAt: datetime.nullable(),
  closesAt: datetime,
  audience: eventAudienceSchema,
  prices: eventPricesSchema.default(FREE_PRICES),
  /** Cancelling a paid seat until this many days before the start refunds it in full; after, nothing. */
  refundFullUntilDays: z.number().int().min(0).max(90).default(3),
  /** Training hours printed on the certificate of attendance (学时). */
  hours: z.number().min(0).max(200).default(0),
  sessions: z.array(sessionInputSchema).min(1, '至少设置一个场次').max(20, '场次最多 20 个'),
};
export const eventCreateSchema = z.strictObject(eventFields);
export type EventCreate = z.input<typeof eventCreateSchema>;
export const eventUpdateSchema = z.strictObject({
  kind: eventFields.kind.optional(),
  title: eventFields.title.optional(),
  summary: z.string().trim().max(120, '摘要最多 120 个字').optional(),
  description: eventFields.description.optional(),
  coverFileId: eventFields.coverFileId,
  place: eventFields.place.optional(),
  startsAt: datetime.optional(),
  endsAt: datetime.optional(),
  memberOpensAt: datetime.optional(),
  levelOpensAt: z.partialRecord(levelCodeSchema, datetime).optional(),
  publicOpensAt: datetime.nullable().optional(),
  closesAt: datetime.optional(),
  audience: eventAudienceSchema.optional(),
  prices: eventPricesSchema.optional(),
  refundFullUntilDays: z.number().int().min(0).max(90).optional(),
  hours: z.number().min(0).max(200).optional(),
  /** The whole list: a session left out is removed (only while none of its registrations is live). */
  sessions: eventFields.sessions.optional(),
});
export type EventUpdate = z.input<typeof eventUpdateSchema>;
/** `POST /api/events/:id/cancel`: the reason every registrant is told. */
export const eventCancelSchema = z.strictObject({
  reason: z.string('请填写取消原因').trim().min(2, '请填写取消原因').max(80, '取消原因最多 80 个字'),
});

export const eventIdParamSchema = z.strictObject({ id: decimalIdSchema });
/** `GET /api/events/covers/:fileId`: an event's cover, served without a session once the event is out. */
export const eventCoverParamSchema = z.strictObject({ fileId: decimalIdSchema });
/** Where an event's cover is read (the teaser's `coverUrl`): anyone, for a published, closed or cancelled event. */
export const eventCoverUrl = (fileId: number): string => `/api/events/covers/${fileId}`;
export const registrationIdParamSchema = z.strictObject({ id: decimalIdSchema });

export const eventSessionSchema = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  capacity: z.number().int(),
  /** Seats held (confirmed, awaiting payment, offered). */
  taken: z.number().int(),
  seatsLeft: z.number().int(),
  waitlisted: z.number().int(),
});
export type EventSession = z.infer<typeof eventSessionSchema>;

/** Where registration stands for the caller: open, or why not and from when. */
export const REGISTRATION_WINDOW_STATES = ['open', 'not_yet', 'closed', 'not_eligible', 'cancelled'] as const;
export type RegistrationWindowState = (typeof REGISTRATION_WINDOW_STATES)[number];
export const registrationWindowSchema = z.object({
  state: z.enum(REGISTRATION_WINDOW_STATES),
  /** When it opens for the caller (not_yet), or null. */
  opensAt: z.iso.datetime().nullable(),
  /** What the register button says when it is not open, in Chinese. */
  text: z.string(),
});
export type RegistrationWindow = z.infer<typeof registrationWindowSchema>;

/** The public teaser of `GET /api/events` and the head of the detail. */
export const eventSummarySchema = z.object({
  id: z.number().int().positive(),
  kind: eventKindSchema,
  title: z.string(),
  summary: z.string(),
  coverUrl: z.string().nullable(),
  place: eventPlaceSchema,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  memberOpensAt: z.iso.datetime(),
  publicOpensAt: z.iso.datetime().nullable(),
  closesAt: z.iso.datetime(),
  audience: eventAudienceSchema,
  state: eventStateSchema,
  /** Members may register before the public: shown as 会员优先. */
  membersFirst: z.boolean(),
  /** The lowest and highest price in fen (0 and 0: free). */
  priceFromFen: z.number().int(),
  priceToFen: z.number().int(),
  seatsLeft: z.number().int(),
});
export type EventSummary = z.infer<typeof eventSummarySchema>;

/** `GET /api/events/:id`: the event for the caller, with their window, price and registrations. */
export const eventDetailSchema = eventSummarySchema.extend({
  description: z.string(),
  levelOpensAt: z.partialRecord(levelCodeSchema, z.iso.datetime()),
  prices: eventPricesSchema,
  refundFullUntilDays: z.number().int(),
  hours: z.number(),
  sessions: z.array(eventSessionSchema),
  /** The caller's window (anonymous: as a visitor). */
  window: registrationWindowSchema,
  /** What the caller would pay for one seat, in fen. */
  myPriceFen: z.number().int(),
  /** The caller's live (not cancelled) registrations of this event. */
  myRegistrationIds: z.array(z.number().int().positive()),
  /** Staff only: created, published, and the counts the list does not show. */
  cancelReason: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;

/** `GET /api/events`: published events (staff: `state=draft|…` too), soonest first. */
export const eventListQuerySchema = z.strictObject({
  /** Events that end on or after this date (YYYY-MM-DD); default today. */
  from: z.iso.date('日期格式应为 YYYY-MM-DD').optional(),
  kind: eventKindSchema.optional(),
  /** Staff only: filter by state; others always see published, closed and cancelled. */
  state: eventStateSchema.optional(),
  ...cursorPageQuery({ max: 50 }),
});
export const eventPageSchema = pageOf(eventSummarySchema);
export type EventPage = z.infer<typeof eventPageSchema>;

const personName = z.string('请填写姓名').trim().min(2, '请填写姓名').max(20, '姓名最多 20 个字');
/** `POST /api/events/:id/registrations`: the caller registers themself for a session. */
export const registrationCreateSchema = z.strictObject({
  sessionId: idSchema,
  name: personName,
  unitName: z.string().trim().max(60, '单位名称最多 60 个字').optional(),
  /** 职务. */
  title: z.string().trim().max(30, '职务最多 30 个字').optional(),
});
export type RegistrationCreate = z.input<typeof registrationCreateSchema>;
export const registrationCreatedSchema = z.object({
  id: z.number().int().positive(),
  state: registrationStateSchema,
  /** 1-based place on the waiting list, when waitlisted. */
  position: z.number().int().positive().optional(),
});
export type RegistrationCreated = z.infer<typeof registrationCreatedSchema>;

/**
 * `POST /api/events/:id/bookings`: a unit's primary contact books `seats` seats of a session for the
 * unit at once (one bill, one payment), naming the attendees later until `closesAt`. All or none: a
 * booking larger than the seats left is refused (the rest may join the waiting list one by one).
 */
export const BOOKING_SEATS_MAX = 50;
export const bookingCreateSchema = z.strictObject({
  sessionId: idSchema,
  unitId: idSchema,
  seats: z
    .number('请填写人数')
    .int('人数应为整数')
    .min(1, '至少 1 人')
    .max(BOOKING_SEATS_MAX, `一次最多预订 ${BOOKING_SEATS_MAX} 个名额`),
});
export type BookingCreate = z.infer<typeof bookingCreateSchema>;
export const bookingCreatedSchema = z.object({
  bookingId: z.number().int().positive(),
  registrationIds: z.array(z.number().int().positive()),
  state: z.enum(['confirmed', 'awaiting_payment']),
});
export type BookingCreated = z.infer<typeof bookingCreatedSchema>;
export const bookingIdParamSchema = z.strictObject({ id: decimalIdSchema });
/** `PATCH /api/registrations/:id/attendee`: the booker names a booked seat's attendee. */
export const attendeeSchema = z.strictObject({
  name: personName,
  title: z.string().trim().max(30, '职务最多 30 个字').optional(),
  /** The attendee's mobile, for the door; stored, shown masked. */
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写正确的手机号')
    .optional(),
});
export type Attendee = z.infer<typeof attendeeSchema>;

/** `POST /api/registrations/:id/invoice-request`: a VAT invoice (发票) title, as WeChat's 发票抬头. */
export const invoiceRequestSchema = z.strictObject({
  title: z.string('请填写发票抬头').trim().min(2, '请填写发票抬头').max(100, '发票抬头最多 100 个字'),
  taxNumber: z
    .string()
    .trim()
    .regex(/^[0-9A-Z]{15,20}$/, '纳税人识别号应为 15–20 位数字或大写字母')
    .optional(),
});
export type InvoiceRequest = z.infer<typeof invoiceRequestSchema>;
/** `POST /api/registrations/:id/invoice` (staff): the issued invoice PDF and its number. */
export const invoiceIssueSchema = z.strictObject({
  fileId: idSchema,
  number: z.string('请填写发票号码').trim().min(4, '请填写发票号码').max(40, '发票号码最多 40 个字符'),
});
export const registrationInvoiceSchema = z.object({
  status: z.enum(['requested', 'issued']),
  title: z.string(),
  taxNumber: z.string().nullable(),
  number: z.string().nullable(),
  /** The issued PDF, for the registration's owner and staff. */
  url: z.string().nullable(),
  requestedAt: z.iso.datetime(),
  issuedAt: z.iso.datetime().nullable(),
});

export type RegistrationInvoice = z.infer<typeof registrationInvoiceSchema>;
/** `GET /api/events/invoice-requests?status=` (staff): paid registrations whose invoice was asked for, newest first. */
export const invoiceRequestQuerySchema = z.strictObject({
  status: z.enum(['requested', 'issued']).optional(),
  ...cursorPageQuery({ max: 100, defaultLimit: 50 }),
});
export const invoiceRequestItemSchema = z.object({
  registrationId: z.number().int().positive(),
  eventId: z.number().int().positive(),
  eventTitle: z.string(),
  name: z.string().nullable(),
  unitName: z.string().nullable(),
  priceFen: z.number().int(),
  invoice: registrationInvoiceSchema,
});
export const invoiceRequestPageSchema = pageOf(invoiceRequestItemSchema);
export type InvoiceRequestPage = z.infer<typeof invoiceRequestPageSchema>;
/** `PATCH /api/registrations/:id/attendee` → the seat as named. */
export const attendeeNamedSchema = z.object({
  id: z.number().int().positive(),
  bookingId: z.number().int().positive(),
  name: z.string(),
  title: z.string().nullable(),
  phoneMasked: z.string().nullable(),
});
export type AttendeeNamed = z.infer<typeof attendeeNamedSchema>;

/**
 * A ticket code: `<registration id in base36>.<16 base64url characters of HMAC-SHA256>` under the
 * server's ticket secret, so a guessed or altered code is recognised as forged without a lookup.
 */
export const TICKET_CODE_PATTERN = /^[0-9a-z]{1,10}\.[A-Za-z0-9_-]{16}$/;

export const registrationSchema = z.object({
  id: z.number().int().positive(),
  eventId: z.number().int().positive(),
  eventTitle: z.string(),
  eventKind: eventKindSchema,
  eventState: eventStateSchema,
  place: eventPlaceSchema,
  sessionId: z.number().int().positive(),
  sessionTitle: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  state: registrationStateSchema,
  /** Waiting-list place (1-based) while waitlisted. */
  position: z.number().int().positive().nullable(),
  /** Until when an offered seat, or a seat awaiting payment, is held. */
  holdExpiresAt: z.iso.datetime().nullable(),
  /** null for a booked seat whose attendee is not named yet. */
  name: z.string().nullable(),
  unitName: z.string().nullable(),
  title: z.string().nullable(),
  /** Staff see the attendee's phone masked; never in full. */
  phoneMasked: z.string().nullable(),
  /** Set when a unit booked the seat. */
  bookingId: z.number().int().positive().nullable(),
  priceFen: z.number().int(),
  paidFen: z.number().int(),
  /** The payment to sync or refund, if any. */
  paymentId: z.number().int().positive().nullable(),
  /** Only while confirmed, and only to the registration's owner (and staff). */
  ticketCode: z.string().nullable(),
  checkedInAt: z.iso.datetime().nullable(),
  invoice: registrationInvoiceSchema.nullable(),
  /** Checked in at a training: the certificate of attendance can be downloaded. */
  certificateAvailable: z.boolean(),
  /** The survey is open to the caller (checked in, not yet answered). */
  surveyOpen: z.boolean(),
  /** What a cancellation now would refund, in fen (by the event's rule). */
  refundOnCancelFen: z.number().int(),
  createdAt: z.iso.datetime(),
});
export type Registration = z.infer<typeof registrationSchema>;
export const registrationListSchema = z.object({ items: z.array(registrationSchema) });
export type RegistrationList = z.infer<typeof registrationListSchema>;

/** `GET /api/events/:id/registrations` (staff). */
export const STAFF_REGISTRATION_FILTERS = [...REGISTRATION_STATES, 'checked_in'] as const;
export const staffRegistrationQuerySchema = z.strictObject({
  sessionId: decimalIdSchema.optional(),
  state: z.enum(STAFF_REGISTRATION_FILTERS).optional(),
  ...cursorPageQuery({ max: 100, defaultLimit: 50 }),
});
export const registrationPageSchema = pageOf(registrationSchema);
export type RegistrationPage = z.infer<typeof registrationPageSchema>;

/** `POST /api/registrations/:id/confirm`: an offered seat taken (free), or its payment order (paid). */
export const registrationConfirmResultSchema = z.object({
  state: registrationStateSchema,
  /** For a paid seat: the WeChat Pay order to pay with `Taro.requestPayment`, then sync. */
  order: z
    .object({
      paymentId: z.number().int().positive(),
      amountFen: z.number().int().positive(),
      expiresAt: z.iso.datetime(),
      requestPayment: requestPaymentSchema,
    })
    .nullable(),
});
export type RegistrationConfirmResult = z.infer<typeof registrationConfirmResultSchema>;
/** `POST /api/registrations/:id/cancel` → the registration after, and what is refunded. */
export const registrationCancelResultSchema = z.object({
  state: z.literal('cancelled'),
  refundFen: z.number().int(),
});

/** `POST /api/events/:id/check-ins`: every scan is answered with a result; only a malformed body is 400. */
export const checkInSchema = z.strictObject({
  ticketCode: z.string('请扫描或输入票码').trim().min(1, '请扫描或输入票码').max(100, '票码过长'),
  /** The scanner's own id of the scan, so a queued scan sent twice counts once. */
  scanId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
});
export type CheckIn = z.infer<typeof checkInSchema>;
export const CHECK_IN_RESULTS = [
  'checked_in',
  'already_checked_in',
  'wrong_event',
  'cancelled',
  'not_confirmed',
  'unknown',
] as const;
export type CheckInResult = (typeof CHECK_IN_RESULTS)[number];
export const CHECK_IN_RESULT_TEXTS: Record<CheckInResult, string> = {
  checked_in: '签到成功',
  already_checked_in: '已签到过',
  wrong_event: '不是本活动的票',
  cancelled: '该报名已取消',
  not_confirmed: '该报名尚未确认',
  unknown: '无效票码',
};
export const checkInResponseSchema = z.object({
  result: z.enum(CHECK_IN_RESULTS),
  /** The (first) check-in time. */
  checkedInAt: z.iso.datetime().optional(),
  name: z.string().optional(),
  sessionTitle: z.string().optional(),
  /** Checked in so far in the event. */
  checkedInCount: z.number().int(),
});
export type CheckInResponse = z.infer<typeof checkInResponseSchema>;
/** `POST /api/events/:id/walk-ins` (staff): registered and checked in at the door. */
export const walkInSchema = z.strictObject({
  sessionId: idSchema,
  name: personName,
  unitName: z.string().trim().max(60, '单位名称最多 60 个字').optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写正确的手机号')
    .optional(),
});

/** `POST /api/registrations/:id/survey`: attendees rate the event 1–5, with an optional comment. */
export const surveyAnswerSchema = z.strictObject({
  rating: z.number('请打分').int('请打分').min(1, '评分为 1–5 分').max(5, '评分为 1–5 分'),
  comment: z.string().trim().max(300, '意见最多 300 个字').default(''),
});
export type SurveyAnswer = z.input<typeof surveyAnswerSchema>;

/** `POST /api/events/:id/materials` (staff) and `GET /api/events/:id/materials` (registrants, staff). */
export const materialCreateSchema = z.strictObject({
  fileId: idSchema,
  title: z.string('请填写资料名称').trim().min(1, '请填写资料名称').max(60, '资料名称最多 60 个字'),
});
export const materialSchema = z.object({
  id: z.number().int().positive(),
  title: z.string(),
  url: z.string(),
  sizeBytes: z.number().int(),
  createdAt: z.iso.datetime(),
});
export const materialListSchema = z.object({ items: z.array(materialSchema) });
export type Material = z.infer<typeof materialSchema>;

/** `GET /api/events/:id/stats` (staff). */
export const eventStatsSchema = z.object({
  registered: z.number().int(),
  confirmed: z.number().int(),
  awaitingPayment: z.number().int(),
  offered: z.number().int(),
  waitlisted: z.number().int(),
  cancelled: z.number().int(),
  attended: z.number().int(),
  /** Confirmed and not checked in, once the event has ended (0 before). */
  noShows: z.number().int(),
  /** Confirmed registrations by the registrant's unit level at the time (non_member for others). */
  byAudience: z.array(
    z.object({ audience: z.enum(PRICE_AUDIENCES), confirmed: z.number().int(), attended: z.number().int() }),
  ),
  sessions: z.array(
    z.object({
      sessionId: z.number().int(),
      title: z.string(),
      capacity: z.number().int(),
      confirmed: z.number().int(),
      attended: z.number().int(),
      waitlisted: z.number().int(),
    }),
  ),
  survey: z.object({
    answers: z.number().int(),
    average: z.number().nullable(),
    histogram: z.array(z.number().int()).length(5),
  }),
  paidFen: z.number().int(),
  refundedFen: z.number().int(),
});
export type EventStats = z.infer<typeof eventStatsSchema>;

/**
 * The certificate of attendance (培训证明): the membership certificate's code and public verification
 * page, a second kind of the same mechanism. `GET /api/registrations/:id/certificate(.pdf)`.
 */
export const attendanceCertificateSchema = z.object({
  code: z.string(),
  number: z.string(),
  name: z.string(),
  eventTitle: z.string(),
  /** The session's day, YYYY-MM-DD. */
  attendedOn: z.iso.date(),
  hours: z.number(),
  verifyUrl: z.string(),
  issuedAt: z.iso.datetime(),
});
export type AttendanceCertificate = z.infer<typeof attendanceCertificateSchema>;

/** The price for an audience, and the audience of a unit level (null: no active member unit). */
export function priceFor(prices: EventPrices, level: LevelCode | null): number {
  return prices[level ?? 'non_member'];
}

/**
 * When registration opens for a caller: the earliest of their level's opening, the members' opening
 * (contacts of active units) and the public opening; null when it never opens for them.
 */
export function opensAtFor(
  event: {
    memberOpensAt: string;
    levelOpensAt: Partial<Record<LevelCode, string>>;
    publicOpensAt: string | null;
  },
  level: LevelCode | null,
): string | null {
  const times = [event.publicOpensAt];
  if (level) times.push(event.memberOpensAt, event.levelOpensAt[level] ?? null);
  const set = times.filter((time): time is string => time !== null).map((time) => Date.parse(time));
  return set.length ? new Date(Math.min(...set)).toISOString() : null;
}

export const EventError = defineErrors({
  NotFound: { code: 'EVENT_NOT_FOUND', status: 404, message: '未找到该活动，可能已被删除' },
  /** Times out of order: start before end, opening before closing, closing before the end. */
  BadTimes: {
    code: 'EVENT_BAD_TIMES',
    status: 400,
    message: '时间设置有误：开始应早于结束，会员报名应不晚于公开报名，报名截止应不晚于活动结束',
  },
  /** A members-only audience with a public opening, or an everyone audience without one. */
  BadAudience: {
    code: 'EVENT_BAD_AUDIENCE',
    status: 400,
    message: '公开报名的活动需设置公开报名时间；仅限会员的活动不设公开报名时间',
  },
  /** Publish or cancel from a state that does not allow it. */
  WrongState: { code: 'EVENT_WRONG_STATE', status: 409, message: '活动当前状态不允许该操作，请刷新后重试' },
  /** A session's capacity below the seats already held. */
  CapacityBelowTaken: {
    code: 'EVENT_CAPACITY_BELOW_TAKEN',
    status: 409,
    message: '名额不能少于已报名（含待支付、待确认）的人数',
  },
  /** Removing a session that still has live registrations. */
  SessionInUse: {
    code: 'EVENT_SESSION_IN_USE',
    status: 409,
    message: '该场次已有报名，不能删除，可先取消报名或取消活动',
  },
  /** The cover is not the caller's upload of an image. */
  CoverUnusable: { code: 'EVENT_COVER_UNUSABLE', status: 400, message: '封面图片无效，请重新上传' },
  MaterialNotPdf: { code: 'EVENT_MATERIAL_NOT_PDF', status: 415, message: '活动资料请上传 PDF 文件' },
  /** A file id that is unknown, another person's upload, or owned by another record. */
  MaterialFileUnusable: {
    code: 'EVENT_MATERIAL_FILE_UNUSABLE',
    status: 400,
    message: '资料文件无效，请重新上传',
  },
});

export const RegistrationError = defineErrors({
  NotFound: { code: 'REGISTRATION_NOT_FOUND', status: 404, message: '未找到该报名记录' },
  SessionNotFound: {
    code: 'REGISTRATION_SESSION_NOT_FOUND',
    status: 404,
    message: '未找到该场次，请刷新活动后重试',
  },
  /** Before the window opens for the caller: the message names the time (details.opensAt). */
  NotOpenYet: { code: 'REGISTRATION_NOT_OPEN_YET', status: 403, message: '报名尚未开始' },
  Closed: { code: 'REGISTRATION_CLOSED', status: 403, message: '报名已截止' },
  /** A members-only (or 委员 and above) event, and the caller is not a contact of such a unit. */
  NotEligible: {
    code: 'REGISTRATION_NOT_ELIGIBLE',
    status: 403,
    message: '本活动仅限会员单位报名，请先加入分会或联系单位管理员',
  },
  EventCancelled: { code: 'REGISTRATION_EVENT_CANCELLED', status: 409, message: '该活动已取消' },
  /** One registration per person per session. */
  Duplicate: { code: 'REGISTRATION_DUPLICATE', status: 409, message: '您已报名该场次，请在“我的活动”中查看' },
  PhoneRequired: { code: 'REGISTRATION_PHONE_REQUIRED', status: 400, message: '请先绑定手机号再报名' },
  /** Confirm of a registration that is not offered (or awaiting payment). */
  NothingToConfirm: {
    code: 'REGISTRATION_NOTHING_TO_CONFIRM',
    status: 409,
    message: '该报名无需确认，请刷新后查看',
  },
  /** The offer or payment hold ran out before the confirmation. */
  HoldExpired: {
    code: 'REGISTRATION_HOLD_EXPIRED',
    status: 409,
    message: '名额保留已过期，已顺延给下一位候补，您可重新报名',
  },
  /** Cancel after `closesAt`, or of a cancelled registration. */
  CannotCancel: {
    code: 'REGISTRATION_CANNOT_CANCEL',
    status: 409,
    message: '报名截止后不能在线取消，请联系会员服务部',
  },
  /** A booking larger than the seats left. */
  NotEnoughSeats: {
    code: 'REGISTRATION_NOT_ENOUGH_SEATS',
    status: 409,
    message: '剩余名额不足，请减少人数或逐个报名候补',
  },
  /** Bookings are for the unit's primary contact of an active unit. */
  NotPrimaryContact: {
    code: 'REGISTRATION_NOT_PRIMARY_CONTACT',
    status: 403,
    message: '只有单位管理员可以为单位预订名额',
  },
  /** Naming an attendee on a seat that was not booked, or after closesAt. */
  NotBooked: {
    code: 'REGISTRATION_NOT_BOOKED',
    status: 409,
    message: '只能为单位预订的名额填写参会人，且须在报名截止前',
  },
  InvoiceNotPaid: { code: 'REGISTRATION_INVOICE_NOT_PAID', status: 409, message: '支付完成后才能申请发票' },
  InvoiceAlreadyRequested: {
    code: 'REGISTRATION_INVOICE_REQUESTED',
    status: 409,
    message: '已申请过发票，请勿重复申请',
  },
  InvoiceNotRequested: {
    code: 'REGISTRATION_INVOICE_NOT_REQUESTED',
    status: 409,
    message: '该报名尚未申请发票',
  },
  InvoiceAlreadyIssued: {
    code: 'REGISTRATION_INVOICE_ISSUED',
    status: 409,
    message: '发票已开具，如需更换请联系会员服务部',
  },
  /** The issued invoice is not the caller's upload of a PDF. */
  InvoiceFileUnusable: {
    code: 'REGISTRATION_INVOICE_FILE_UNUSABLE',
    status: 400,
    message: '发票文件无效，请上传 PDF 文件',
  },
  /** Certificate of attendance: trainings only, checked-in attendees only. */
  NoCertificate: {
    code: 'REGISTRATION_NO_CERTIFICATE',
    status: 409,
    message: '签到参加培训后才能下载培训证明',
  },
  /** Survey of someone not checked in, or answered twice. */
  SurveyClosed: {
    code: 'REGISTRATION_SURVEY_CLOSED',
    status: 409,
    message: '签到参加活动后可填写一次满意度评价',
  },
});

/** NotOpenYet naming when registration opens for the caller (Beijing time, `YYYY-MM-DD HH:mm`). */
export const RegistrationErrorMessage = defineErrorMessages({
  NotOpenYetAt: {
    code: RegistrationError.NotOpenYet,
    message: (beijingTime: string) => `报名尚未开始，将于 ${beijingTime}（北京时间）开放报名`,
  },
});

export const EVENTS_AUDIT_ACTIONS = defineAuditActions({
  'event.created': '创建活动',
  'event.updated': '修改活动',
  'event.published': '发布活动',
  'event.cancelled': '取消活动',
  'event.material_added': '上传活动资料',
  'registration.walk_in': '现场报名',
  'registration.checked_in': '活动签到',
  'registration.invoice_issued': '开具活动发票',
  'registration.cancelled_by_staff': '取消报名',
});

/**
 * Registrants hear of a reminder a day before their session, of a seat offered to them from the
 * waiting list, and of an event's cancellation (消息 always; WeChat where they subscribed).
 */
export const EventNotifications = defineNotifications({
  event_reminder: {
    name: '活动开始提醒',
    template: '活动开始提醒',
    fields: {
      eventTitle: { key: 'thing1', label: '活动名称' },
      startsAt: { key: 'time2', label: '开始时间' },
      place: { key: 'thing3', label: '活动地点' },
    },
  },
  event_seat_offered: {
    name: '候补名额到位通知',
    template: '候补成功通知',
    fields: {
      eventTitle: { key: 'thing1', label: '活动名称' },
      sessionTitle: { key: 'thing2', label: '场次' },
      deadline: { key: 'time3', label: '确认截止时间' },
    },
  },
  event_cancelled: {
    name: '活动取消通知',
    template: '活动取消通知',
    fields: {
      eventTitle: { key: 'thing1', label: '活动名称' },
      reason: { key: 'thing2', label: '取消原因' },
      at: { key: 'time3', label: '取消时间' },
    },
  },
});
declare module '../notifications' {
  interface DeclaredNotifications {
    event_reminder: (typeof EventNotifications)['event_reminder'];
    event_seat_offered: (typeof EventNotifications)['event_seat_offered'];
    event_cancelled: (typeof EventNotifications)['event_cancelled'];
  }
}

/** The columns of `GET /api/events/:id/registrations.xlsx` (staff). */
export const EVENT_EXPORT_COLUMNS = [
  '姓名',
  '单位',
  '职务',
  '手机号',
  '场次',
  '状态',
  '签到时间',
  '金额（元）',
] as const;
