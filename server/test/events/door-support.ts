import type { EventKind, RegistrationState } from '@itss/shared';
import { DataSource, type Repository } from 'typeorm';
import { EventSessionEntity } from '../../src/modules/events/event-session.entity';
import { EventEntity } from '../../src/modules/events/event.entity';
import { RegistrationEntity } from '../../src/modules/events/registration.entity';
import { TicketCodes } from '../../src/modules/events/ticket-codes';
import { type AuthEnv, bearer, postJson } from '../support/auth-env';
import { uploadRaw } from '../support/joining';

/**
 * Events and registrations for the tests of the door and what follows it, written straight into
 * the tables: these tests are about check-in, certificates, the survey and materials, not about how
 * people register.
 */
const DAY = 24 * 60 * 60_000;

const repo = <T extends object>(env: AuthEnv, entity: new () => T): Repository<T> =>
  env.server.app.get(DataSource).getRepository(entity);
export const eventsRepo = (env: AuthEnv) => repo(env, EventEntity);
export const sessionsRepo = (env: AuthEnv) => repo(env, EventSessionEntity);
export const registrationsRepo = (env: AuthEnv) => repo(env, RegistrationEntity);

let sequence = 0;

export interface TestEvent {
  eventId: number;
  sessionId: number;
}

/** A published event (a training unless told) with one session starting tomorrow, 3.5 hours. */
export async function publishedEvent(
  env: AuthEnv,
  options: { kind?: EventKind; capacity?: number; taken?: number; state?: EventEntity['state'] } = {},
): Promise<TestEvent> {
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const startsAt = new Date(at.getTime() + DAY);
  const endsAt = new Date(startsAt.getTime() + 4 * 60 * 60_000);
  const event = await eventsRepo(env).save(
    eventsRepo(env).create({
      kind: options.kind ?? 'training',
      title: `ITSS 标准宣贯培训 ${++sequence}`,
      summary: '',
      description: '<p>培训</p>',
      coverFileId: null,
      placeMode: 'offline',
      placeText: '北京市海淀区',
      startsAt,
      endsAt,
      memberOpensAt: new Date(at.getTime() - DAY),
      levelOpensAt: {},
      publicOpensAt: new Date(at.getTime() - DAY),
      closesAt: startsAt,
      audience: 'everyone',
      prices: { member: 0, committee: 0, vice_president: 0, president: 0, non_member: 0 },
      refundFullUntilDays: 3,
      hoursTenths: 35,
      state: options.state ?? 'published',
      cancelReason: null,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
      publishedAt: at,
      cancelledAt: null,
    }),
  );
  const session = await sessionsRepo(env).save(
    sessionsRepo(env).create({
      eventId: event.id,
      position: 0,
      title: '上午场',
      startsAt,
      endsAt,
      capacity: options.capacity ?? 100,
      taken: options.taken ?? 0,
      remindedAt: null,
    }),
  );
  return { eventId: event.id, sessionId: session.id };
}

/** A registration of `userId` for the event's session, in the given state (confirmed unless told). */
export async function registered(
  env: AuthEnv,
  event: TestEvent,
  userId: number,
  options: { state?: RegistrationState; name?: string; checkedIn?: boolean; unitName?: string } = {},
): Promise<number> {
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const state = options.state ?? 'confirmed';
  const row = await registrationsRepo(env).save(
    registrationsRepo(env).create({
      eventId: event.eventId,
      sessionId: event.sessionId,
      userId,
      liveUserId: state === 'cancelled' ? null : userId,
      bookingId: null,
      state,
      name: options.name ?? '张三',
      unitId: null,
      unitName: options.unitName ?? '北京示例信息技术有限公司',
      title: null,
      phone: '13800000000',
      audience: 'non_member',
      priceFen: 0,
      holdExpiresAt: null,
      checkedInAt: options.checkedIn ? at : null,
      checkedInBy: null,
      surveyRating: null,
      surveyComment: null,
      surveyedAt: null,
      invoiceTitle: null,
      invoiceTaxNumber: null,
      invoiceNumber: null,
      invoiceFileId: null,
      invoiceRequestedAt: null,
      invoiceIssuedAt: null,
      createdAt: at,
      updatedAt: at,
      cancelledAt: state === 'cancelled' ? at : null,
    }),
  );
  return row.id;
}

export function ticketOf(env: AuthEnv, registrationId: number): string {
  return env.server.app.get(TicketCodes).sign(registrationId);
}

export function scanAt(env: AuthEnv, token: string, eventId: number, body: unknown) {
  return postJson(env, `/api/events/${eventId}/check-ins`, body, bearer(token));
}

/** A PDF (or another file) uploaded by the caller; its id. */
export async function uploaded(
  env: AuthEnv,
  token: string,
  bytes: Buffer,
  name = '讲义.pdf',
  type = 'application/pdf',
) {
  const res = await uploadRaw(env, token, bytes, name, type);
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { id: number }).id;
}
