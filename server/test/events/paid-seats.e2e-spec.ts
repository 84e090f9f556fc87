import { registrationConfirmResultSchema, registrationSchema } from '@itss/shared';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { PaymentEntity, RefundEntity } from '../../src/modules/payments/payment.entity';
import { eventually, payAtStandin, prepayIdOf, withWechatPay } from '../payments/wechatpay';
import { type AuthEnv, bearer, postJson, startAuthEnv } from '../support/auth-env';
import { auditRows } from '../support/concurrency';
import {
  DAY,
  HOUR,
  ds,
  eventBody,
  eventRows,
  publishedEvent,
  register,
  registrant,
  registrationRows,
  sessionRows,
  staffMember,
} from './core-support';

const PRICE = 80_000;
const paymentRows = (env: AuthEnv) => ds(env).getRepository(PaymentEntity);
const prices = {
  member: 50_000,
  committee: 50_000,
  vice_president: 50_000,
  president: 50_000,
  non_member: PRICE,
};

describe('paid seats: held for their payment, confirmed by it, refunded by the rule', () => {
  let env: AuthEnv;
  let staff: { id: number; token: string };
  beforeAll(async () => {
    env = await startAuthEnv(withWechatPay);
    staff = await staffMember(env);
  });
  afterAll(() => env.close());

  const refundsOf = async (registrationId: number) => {
    const payments = await ds(env)
      .getRepository(PaymentEntity)
      .findBy({ subjectType: 'event_registration', subjectId: registrationId });
    const refunds = await ds(env)
      .getRepository(RefundEntity)
      .find({ order: { id: 'ASC' } });
    return refunds.filter((refund) => payments.some((payment) => payment.id === refund.paymentId));
  };
  const confirm = async (id: number, token: string) => {
    const res = await postJson(env, `/api/registrations/${id}/confirm`, {}, bearer(token));
    if (res.status !== 200) throw new Error(`confirm: ${res.status} ${JSON.stringify(res.body)}`);
    return registrationConfirmResultSchema.parse(res.body);
  };
  const read = async (id: number, token: string) =>
    registrationSchema.parse(
      (await env.server.get(`/api/registrations/${id}`, { headers: bearer(token) })).body,
    );

  it('holds the seat 30 minutes, confirms on payment, and refunds in full on a cancel well before the start', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(5, { prices, refundFullUntilDays: 3 }));
    expect(event).toMatchObject({ priceFromFen: 50_000, priceToFen: PRICE, myPriceFen: PRICE });
    const who = await registrant(env);
    const made = await register(env, who.token, event);
    expect(made.state).toBe('awaiting_payment');
    const held = await read(made.id, who.token);
    expect(held).toMatchObject({ priceFen: PRICE, paidFen: 0, ticketCode: null });
    expect(Date.parse(held.holdExpiresAt ?? '')).toBeGreaterThan(Date.now() + 25 * 60_000);
    const { order } = await confirm(made.id, who.token);
    expect(order?.amountFen).toBe(PRICE);
    await payAtStandin(env, prepayIdOf(order!));
    await eventually(
      async () => (await registrationRows(env).findOneByOrFail({ id: made.id })).state === 'confirmed',
    );
    const paid = await read(made.id, who.token);
    expect(paid).toMatchObject({
      state: 'confirmed',
      paidFen: PRICE,
      refundOnCancelFen: PRICE,
      paymentId: order!.paymentId,
    });
    const cancelled = await postJson(env, `/api/registrations/${made.id}/cancel`, {}, bearer(who.token));
    expect(cancelled.body).toEqual({ state: 'cancelled', refundFen: PRICE });
    await eventually(async () => (await refundsOf(made.id)).some((refund) => refund.status === 'succeeded'));
    expect((await refundsOf(made.id)).map((refund) => refund.amountFen)).toEqual([PRICE]);
  });

  it('refunds nothing on a cancel inside the rule’s days', async () => {
    const soon = eventBody(5, {
      prices,
      refundFullUntilDays: 30,
      startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
    });
    const event = await publishedEvent(env, staff.token, soon);
    const who = await registrant(env);
    const made = await register(env, who.token, event);
    const { order } = await confirm(made.id, who.token);
    await payAtStandin(env, prepayIdOf(order!));
    await eventually(
      async () => (await registrationRows(env).findOneByOrFail({ id: made.id })).state === 'confirmed',
    );
    expect((await read(made.id, who.token)).refundOnCancelFen).toBe(0);
    const cancelled = await postJson(env, `/api/registrations/${made.id}/cancel`, {}, bearer(who.token));
    expect(cancelled.body).toEqual({ state: 'cancelled', refundFen: 0 });
    expect(await refundsOf(made.id)).toEqual([]);
  });

  it('a seat whose hold ran out closes its order: it can no longer be paid', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(1, { prices }));
    const late = await registrant(env);
    const made = await register(env, late.token, event);
    const { order } = await confirm(made.id, late.token);
    await env.server.app.get(JobScheduler).runNow('events.expire-holds', new Date(Date.now() + HOUR));
    expect((await registrationRows(env).findOneByOrFail({ id: made.id })).state).toBe('cancelled');
    expect(await paymentRows(env).findOneByOrFail({ id: order!.paymentId })).toMatchObject({
      status: 'closed',
      openKey: null,
    });
    await expect(payAtStandin(env, prepayIdOf(order!))).rejects.toThrow('answered 409');
    expect(await refundsOf(made.id)).toEqual([]);
  });

  it('a seat cancelled while awaiting payment closes its order', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(1, { prices }));
    const who = await registrant(env);
    const made = await register(env, who.token, event);
    const { order } = await confirm(made.id, who.token);
    const res = await postJson(env, `/api/registrations/${made.id}/cancel`, {}, bearer(who.token));
    expect(res.body).toEqual({ state: 'cancelled', refundFen: 0 });
    expect((await paymentRows(env).findOneByOrFail({ id: order!.paymentId })).status).toBe('closed');
    await expect(payAtStandin(env, prepayIdOf(order!))).rejects.toThrow('answered 409');
  });

  it('a payment that beat the close for a seat no longer held is refunded in full, never a second seat', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(1, { prices }));
    const late = await registrant(env);
    const next = await registrant(env);
    const made = await register(env, late.token, event);
    const waiting = await register(env, next.token, event);
    const { order } = await confirm(made.id, late.token);
    // Paid at WeChat Pay as the hold ran out, no word of it yet: the job's close is refused, and
    // asking where the order stands settles the payment, which is sent back.
    await payAtStandin(env, prepayIdOf(order!), 'success', 'none');
    await env.server.app.get(JobScheduler).runNow('events.expire-holds', new Date(Date.now() + HOUR));
    expect((await registrationRows(env).findOneByOrFail({ id: made.id })).state).toBe('cancelled');
    expect((await registrationRows(env).findOneByOrFail({ id: waiting.id })).state).toBe('offered');
    await eventually(async () => (await refundsOf(made.id)).some((refund) => refund.status === 'succeeded'));
    expect((await refundsOf(made.id)).map((refund) => refund.amountFen)).toEqual([PRICE]);
    expect((await registrationRows(env).findOneByOrFail({ id: made.id })).state).toBe('cancelled');
    expect((await sessionRows(env).findOneByOrFail({ id: event.sessions[0]!.id })).taken).toBe(1);
  });

  it('an event cancelled refunds its paid seats in full and closes the orders of seats awaiting payment', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(2, { prices }));
    const who = await registrant(env);
    const made = await register(env, who.token, event);
    const { order } = await confirm(made.id, who.token);
    await payAtStandin(env, prepayIdOf(order!));
    await eventually(
      async () => (await registrationRows(env).findOneByOrFail({ id: made.id })).state === 'confirmed',
    );
    const holder = await registrant(env);
    const held = await register(env, holder.token, event);
    const unpaid = (await confirm(held.id, holder.token)).order!;
    const res = await postJson(
      env,
      `/api/events/${event.id}/cancel`,
      { reason: '讲师临时有事' },
      bearer(staff.token),
    );
    expect(res.status).toBe(200);
    await eventually(async () => (await refundsOf(made.id)).some((refund) => refund.status === 'succeeded'));
    expect((await read(made.id, who.token)).paidFen).toBe(0);
    // The seat still awaiting payment can no longer be paid.
    expect((await paymentRows(env).findOneByOrFail({ id: unpaid.paymentId })).status).toBe('closed');
    await expect(payAtStandin(env, prepayIdOf(unpaid))).rejects.toThrow('answered 409');
  });

  it('an offered paid seat keeps its deadline to pay by; asking again answers the same order', async () => {
    const event = await publishedEvent(env, staff.token, eventBody(1, { prices }));
    const first = await registrant(env);
    const second = await registrant(env);
    const taken = await register(env, first.token, event);
    const waiting = await register(env, second.token, event);
    expect(waiting.state).toBe('waitlisted');
    const dropped = await postJson(env, `/api/registrations/${taken.id}/cancel`, {}, bearer(first.token));
    expect(dropped.body).toEqual({ state: 'cancelled', refundFen: 0 });
    const offered = await read(waiting.id, second.token);
    expect(offered.state).toBe('offered');
    const one = await confirm(waiting.id, second.token);
    const two = await confirm(waiting.id, second.token);
    expect(one.state).toBe('awaiting_payment');
    expect(two.order?.paymentId).toBe(one.order?.paymentId);
    expect((await read(waiting.id, second.token)).holdExpiresAt).toBe(offered.holdExpiresAt);
    await payAtStandin(env, prepayIdOf(one.order!));
    await eventually(
      async () => (await registrationRows(env).findOneByOrFail({ id: waiting.id })).state === 'confirmed',
    );
    expect((await sessionRows(env).findOneByOrFail({ id: event.sessions[0]!.id })).taken).toBe(1);
  });

  it('staff cancel someone’s paid seat at any time: refunded in full whatever the rule, audited, the seat offered on', async () => {
    const soon = eventBody(1, {
      prices,
      refundFullUntilDays: 30,
      startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
    });
    const event = await publishedEvent(env, staff.token, soon);
    const who = await registrant(env);
    const next = await registrant(env);
    const made = await register(env, who.token, event);
    const waiting = await register(env, next.token, event);
    const { order } = await confirm(made.id, who.token);
    await payAtStandin(env, prepayIdOf(order!));
    await eventually(
      async () => (await registrationRows(env).findOneByOrFail({ id: made.id })).state === 'confirmed',
    );
    // By the rule the registrant would get nothing back now.
    expect((await read(made.id, who.token)).refundOnCancelFen).toBe(0);
    const stranger = await postJson(env, `/api/registrations/${made.id}/cancel`, {}, bearer(next.token));
    expect(stranger.status).toBe(404);
    await eventRows(env).update(event.id, { closesAt: new Date(Date.now() - 1000) });
    const res = await postJson(env, `/api/registrations/${made.id}/cancel`, {}, bearer(staff.token));
    expect(res.body).toEqual({ state: 'cancelled', refundFen: PRICE });
    await eventually(async () => (await refundsOf(made.id)).some((refund) => refund.status === 'succeeded'));
    expect((await refundsOf(made.id)).map((refund) => refund.amountFen)).toEqual([PRICE]);
    expect((await registrationRows(env).findOneByOrFail({ id: waiting.id })).state).toBe('offered');
    const audited = (await auditRows(env, 'registration.cancelled_by_staff')).filter(
      (row) => row.target === `registration:${made.id}`,
    );
    expect(audited).toHaveLength(1);
    const again = await postJson(env, `/api/registrations/${made.id}/cancel`, {}, bearer(staff.token));
    expect(again.status).toBe(409);
  });
});
