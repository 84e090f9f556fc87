import { type Registration, isTrainingKind, maskPhone } from '@itss/shared';
import { eventStateOf, placeOf } from './event-presenter';
import type { EventSessionEntity } from './event-session.entity';
import type { EventEntity } from './event.entity';
import type { RegistrationEntity } from './registration.entity';

const DAY_MS = 24 * 60 * 60_000;

/** What presenting registrations needs besides their rows, read once for a page of them. */
export interface RegistrationFacts {
  events: ReadonlyMap<number, EventEntity>;
  sessions: ReadonlyMap<number, EventSessionEntity>;
  /** Waiting-list places of the waitlisted rows. */
  positions: ReadonlyMap<number, number>;
  /** Net money paid per registration, and its latest payment. */
  money: ReadonlyMap<number, { paidFen: number; paymentId: number | null }>;
  ticketCodeOf(registrationId: number): string;
  at: Date;
}

/** What cancelling now would refund: all that was paid until N days before the start, nothing after. */
export function refundOnCancel(event: EventEntity, paidFen: number, at: Date): number {
  if (paidFen <= 0) return 0;
  const lastFullRefund = event.startsAt.getTime() - event.refundFullUntilDays * DAY_MS;
  return at.getTime() <= lastFullRefund ? paidFen : 0;
}

export function presentRegistration(row: RegistrationEntity, facts: RegistrationFacts): Registration {
  const event = facts.events.get(row.eventId);
  if (!event) throw new Error(`registration ${row.id} names a missing event ${row.eventId}`);
  const session = facts.sessions.get(row.sessionId);
  const money = facts.money.get(row.id) ?? { paidFen: 0, paymentId: null };
  const live = row.state !== 'cancelled';
  return {
    id: row.id,
    eventId: row.eventId,
    eventTitle: event.title,
    eventKind: event.kind,
    eventState: eventStateOf(event, facts.at),
    place: placeOf(event),
    sessionId: row.sessionId,
    // A session removed from the event keeps its cancelled registrations' history.
    sessionTitle: session?.title ?? '已删除的场次',
    startsAt: (session?.startsAt ?? event.startsAt).toISOString(),
    endsAt: (session?.endsAt ?? event.endsAt).toISOString(),
    state: row.state,
    position: row.state === 'waitlisted' ? (facts.positions.get(row.id) ?? null) : null,
    holdExpiresAt: row.holdExpiresAt?.toISOString() ?? null,
    name: row.name,
    unitName: row.unitName,
    title: row.title,
    phoneMasked: row.phone === null ? null : maskPhone(row.phone),
    bookingId: row.bookingId,
    priceFen: row.priceFen,
    paidFen: money.paidFen,
    paymentId: money.paymentId,
    // Readers of a registration are its registrant and staff only (RegistrationsPolicy).
    ticketCode: row.state === 'confirmed' ? facts.ticketCodeOf(row.id) : null,
    checkedInAt: row.checkedInAt?.toISOString() ?? null,
    invoice:
      row.invoiceTitle !== null && row.invoiceRequestedAt !== null
        ? {
            status: row.invoiceIssuedAt === null ? 'requested' : 'issued',
            title: row.invoiceTitle,
            taxNumber: row.invoiceTaxNumber,
            number: row.invoiceNumber,
            url: row.invoiceFileId === null ? null : `/api/files/${row.invoiceFileId}`,
            requestedAt: row.invoiceRequestedAt.toISOString(),
            issuedAt: row.invoiceIssuedAt?.toISOString() ?? null,
          }
        : null,
    certificateAvailable: isTrainingKind(event.kind) && row.checkedInAt !== null,
    surveyOpen: row.checkedInAt !== null && row.surveyedAt === null,
    refundOnCancelFen:
      live && facts.at.getTime() < event.closesAt.getTime()
        ? refundOnCancel(event, money.paidFen, facts.at)
        : 0,
    createdAt: row.createdAt.toISOString(),
  };
}
