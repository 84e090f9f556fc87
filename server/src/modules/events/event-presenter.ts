import {
  type EventDetail,
  type EventPlace,
  type EventSession,
  type EventState,
  type EventSummary,
  type LevelCode,
  PRICE_AUDIENCES,
  type RegistrationWindow,
  opensAtFor,
  priceFor,
} from '@itss/shared';
import { beijingDateTime } from '../../common/time';
import type { EventSessionEntity } from './event-session.entity';
import type { EventEntity } from './event.entity';

/** Who is asking, as far as an event's window and price go. */
export interface Caller {
  /** The level of the caller's active member unit; null for everyone else. */
  level: LevelCode | null;
  staff: boolean;
}

/** A published event is `closed` once registration has closed; the stored state otherwise. */
export function eventStateOf(row: EventEntity, at: Date): EventState {
  if (row.state === 'published' && row.closesAt.getTime() <= at.getTime()) return 'closed';
  return row.state;
}

export function placeOf(row: EventEntity): EventPlace {
  return row.placeMode === 'online'
    ? { mode: 'online', liveUrl: row.placeText }
    : { mode: 'offline', address: row.placeText };
}

/** Whether the caller's audience may register at all (members only, 委员 and above). */
export function eligible(row: EventEntity, level: LevelCode | null): boolean {
  if (row.audience === 'everyone') return true;
  if (row.audience === 'members') return level !== null;
  return level !== null && level !== 'member';
}

export function opensAtOf(row: EventEntity, level: LevelCode | null): Date | null {
  const at = opensAtFor(
    {
      memberOpensAt: row.memberOpensAt.toISOString(),
      levelOpensAt: row.levelOpensAt,
      publicOpensAt: row.publicOpensAt?.toISOString() ?? null,
    },
    level,
  );
  return at === null ? null : new Date(at);
}

const NOT_ELIGIBLE_TEXT = { members: '仅限会员单位报名', committee: '仅限委员及以上单位报名' } as const;

/** Where registration stands for the caller now, and what the register button says. */
export function windowFor(row: EventEntity, caller: Caller, at: Date): RegistrationWindow {
  if (row.state === 'cancelled') return { state: 'cancelled', opensAt: null, text: '活动已取消' };
  if (row.state === 'draft') return { state: 'closed', opensAt: null, text: '活动尚未发布' };
  if (row.closesAt.getTime() <= at.getTime()) return { state: 'closed', opensAt: null, text: '报名已截止' };
  const opensAt = eligible(row, caller.level) ? opensAtOf(row, caller.level) : null;
  if (opensAt === null) {
    return {
      state: 'not_eligible',
      opensAt: null,
      text: row.audience === 'everyone' ? '暂不可报名' : NOT_ELIGIBLE_TEXT[row.audience],
    };
  }
  if (opensAt.getTime() > at.getTime()) {
    return {
      state: 'not_yet',
      opensAt: opensAt.toISOString(),
      text: `${beijingDateTime(opensAt)} 开始报名`,
    };
  }
  return { state: 'open', opensAt: null, text: '立即报名' };
}

export function presentSession(row: EventSessionEntity, waitlisted: number): EventSession {
  return {
    id: row.id,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    capacity: row.capacity,
    taken: row.taken,
    seatsLeft: Math.max(0, row.capacity - row.taken),
    waitlisted,
  };
}

export function presentSummary(
  row: EventEntity,
  sessions: readonly EventSessionEntity[],
  coverUrl: string | null,
  at: Date,
): EventSummary {
  const prices = PRICE_AUDIENCES.map((audience) => row.prices[audience]);
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    coverUrl,
    place: placeOf(row),
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    memberOpensAt: row.memberOpensAt.toISOString(),
    publicOpensAt: row.publicOpensAt?.toISOString() ?? null,
    closesAt: row.closesAt.toISOString(),
    audience: row.audience,
    state: eventStateOf(row, at),
    membersFirst: row.publicOpensAt !== null && row.memberOpensAt.getTime() < row.publicOpensAt.getTime(),
    priceFromFen: Math.min(...prices),
    priceToFen: Math.max(...prices),
    seatsLeft: sessions.reduce((sum, session) => sum + Math.max(0, session.capacity - session.taken), 0),
  };
}

export function presentDetail(
  row: EventEntity,
  sessions: readonly EventSessionEntity[],
  waitlisted: ReadonlyMap<number, number>,
  caller: Caller,
  extra: { coverUrl: string | null; myRegistrationIds: number[]; at: Date },
): EventDetail {
  return {
    ...presentSummary(row, sessions, extra.coverUrl, extra.at),
    description: row.description,
    levelOpensAt: row.levelOpensAt,
    prices: row.prices,
    refundFullUntilDays: row.refundFullUntilDays,
    hours: row.hoursTenths / 10,
    sessions: sessions.map((session) => presentSession(session, waitlisted.get(session.id) ?? 0)),
    window: windowFor(row, caller, extra.at),
    myPriceFen: priceFor(row.prices, caller.level),
    myRegistrationIds: extra.myRegistrationIds,
    cancelReason: row.cancelReason,
    createdAt: row.createdAt.toISOString(),
  };
}
