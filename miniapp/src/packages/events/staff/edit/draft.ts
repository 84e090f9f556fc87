import {
  LEVEL_CODES,
  PRICE_AUDIENCES,
  eventCreateSchema,
  parseYuanToFen,
  type EventAudience,
  type EventCreate,
  type EventDetail,
  type EventKind,
  type LevelCode,
  type PlaceMode,
  type PriceAudience,
} from '@itss/shared';
import { keyBlocks, type EditorBlock } from '@/components/article-editor';
import { blocksToHtml, htmlToBlocks } from '@/components/article-editor/blocks';
import { fieldErrors, type FieldErrors } from '@/components/kit/form';
import {
  NO_DATE_TIME,
  dateTimeOf,
  isPicked,
  isoOf,
  type DateTime,
} from '@/packages/events/staff/components/date-time';

export interface SessionDraft {
  /** React's key: stable while sessions are added and removed. */
  key: string;
  /** The stored session's id; absent for a new one. */
  id?: number;
  title: string;
  /** Empty: the event's own start and end. */
  startsAt: DateTime;
  endsAt: DateTime;
  capacity: string;
  /** Seats already held (confirmed, awaiting payment, offered): the least the capacity may be. */
  taken: number;
}

/** The event as the form holds it while staff edit: times as picked, prices in yuan as typed. */
export interface Draft {
  kind: EventKind | undefined;
  title: string;
  summary: string;
  blocks: EditorBlock[];
  /** The cover on the page: its file id once uploaded here (null: the stored one, unknown to the form). */
  cover: { fileId: number | null; url: string | null; name: string } | null;
  /** Whether the cover was uploaded or removed here: only then is it sent. */
  coverChanged: boolean;
  placeMode: PlaceMode;
  address: string;
  liveUrl: string;
  startsAt: DateTime;
  endsAt: DateTime;
  audience: EventAudience;
  memberOpensAt: DateTime;
  levelOpensAt: Record<LevelCode, DateTime>;
  publicOpensAt: DateTime;
  closesAt: DateTime;
  prices: Record<PriceAudience, string>;
  refundFullUntilDays: string;
  hours: string;
  sessions: SessionDraft[];
}

let sessionKeys = 0;
const nextKey = () => `session-${(sessionKeys += 1)}`;

export function newSession(title = ''): SessionDraft {
  return { key: nextKey(), title, startsAt: NO_DATE_TIME, endsAt: NO_DATE_TIME, capacity: '', taken: 0 };
}

const yuanText = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

const noLevelTimes = (): Record<LevelCode, DateTime> =>
  Object.fromEntries(LEVEL_CODES.map((code) => [code, NO_DATE_TIME])) as Record<LevelCode, DateTime>;

export function draftOf(event: EventDetail | null): Draft {
  if (!event)
    return {
      kind: undefined,
      title: '',
      summary: '',
      blocks: keyBlocks([{ kind: 'paragraph', text: '' }]),
      cover: null,
      coverChanged: false,
      placeMode: 'offline',
      address: '',
      liveUrl: '',
      startsAt: NO_DATE_TIME,
      endsAt: NO_DATE_TIME,
      audience: 'everyone',
      memberOpensAt: NO_DATE_TIME,
      levelOpensAt: noLevelTimes(),
      publicOpensAt: NO_DATE_TIME,
      closesAt: NO_DATE_TIME,
      prices: Object.fromEntries(PRICE_AUDIENCES.map((audience) => [audience, '0'])) as Record<
        PriceAudience,
        string
      >,
      refundFullUntilDays: '3',
      hours: '0',
      sessions: [newSession('全天')],
    };
  const levelOpensAt = noLevelTimes();
  for (const code of LEVEL_CODES) levelOpensAt[code] = dateTimeOf(event.levelOpensAt[code]);
  return {
    kind: event.kind,
    title: event.title,
    summary: event.summary,
    blocks: keyBlocks(htmlToBlocks(event.description)),
    cover: event.coverUrl ? { fileId: null, url: event.coverUrl, name: '当前封面' } : null,
    coverChanged: false,
    placeMode: event.place.mode,
    address: event.place.mode === 'offline' ? event.place.address : '',
    liveUrl: event.place.mode === 'online' ? event.place.liveUrl : '',
    startsAt: dateTimeOf(event.startsAt),
    endsAt: dateTimeOf(event.endsAt),
    audience: event.audience,
    memberOpensAt: dateTimeOf(event.memberOpensAt),
    levelOpensAt,
    publicOpensAt: dateTimeOf(event.publicOpensAt),
    closesAt: dateTimeOf(event.closesAt),
    prices: Object.fromEntries(
      PRICE_AUDIENCES.map((audience) => [audience, yuanText(event.prices[audience])]),
    ) as Record<PriceAudience, string>,
    refundFullUntilDays: String(event.refundFullUntilDays),
    hours: String(event.hours),
    sessions: event.sessions.map((session) => ({
      key: nextKey(),
      id: session.id,
      title: session.title,
      startsAt: dateTimeOf(session.startsAt),
      endsAt: dateTimeOf(session.endsAt),
      capacity: String(session.capacity),
      taken: session.taken,
    })),
  };
}

const PICK_TIME = '请选择日期和时间';
const TIME_FIELDS = ['startsAt', 'endsAt', 'memberOpensAt', 'closesAt'] as const;

/** A number typed into a field: NaN when it is not one, so the schema names the field. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

export type Checked = { ok: true; body: EventCreate } | { ok: false; errors: FieldErrors };

/**
 * The form as the contract's body, checked on the device with the contract's schema and the
 * orderings the server refuses (EventError.BadTimes, BadAudience), each message beside its field.
 */
export function checkDraft(draft: Draft): Checked {
  const errors: FieldErrors = {};
  const prices: Partial<Record<PriceAudience, number>> = {};
  for (const audience of PRICE_AUDIENCES) {
    const fen = parseYuanToFen(draft.prices[audience]);
    if (fen === null) errors[`prices.${audience}`] = '请填写金额（元），最多两位小数';
    else prices[audience] = fen;
  }
  const levelOpensAt: Partial<Record<LevelCode, string>> = {};
  for (const code of LEVEL_CODES) {
    const iso = isoOf(draft.levelOpensAt[code]);
    if (iso) levelOpensAt[code] = iso;
  }
  const startsAt = isoOf(draft.startsAt);
  const endsAt = isoOf(draft.endsAt);
  const body = {
    kind: draft.kind,
    title: draft.title,
    summary: draft.summary,
    description: blocksToHtml(draft.blocks.map((item) => item.block)),
    ...(draft.coverChanged ? { coverFileId: draft.cover?.fileId ?? null } : {}),
    place:
      draft.placeMode === 'offline'
        ? { mode: 'offline', address: draft.address }
        : { mode: 'online', liveUrl: draft.liveUrl },
    startsAt,
    endsAt,
    memberOpensAt: isoOf(draft.memberOpensAt),
    levelOpensAt,
    publicOpensAt: draft.audience === 'everyone' ? (isoOf(draft.publicOpensAt) ?? '') : null,
    closesAt: isoOf(draft.closesAt),
    audience: draft.audience,
    prices,
    refundFullUntilDays: numberOf(draft.refundFullUntilDays),
    hours: numberOf(draft.hours),
    sessions: draft.sessions.map((session) => ({
      ...(session.id ? { id: session.id } : {}),
      title: session.title,
      // A session left without times runs as long as the event.
      startsAt: isoOf(session.startsAt) ?? startsAt,
      endsAt: isoOf(session.endsAt) ?? endsAt,
      capacity: numberOf(session.capacity),
    })),
  };
  const parsed = eventCreateSchema.safeParse(body);
  if (!parsed.success) Object.assign(errors, { ...fieldErrors(parsed.error.issues, 3), ...errors });
  // The schema's message for a time not picked is about its format: say what to do instead.
  for (const field of TIME_FIELDS) if (!isPicked(draft[field])) errors[field] = PICK_TIME;
  if (draft.audience === 'everyone' && !isPicked(draft.publicOpensAt))
    errors.publicOpensAt = '公开报名的活动请选择公开报名时间';
  // The contract gives these two no messages of its own.
  const days = body.refundFullUntilDays;
  if (!Number.isInteger(days) || days < 0 || days > 90) errors.refundFullUntilDays = '请填写 0–90 的整数天数';
  else delete errors.refundFullUntilDays;
  if (!(body.hours >= 0 && body.hours <= 200)) errors.hours = '学时应为 0–200 之间的数字';
  else delete errors.hours;
  addOrderErrors(draft, errors);
  draft.sessions.forEach((session, index) => {
    // A session without times follows the event: its times' messages are the event's.
    if (!isPicked(session.startsAt) && !isPicked(session.endsAt)) {
      delete errors[`sessions.${index}.startsAt`];
      delete errors[`sessions.${index}.endsAt`];
    }
    const capacity = numberOf(session.capacity);
    if (session.taken > 0 && capacity < session.taken)
      errors[`sessions.${index}.capacity`] ??= `已有 ${session.taken} 人占用名额，名额不能少于此数`;
    if (isPicked(session.startsAt) !== isPicked(session.endsAt))
      errors[`sessions.${index}.startsAt`] ??= '请同时选择场次的开始和结束时间，或都留空';
  });
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, body: parsed.data };
}

const at = (value: DateTime) => (isPicked(value) ? Date.parse(isoOf(value) ?? '') : null);

/** Times out of order, beside the later field. */
function addOrderErrors(draft: Draft, errors: FieldErrors): void {
  const starts = at(draft.startsAt);
  const ends = at(draft.endsAt);
  const memberOpens = at(draft.memberOpensAt);
  const publicOpens = draft.audience === 'everyone' ? at(draft.publicOpensAt) : null;
  const closes = at(draft.closesAt);
  if (starts !== null && ends !== null && ends <= starts) errors.endsAt ??= '结束时间应晚于开始时间';
  if (memberOpens !== null && publicOpens !== null && publicOpens < memberOpens)
    errors.publicOpensAt ??= '公开报名不应早于会员报名';
  if (memberOpens !== null && closes !== null && closes <= memberOpens)
    errors.closesAt ??= '报名截止应晚于会员报名开始';
  if (closes !== null && ends !== null && closes > ends) errors.closesAt ??= '报名截止不应晚于活动结束';
  for (const code of LEVEL_CODES) {
    const levelOpens = at(draft.levelOpensAt[code]);
    if (levelOpens !== null && memberOpens !== null && levelOpens > memberOpens)
      errors[`levelOpensAt.${code}`] ??= '提前报名时间应早于会员报名时间';
  }
  draft.sessions.forEach((session, index) => {
    const sessionStarts = at(session.startsAt);
    const sessionEnds = at(session.endsAt);
    if (sessionStarts !== null && sessionEnds !== null && sessionEnds <= sessionStarts)
      errors[`sessions.${index}.endsAt`] ??= '场次结束时间应晚于开始时间';
  });
}

/** Each part of the form and the contract's fields it fills, whose messages go once it is changed. */
export const FIELD_PATHS: Partial<Record<keyof Draft, string[]>> = {
  kind: ['kind'],
  title: ['title'],
  summary: ['summary'],
  blocks: ['description'],
  cover: ['coverFileId'],
  placeMode: ['place', 'place.address', 'place.liveUrl'],
  address: ['place', 'place.address'],
  liveUrl: ['place', 'place.liveUrl'],
  startsAt: ['startsAt'],
  endsAt: ['endsAt'],
  audience: ['audience', 'publicOpensAt'],
  memberOpensAt: ['memberOpensAt'],
  publicOpensAt: ['publicOpensAt'],
  closesAt: ['closesAt'],
  refundFullUntilDays: ['refundFullUntilDays'],
  hours: ['hours'],
};
