import {
  attendeeNamedSchema,
  bookingCreatedSchema,
  errorBodySchema,
  eventStatsSchema,
  wechatPayOrderSchema,
} from '@itss/shared';
import { DataSource } from 'typeorm';
import { EventEntity } from '../../src/modules/events/event.entity';
import { RegistrationEntity } from '../../src/modules/events/registration.entity';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { PaymentEntity, RefundEntity } from '../../src/modules/payments/payment.entity';
import { eventually, payAtStandin, prepayIdOf, startPayEnv } from '../payments/wechatpay';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
import { person } from '../support/joining';
import {
  DAY,
  HOUR,
  insertEvent,
  insertRegistration,
  moveEvent,
  registrationNow,
  sessionNow,
} from './desk-support';

type Person = { id: number; token: string };

// The demo application makes a 委员单位.
const MEMBER_PRICES = {
  member: 20_000,
  committee: 15_000,
  vice_president: 0,
  president: 0,
  non_member: 50_000,
};

function codeOf(body: unknown): string {
  return errorBodySchema.parse(body).code;
}

describe('unit bookings: all the seats or none, one payment, attendees named later', () => {
  let env: AuthEnv;
  let staff: Person;
  let primary: Person;
  let colleague: Person;
  let visitor: Person;
  let unitId: number;

  beforeAll(async () => {
    env = await startPayEnv();
    staff = await person(env, 'o_booking_staff', ['staff']);
    primary = await person(env, 'o_booking_primary');
    colleague = await person(env, 'o_booking_colleague');
    visitor = await person(env, 'o_booking_visitor');
    const seed = seedOf(env);
    unitId = (await seed.memberUnit(primary.token, staff.token)).unit.id;
    await seed.addContact(unitId, primary.token, colleague.token, '李四');
  });
  afterAll(() => env.close());

  const book = (who: Person, eventId: number, body: object) =>
    postJson(env, `/api/events/${eventId}/bookings`, body, bearer(who.token));

  it('takes all the seats asked for, or none of them', async () => {
    const { event, sessions } = await insertEvent(env, { capacities: [5] });
    const sessionId = sessions[0]!.id;
    const first = await book(primary, event.id, { sessionId, unitId, seats: 3 });
    expect(first.status).toBe(201);
    const booked = bookingCreatedSchema.parse(first.body);
    expect(booked).toMatchObject({ state: 'confirmed' });
    expect(booked.registrationIds).toHaveLength(3);
    const seat = await registrationNow(env, booked.registrationIds[0]!);
    expect(seat).toMatchObject({
      bookingId: booked.bookingId,
      name: null,
      liveUserId: null,
      audience: 'committee',
      priceFen: 0,
    });
    const tooMany = await book(primary, event.id, { sessionId, unitId, seats: 3 });
    expect([tooMany.status, codeOf(tooMany.body)]).toEqual([409, 'REGISTRATION_NOT_ENOUGH_SEATS']);
    expect((await sessionNow(env, sessionId)).taken).toBe(3);
    expect((await book(primary, event.id, { sessionId, unitId, seats: 2 })).status).toBe(201);
    expect((await sessionNow(env, sessionId)).taken).toBe(5);
  });

  it('is for the primary contact of the unit named, of an active unit', async () => {
    const { event, sessions } = await insertEvent(env);
    const body = { sessionId: sessions[0]!.id, unitId, seats: 1 };
    for (const who of [colleague, visitor, staff]) {
      const res = await book(who, event.id, body);
      expect([res.status, codeOf(res.body)]).toEqual([403, 'REGISTRATION_NOT_PRIMARY_CONTACT']);
    }
    const otherUnit = await book(primary, event.id, { ...body, unitId: unitId + 1000 });
    expect(codeOf(otherUnit.body)).toBe('REGISTRATION_NOT_PRIMARY_CONTACT');
    const badSession = await book(primary, event.id, { ...body, sessionId: sessions[0]!.id + 1000 });
    expect([badSession.status, codeOf(badSession.body)]).toEqual([404, 'REGISTRATION_SESSION_NOT_FOUND']);
    const tooBig = await book(primary, event.id, { ...body, seats: 51 });
    expect([tooBig.status, codeOf(tooBig.body)]).toEqual([400, 'VALIDATION_FAILED']);
    const anonymous = await postJson(env, `/api/events/${event.id}/bookings`, body);
    expect(anonymous.status).toBe(401);
  });

  it('follows the event’s window: not before it opens for the unit (saying when), not after it closes', async () => {
    const { event, sessions } = await insertEvent(env);
    const body = { sessionId: sessions[0]!.id, unitId, seats: 1 };
    const opensAt = new Date(Date.now() + 2 * DAY);
    await env.server.app.get(DataSource).getRepository(EventEntity).update(event.id, {
      memberOpensAt: opensAt,
      publicOpensAt: opensAt,
    });
    const early = await book(primary, event.id, body);
    expect([early.status, codeOf(early.body)]).toEqual([403, 'REGISTRATION_NOT_OPEN_YET']);
    expect(errorBodySchema.parse(early.body).message).toContain('北京时间');
    expect(errorBodySchema.parse(early.body).details?.[0]?.path).toBe('opensAt');
    await moveEvent(env, event.id, { closesAt: new Date(Date.now() - 1000) });
    const late = await book(primary, event.id, body);
    expect([late.status, codeOf(late.body)]).toEqual([403, 'REGISTRATION_CLOSED']);
    const cancelled = await insertEvent(env, { state: 'cancelled' });
    const res = await book(primary, cancelled.event.id, { ...body, sessionId: cancelled.sessions[0]!.id });
    expect([res.status, codeOf(res.body)]).toEqual([409, 'REGISTRATION_EVENT_CANCELLED']);
    const draft = await insertEvent(env, { state: 'draft' });
    expect((await book(primary, draft.event.id, { ...body, sessionId: draft.sessions[0]!.id })).status).toBe(
      404,
    );
  });

  it('holds paid seats for the payment, takes one WeChat payment for all, then confirms them together', async () => {
    const { event, sessions } = await insertEvent(env, { prices: MEMBER_PRICES, capacities: [10] });
    const res = await book(primary, event.id, { sessionId: sessions[0]!.id, unitId, seats: 2 });
    const booked = bookingCreatedSchema.parse(res.body);
    expect(booked.state).toBe('awaiting_payment');
    const seat = await registrationNow(env, booked.registrationIds[0]!);
    expect(seat.priceFen).toBe(15_000);
    expect(seat.holdExpiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
    expect(
      (await postJson(env, `/api/bookings/${booked.bookingId}/pay`, undefined, bearer(colleague.token)))
        .status,
    ).toBe(404);
    const paying = await postJson(
      env,
      `/api/bookings/${booked.bookingId}/pay`,
      undefined,
      bearer(primary.token),
    );
    expect(paying.status).toBe(201);
    const order = wechatPayOrderSchema.parse(paying.body);
    expect(order.amountFen).toBe(30_000);
    await payAtStandin(env, prepayIdOf(order), 'success', 'none');
    await seedOf(env).ok(primary.token, 'POST', `/api/payments/${order.paymentId}/sync`);
    for (const id of booked.registrationIds) {
      expect(await registrationNow(env, id)).toMatchObject({ state: 'confirmed', holdExpiresAt: null });
    }
    const payment = await env.server.app
      .get(DataSource)
      .getRepository(PaymentEntity)
      .findOneByOrFail({ id: order.paymentId });
    expect(payment).toMatchObject({
      subjectType: 'event_booking',
      subjectId: booked.bookingId,
      status: 'succeeded',
    });
    const again = await postJson(
      env,
      `/api/bookings/${booked.bookingId}/pay`,
      undefined,
      bearer(primary.token),
    );
    expect([again.status, codeOf(again.body)]).toEqual([409, 'REGISTRATION_NOTHING_TO_CONFIRM']);
    // Staff's statistics count the booking's money and its confirmed seats by the unit's level.
    const stats = eventStatsSchema.parse(
      (await env.server.get(`/api/events/${event.id}/stats`, { headers: bearer(staff.token) })).body,
    );
    expect(stats).toMatchObject({ confirmed: 2, paidFen: 30_000, refundedFen: 0 });
    expect(stats.byAudience.find((row) => row.audience === 'committee')?.confirmed).toBe(2);
  });

  it('refuses to take payment for seats whose hold ran out', async () => {
    const { event, sessions } = await insertEvent(env, { prices: MEMBER_PRICES });
    const booked = bookingCreatedSchema.parse(
      (await book(primary, event.id, { sessionId: sessions[0]!.id, unitId, seats: 1 })).body,
    );
    await env.server.app
      .get(DataSource)
      .getRepository(RegistrationEntity)
      .update({ bookingId: booked.bookingId }, { holdExpiresAt: new Date(Date.now() - 1000) });
    const res = await postJson(
      env,
      `/api/bookings/${booked.bookingId}/pay`,
      undefined,
      bearer(primary.token),
    );
    expect([res.status, codeOf(res.body)]).toEqual([409, 'REGISTRATION_HOLD_EXPIRED']);
  });

  it('charges only the seats still held when the booker gave one up before paying', async () => {
    const { event, sessions } = await insertEvent(env, { prices: MEMBER_PRICES });
    const booked = bookingCreatedSchema.parse(
      (await book(primary, event.id, { sessionId: sessions[0]!.id, unitId, seats: 3 })).body,
    );
    const [given, ...kept] = booked.registrationIds as [number, ...number[]];
    const cancel = await postJson(
      env,
      `/api/registrations/${given}/cancel`,
      undefined,
      bearer(primary.token),
    );
    expect(cancel.status).toBe(200);
    const order = wechatPayOrderSchema.parse(
      (await postJson(env, `/api/bookings/${booked.bookingId}/pay`, undefined, bearer(primary.token))).body,
    );
    expect(order.amountFen).toBe(2 * 15_000);
    await payAtStandin(env, prepayIdOf(order), 'success', 'none');
    await seedOf(env).ok(primary.token, 'POST', `/api/payments/${order.paymentId}/sync`);
    for (const id of kept) expect((await registrationNow(env, id)).state).toBe('confirmed');
    expect((await registrationNow(env, given)).state).toBe('cancelled');
    expect((await sessionNow(env, sessions[0]!.id)).taken).toBe(2);
  });

  it('refunds in full a payment that arrives after the hold ran out, and never confirms the released seats', async () => {
    const { event, sessions } = await insertEvent(env, { prices: MEMBER_PRICES });
    const booked = bookingCreatedSchema.parse(
      (await book(primary, event.id, { sessionId: sessions[0]!.id, unitId, seats: 2 })).body,
    );
    const order = wechatPayOrderSchema.parse(
      (await postJson(env, `/api/bookings/${booked.bookingId}/pay`, undefined, bearer(primary.token))).body,
    );
    // Paid at WeChat Pay as the hold ran out (the job's close comes too late); its word reaches us after.
    await payAtStandin(env, prepayIdOf(order), 'success', 'none');
    await env.server.app.get(JobScheduler).runNow('events.expire-holds', new Date(Date.now() + HOUR));
    for (const id of booked.registrationIds) expect((await registrationNow(env, id)).state).toBe('cancelled');
    expect((await sessionNow(env, sessions[0]!.id)).taken).toBe(0);
    await seedOf(env).ok(primary.token, 'POST', `/api/payments/${order.paymentId}/sync`);
    const refunds = env.server.app.get(DataSource).getRepository(RefundEntity);
    await eventually(async () =>
      (await refunds.findBy({ paymentId: order.paymentId })).some((r) => r.status === 'succeeded'),
    );
    expect((await refunds.findBy({ paymentId: order.paymentId })).map((r) => r.amountFen)).toEqual([30_000]);
    for (const id of booked.registrationIds) expect((await registrationNow(env, id)).state).toBe('cancelled');
  });

  it('closes the booking’s order when its seats’ hold runs out, so it cannot be paid', async () => {
    const { event, sessions } = await insertEvent(env, { prices: MEMBER_PRICES });
    const booked = bookingCreatedSchema.parse(
      (await book(primary, event.id, { sessionId: sessions[0]!.id, unitId, seats: 2 })).body,
    );
    const order = wechatPayOrderSchema.parse(
      (await postJson(env, `/api/bookings/${booked.bookingId}/pay`, undefined, bearer(primary.token))).body,
    );
    await env.server.app.get(JobScheduler).runNow('events.expire-holds', new Date(Date.now() + HOUR));
    const payment = await env.server.app
      .get(DataSource)
      .getRepository(PaymentEntity)
      .findOneByOrFail({ id: order.paymentId });
    expect(payment.status).toBe('closed');
    await expect(payAtStandin(env, prepayIdOf(order))).rejects.toThrow('answered 409');
  });

  it('lets the booker name each seat’s attendee until registration closes, and nobody else', async () => {
    const { event, sessions } = await insertEvent(env);
    const booked = bookingCreatedSchema.parse(
      (await book(primary, event.id, { sessionId: sessions[0]!.id, unitId, seats: 2 })).body,
    );
    const seatId = booked.registrationIds[0]!;
    const name = (who: Person, id: number, body: object) =>
      env.server.get(`/api/registrations/${id}/attendee`, {
        method: 'PATCH',
        headers: { ...bearer(who.token), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const named = await name(primary, seatId, { name: '赵六', title: '工程师', phone: '13912345678' });
    expect(named.status).toBe(200);
    expect(attendeeNamedSchema.parse(named.body)).toEqual({
      id: seatId,
      bookingId: booked.bookingId,
      name: '赵六',
      title: '工程师',
      phoneMasked: '139****5678',
    });
    expect(await registrationNow(env, seatId)).toMatchObject({ name: '赵六', phone: '13912345678' });
    expect((await name(colleague, seatId, { name: '钱七' })).status).toBe(404);
    expect((await name(staff, seatId, { name: '钱七' })).status).toBe(404);
    expect((await name(primary, seatId, { name: '钱' })).status).toBe(400);
    const own = await insertRegistration(env, sessions[0]!, { userId: primary.id });
    const notBooked = await name(primary, own.id, { name: '钱七' });
    expect([notBooked.status, codeOf(notBooked.body)]).toEqual([409, 'REGISTRATION_NOT_BOOKED']);
    await moveEvent(env, event.id, { closesAt: new Date(Date.now() - 1000) });
    const late = await name(primary, booked.registrationIds[1]!, { name: '孙八' });
    expect([late.status, codeOf(late.body)]).toEqual([409, 'REGISTRATION_NOT_BOOKED']);
  });
});
