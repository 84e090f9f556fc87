import {
  type EventKind,
  type EventPrices,
  FREE_PRICES,
  type PriceAudience,
  type RegistrationState,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { EventSessionEntity } from '../../src/modules/events/event-session.entity';
import { EventEntity } from '../../src/modules/events/event.entity';
import { RegistrationEntity } from '../../src/modules/events/registration.entity';
import type { AuthEnv } from '../support/auth-env';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** Whole seconds, as both databases keep them. */
function at(ms: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000);
}

export interface EventOptions {
  kind?: EventKind;
  title?: string;
  prices?: EventPrices;
  /** Start, relative to now, in ms (default: in ten days). */
  startsIn?: number;
  capacities?: number[];
  audience?: 'everyone' | 'members' | 'committee';
  state?: 'draft' | 'published' | 'cancelled';
  /** Registration closes this long before the start (default a day). */
  closesBefore?: number;
}

/**
 * A published event with its sessions written straight into the tables: these tests are about what
 * is built on events (bookings, invoices, reminders, statistics), not about staff's editor.
 */
export async function insertEvent(
  env: AuthEnv,
  options: EventOptions = {},
): Promise<{ event: EventEntity; sessions: EventSessionEntity[] }> {
  const data = env.server.app.get(DataSource);
  const starts = Date.now() + (options.startsIn ?? 10 * DAY);
  const created = at(Date.now());
  const event = await data.getRepository(EventEntity).save({
    kind: options.kind ?? 'training',
    title: options.title ?? 'ITSS 标准宣贯培训（北京）',
    summary: '',
    description: '<p>培训</p>',
    coverFileId: null,
    placeMode: 'offline' as const,
    placeText: '北京市海淀区中关村南大街 1 号',
    startsAt: at(starts),
    endsAt: at(starts + 8 * HOUR),
    memberOpensAt: at(Date.now() - 2 * DAY),
    levelOpensAt: {},
    publicOpensAt: options.audience && options.audience !== 'everyone' ? null : at(Date.now() - DAY),
    closesAt: at(starts - (options.closesBefore ?? DAY)),
    audience: options.audience ?? 'everyone',
    prices: options.prices ?? FREE_PRICES,
    refundFullUntilDays: 3,
    hoursTenths: 60,
    state: options.state ?? 'published',
    cancelReason: null,
    createdBy: null,
    createdAt: created,
    updatedAt: created,
    publishedAt: created,
    cancelledAt: null,
  });
  const sessions = await data.getRepository(EventSessionEntity).save(
    (options.capacities ?? [10]).map((capacity, position) => ({
      eventId: event.id,
      position,
      title: `第 ${position + 1} 场`,
      startsAt: at(starts + position * 2 * HOUR),
      endsAt: at(starts + (position * 2 + 2) * HOUR),
      capacity,
      taken: 0,
      remindedAt: null,
    })),
  );
  return { event, sessions };
}

export interface RegistrationOptions {
  userId: number;
  state?: RegistrationState;
  name?: string | null;
  audience?: PriceAudience;
  priceFen?: number;
  phone?: string | null;
  checkedInAt?: Date | null;
  surveyRating?: number | null;
  unitName?: string | null;
  /** A unit's booked seat: no live user, so one booker may hold several. */
  booked?: boolean;
}

/** A registration row as the core would write it; a seat-holding state also counts in `taken`. */
export async function insertRegistration(
  env: AuthEnv,
  session: EventSessionEntity,
  options: RegistrationOptions,
): Promise<RegistrationEntity> {
  const data = env.server.app.get(DataSource);
  const state = options.state ?? 'confirmed';
  const created = at(Date.now());
  const row = await data.getRepository(RegistrationEntity).save({
    eventId: session.eventId,
    sessionId: session.id,
    userId: options.userId,
    liveUserId: state === 'cancelled' || options.booked ? null : options.userId,
    bookingId: null,
    state,
    name: options.name === undefined ? '张三' : options.name,
    unitId: null,
    unitName: options.unitName ?? null,
    title: null,
    phone: options.phone === undefined ? '13800138000' : options.phone,
    audience: options.audience ?? 'non_member',
    priceFen: options.priceFen ?? 0,
    holdExpiresAt: null,
    checkedInAt: options.checkedInAt ?? null,
    checkedInBy: null,
    surveyRating: options.surveyRating ?? null,
    surveyComment: null,
    surveyedAt: options.surveyRating ? created : null,
    invoiceTitle: null,
    invoiceTaxNumber: null,
    invoiceNumber: null,
    invoiceFileId: null,
    invoiceRequestedAt: null,
    invoiceIssuedAt: null,
    createdAt: created,
    updatedAt: created,
    cancelledAt: state === 'cancelled' ? created : null,
  });
  if (state === 'confirmed' || state === 'awaiting_payment' || state === 'offered') {
    await data.getRepository(EventSessionEntity).increment({ id: session.id }, 'taken', 1);
  }
  return row;
}

/** A session as it is in the database now. */
export function sessionNow(env: AuthEnv, id: number): Promise<EventSessionEntity> {
  return env.server.app.get(DataSource).getRepository(EventSessionEntity).findOneByOrFail({ id });
}

export function registrationNow(env: AuthEnv, id: number): Promise<RegistrationEntity> {
  return env.server.app.get(DataSource).getRepository(RegistrationEntity).findOneByOrFail({ id });
}

/** Moves an event's times (tests of what happens once it has ended or closed). */
export async function moveEvent(
  env: AuthEnv,
  id: number,
  change: Partial<Pick<EventEntity, 'startsAt' | 'endsAt' | 'closesAt'>>,
): Promise<void> {
  await env.server.app.get(DataSource).getRepository(EventEntity).update(id, change);
}

export { DAY, HOUR };

/** A unit whose primary contact is the caller, with a fresh event it may book (paid when asked). */
export async function bookableFor(
  env: AuthEnv,
  unitId: number,
  options: EventOptions = {},
): Promise<{
  eventId: number;
  sessionId: number;
  body: { sessionId: number; unitId: number; seats: number };
}> {
  const { event, sessions } = await insertEvent(env, options);
  const sessionId = sessions[0]!.id;
  return { eventId: event.id, sessionId, body: { sessionId, unitId, seats: 2 } };
}

/** Prices that make a 委员单位 (the demo application's level) pay. */
export const PAID_PRICES: EventPrices = {
  member: 20_000,
  committee: 15_000,
  vice_president: 0,
  president: 0,
  non_member: 50_000,
};

/** A confirmed paid seat of `userId` in a fresh event, its invoice already asked for when `requested`. */
export async function paidSeatOf(
  env: AuthEnv,
  userId: number,
  requested = false,
): Promise<RegistrationEntity> {
  const { sessions } = await insertEvent(env);
  const seat = await insertRegistration(env, sessions[0]!, { userId, priceFen: 80_000 });
  if (!requested) return seat;
  const asked = { invoiceTitle: '北京示例信息技术有限公司', invoiceRequestedAt: at(Date.now()) };
  await env.server.app.get(DataSource).getRepository(RegistrationEntity).update(seat.id, asked);
  return { ...seat, ...asked };
}
