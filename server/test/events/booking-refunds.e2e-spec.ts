import { bookingCreatedSchema, registrationSchema, wechatPayOrderSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { RefundEntity } from '../../src/modules/payments/payment.entity';
import { eventually, payAtStandin, prepayIdOf, startPayEnv } from '../payments/wechatpay';
import { type AuthEnv, bearer, postJson, seedOf } from '../support/auth-env';
import { atOnce, tally } from '../support/concurrency';
import { person } from '../support/joining';
import { DAY, PAID_PRICES, insertEvent, moveEvent } from './desk-support';

type Person = { id: number; token: string };

/** What a 委员单位 (the demo application's level) pays per seat. */
const SEAT = PAID_PRICES.committee;

describe('a unit booking’s paid seats: each seat’s share of the booking’s payment, refunded seat by seat', () => {
  let env: AuthEnv;
  let staff: Person;
  let primary: Person;
  let unitId: number;

  beforeAll(async () => {
    env = await startPayEnv();
    staff = await person(env, 'o_bref_staff', ['staff']);
    primary = await person(env, 'o_bref_primary');
    unitId = (await seedOf(env).memberUnit(primary.token, staff.token)).unit.id;
  });
  afterAll(() => env.close());

  /** A booking of `seats` paid seats of a fresh event, paid through the stand-in. */
  async function paidBooking(seats: number) {
    const { event, sessions } = await insertEvent(env, { prices: PAID_PRICES });
    const booked = bookingCreatedSchema.parse(
      (
        await postJson(
          env,
          `/api/events/${event.id}/bookings`,
          { sessionId: sessions[0]!.id, unitId, seats },
          bearer(primary.token),
        )
      ).body,
    );
    const alone = await postJson(
      env,
      `/api/registrations/${booked.registrationIds[0]!}/confirm`,
      {},
      bearer(primary.token),
    );
    expect(alone.status).toBe(409);
    const order = wechatPayOrderSchema.parse(
      (await postJson(env, `/api/bookings/${booked.bookingId}/pay`, undefined, bearer(primary.token))).body,
    );
    await payAtStandin(env, prepayIdOf(order), 'success', 'none');
    await seedOf(env).ok(primary.token, 'POST', `/api/payments/${order.paymentId}/sync`);
    return { event, seats: booked.registrationIds, paymentId: order.paymentId };
  }
  const read = async (id: number) =>
    registrationSchema.parse(
      (await env.server.get(`/api/registrations/${id}`, { headers: bearer(primary.token) })).body,
    );
  const cancel = (id: number) => postJson(env, `/api/registrations/${id}/cancel`, {}, bearer(primary.token));
  const refundsOf = (paymentId: number) =>
    env.server.app
      .get(DataSource)
      .getRepository(RefundEntity)
      .find({ where: { paymentId }, order: { id: 'ASC' } });
  const allSucceeded = (paymentId: number, count: number) =>
    eventually(async () => {
      const refunds = await refundsOf(paymentId);
      return refunds.length === count && refunds.every((refund) => refund.status === 'succeeded');
    });

  it('shows each booked seat its price as paid, and refunds seats one after another, then the rest on the event’s cancel', async () => {
    const { event, seats, paymentId } = await paidBooking(3);
    const [a, b, c] = seats as [number, number, number];
    expect(await read(a)).toMatchObject({
      state: 'confirmed',
      paidFen: SEAT,
      refundOnCancelFen: SEAT,
      paymentId,
    });
    expect((await cancel(a)).body).toEqual({ state: 'cancelled', refundFen: SEAT });
    expect((await cancel(b)).body).toEqual({ state: 'cancelled', refundFen: SEAT });
    await allSucceeded(paymentId, 2);
    expect(await read(c)).toMatchObject({ paidFen: SEAT, refundOnCancelFen: SEAT });
    expect((await read(a)).paidFen).toBe(0);
    const cancelled = await postJson(
      env,
      `/api/events/${event.id}/cancel`,
      { reason: '场地原因' },
      bearer(staff.token),
    );
    expect(cancelled.status).toBe(200);
    await allSucceeded(paymentId, 3);
    expect((await refundsOf(paymentId)).map((refund) => refund.amountFen)).toEqual([SEAT, SEAT, SEAT]);
    for (const id of seats) expect((await read(id)).paidFen).toBe(0);
  });

  it('refunds nothing for a seat given up inside the rule’s days, and the other seats in full when the event is cancelled', async () => {
    const { event, seats, paymentId } = await paidBooking(2);
    await moveEvent(env, event.id, { startsAt: new Date(Date.now() + 2 * DAY) });
    expect((await read(seats[0]!)).refundOnCancelFen).toBe(0);
    expect((await cancel(seats[0]!)).body).toEqual({ state: 'cancelled', refundFen: 0 });
    // The money of the seat given up late stays paid; the live seat keeps its own share.
    expect((await read(seats[0]!)).paidFen).toBe(SEAT);
    expect((await read(seats[1]!)).paidFen).toBe(SEAT);
    await postJson(env, `/api/events/${event.id}/cancel`, { reason: '讲师临时有事' }, bearer(staff.token));
    await allSucceeded(paymentId, 1);
    expect((await refundsOf(paymentId)).map((refund) => refund.amountFen)).toEqual([SEAT]);
  });

  it('seats of one booking cancelled at once are each refunded their share, never more than was paid', async () => {
    const { seats, paymentId } = await paidBooking(4);
    const answers = await atOnce(
      env,
      seats.flatMap((id) =>
        [1, 2].map(() => ({
          method: 'POST' as const,
          path: `/api/registrations/${id}/cancel`,
          token: primary.token,
        })),
      ),
    );
    expect(tally(answers)).toEqual({ '200': 4, '409 REGISTRATION_CANNOT_CANCEL': 4 });
    expect(answers.filter((answer) => answer.status === 200).map((answer) => answer.body)).toEqual(
      Array(4).fill({ state: 'cancelled', refundFen: SEAT }),
    );
    await allSucceeded(paymentId, 4);
    expect((await refundsOf(paymentId)).reduce((sum, refund) => sum + refund.amountFen, 0)).toBe(4 * SEAT);
  });
});
