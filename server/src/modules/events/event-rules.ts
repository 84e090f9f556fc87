import {
  ErrorCode,
  EventError,
  type EventPlace,
  type eventCreateSchema,
  type eventUpdateSchema,
  type sessionInputSchema,
} from '@itss/shared';
import type { z } from 'zod';
import { AppError } from '../../common/app-error';
import { wholeSeconds } from '../../common/time';
import { sanitizeArticleHtml } from '../articles/article-html';
import type { EventEntity } from './event.entity';

export type EventCreateParsed = z.output<typeof eventCreateSchema>;
export type EventUpdateParsed = z.output<typeof eventUpdateSchema>;
export type SessionInputParsed = z.output<typeof sessionInputSchema>;

/** An event's columns as a create or an edit sets them (sessions apart). */
export type EventColumns = Pick<
  EventEntity,
  | 'kind'
  | 'title'
  | 'summary'
  | 'description'
  | 'coverFileId'
  | 'placeMode'
  | 'placeText'
  | 'startsAt'
  | 'endsAt'
  | 'memberOpensAt'
  | 'levelOpensAt'
  | 'publicOpensAt'
  | 'closesAt'
  | 'audience'
  | 'prices'
  | 'refundFullUntilDays'
  | 'hoursTenths'
>;

const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** Times are kept to the second, as MariaDB keeps them, so an answer shows what a later read shows. */
const instant = (text: string): Date => wholeSeconds(new Date(text));

/** MariaDB's TEXT holds 65,535 bytes; sanitizing may lengthen what the schema let through. */
const DESCRIPTION_MAX_BYTES = 65_535;

function descriptionOf(html: string): string {
  const clean = sanitizeArticleHtml(html);
  if (Buffer.byteLength(clean, 'utf8') > DESCRIPTION_MAX_BYTES) {
    throw new AppError(ErrorCode.ValidationFailed, [{ path: 'description', message: '活动介绍过长' }]);
  }
  return clean;
}

function placeColumns(place: EventPlace): Pick<EventEntity, 'placeMode' | 'placeText'> {
  return place.mode === 'online'
    ? { placeMode: 'online', placeText: place.liveUrl }
    : { placeMode: 'offline', placeText: place.address };
}

function levelTimes(times: Partial<Record<string, string>>): EventEntity['levelOpensAt'] {
  return Object.fromEntries(
    Object.entries(times)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([level, at]) => [level, instant(at).toISOString()]),
  );
}

export function createColumns(input: EventCreateParsed): EventColumns {
  return {
    kind: input.kind,
    title: input.title,
    summary: input.summary,
    description: descriptionOf(input.description),
    coverFileId: input.coverFileId ?? null,
    ...placeColumns(input.place),
    startsAt: instant(input.startsAt),
    endsAt: instant(input.endsAt),
    memberOpensAt: instant(input.memberOpensAt),
    levelOpensAt: levelTimes(input.levelOpensAt),
    publicOpensAt: input.publicOpensAt === null ? null : instant(input.publicOpensAt),
    closesAt: instant(input.closesAt),
    audience: input.audience,
    prices: input.prices,
    refundFullUntilDays: input.refundFullUntilDays,
    hoursTenths: Math.round(input.hours * 10),
  };
}

/** The stored event with an edit's fields laid over it. */
export function updatedColumns(row: EventEntity, input: EventUpdateParsed): EventColumns {
  return {
    kind: input.kind ?? row.kind,
    title: input.title ?? row.title,
    summary: input.summary ?? row.summary,
    description: input.description === undefined ? row.description : descriptionOf(input.description),
    coverFileId: input.coverFileId === undefined ? row.coverFileId : input.coverFileId,
    ...(input.place ? placeColumns(input.place) : { placeMode: row.placeMode, placeText: row.placeText }),
    startsAt: input.startsAt ? instant(input.startsAt) : row.startsAt,
    endsAt: input.endsAt ? instant(input.endsAt) : row.endsAt,
    memberOpensAt: input.memberOpensAt ? instant(input.memberOpensAt) : row.memberOpensAt,
    levelOpensAt: input.levelOpensAt ? levelTimes(input.levelOpensAt) : row.levelOpensAt,
    publicOpensAt:
      input.publicOpensAt === undefined
        ? row.publicOpensAt
        : input.publicOpensAt === null
          ? null
          : instant(input.publicOpensAt),
    closesAt: input.closesAt ? instant(input.closesAt) : row.closesAt,
    audience: input.audience ?? row.audience,
    prices: input.prices ?? row.prices,
    refundFullUntilDays: input.refundFullUntilDays ?? row.refundFullUntilDays,
    hoursTenths: input.hours === undefined ? row.hoursTenths : Math.round(input.hours * 10),
  };
}

/**
 * The rules a whole event must keep, checked after an edit too: start before end, every opening
 * before the closing, members (and levels) not after the public, the closing not after the end;
 * sessions each in order; a public opening exactly for an event open to everyone.
 */
export function checkEvent(columns: EventColumns, sessions: readonly SessionInputParsed[]): void {
  const t = (at: Date | null) => at?.getTime() ?? Number.POSITIVE_INFINITY;
  const levelTimesOk = Object.values(columns.levelOpensAt).every(
    (at) => at !== undefined && Date.parse(at) < t(columns.closesAt),
  );
  const ordered =
    t(columns.startsAt) < t(columns.endsAt) &&
    t(columns.memberOpensAt) < t(columns.closesAt) &&
    t(columns.memberOpensAt) <= t(columns.publicOpensAt) &&
    (columns.publicOpensAt === null || t(columns.publicOpensAt) < t(columns.closesAt)) &&
    t(columns.closesAt) <= t(columns.endsAt) &&
    levelTimesOk &&
    sessions.every((session) => Date.parse(session.startsAt) < Date.parse(session.endsAt));
  // MariaDB's DATETIME keeps the years 1000 to 9999 only; an event is in this century or the next.
  const instants = [
    columns.startsAt,
    columns.endsAt,
    columns.memberOpensAt,
    columns.publicOpensAt,
    columns.closesAt,
    ...Object.values(columns.levelOpensAt).map((at) => new Date(at ?? NaN)),
    ...sessions.flatMap((session) => [new Date(session.startsAt), new Date(session.endsAt)]),
  ];
  const storable = instants.every((at) => at === null || (at.getTime() >= EARLIEST && at.getTime() < LATEST));
  if (!ordered || !storable) throw new AppError(EventError.BadTimes);
  if ((columns.audience === 'everyone') !== (columns.publicOpensAt !== null)) {
    throw new AppError(EventError.BadAudience);
  }
}

/** A session id in an edit that is not one of the event's. */
export function unknownSession(index: number): AppError {
  return new AppError(ErrorCode.ValidationFailed, [
    { path: `sessions.${index}.id`, message: '该场次不属于本活动，请刷新后重试' },
  ]);
}
