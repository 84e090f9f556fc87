import { attendeeNamedSchema, bookingCreatedSchema, wechatPayOrderSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { RegistrationEntity } from '../../src/modules/events/registration.entity';
import { PaymentEntity } from '../../src/modules/payments/payment.entity';
import { type AuthEnv, seedOf } from '../support/auth-env';
import { person } from '../support/joining';
import { uploadPdf } from '../dues/receipts-support';
import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { PAID_PRICES, bookableFor, paidSeatOf, sessionNow } from './desk-support';

const ds = (env: AuthEnv) => env.server.app.get(DataSource);

/** A primary contact of a fresh member unit: its token and unit. */
async function booker(env: AuthEnv, name: string): Promise<{ token: string; unitId: number }> {
  const staff = await person(env, `o_desk_race_staff_${name}`, ['staff']);
  const contact = await person(env, `o_desk_race_${name}`);
  const { unit } = await seedOf(env).memberUnit(contact.token, staff.token);
  return { token: contact.token, unitId: unit.id };
}

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/events/:id/bookings',
    title: 'five bookings of 4 seats at once for 10 seats: two taken whole, three 409, never a part',
    async run(env) {
      const { token, unitId } = await booker(env, 'book');
      const { eventId, sessionId } = await bookableFor(env, unitId, { capacities: [10] });
      const call: Call = {
        method: 'POST',
        path: `/api/events/${eventId}/bookings`,
        token,
        body: { sessionId, unitId, seats: 4 },
      };
      expect(tally(await atOnce(env, times(5, call)))).toEqual({
        '201': 2,
        '409 REGISTRATION_NOT_ENOUGH_SEATS': 3,
      });
      expect((await sessionNow(env, sessionId)).taken).toBe(8);
      expect(await ds(env).getRepository(RegistrationEntity).countBy({ sessionId })).toBe(8);
    },
  },
  {
    route: 'POST /api/bookings/:id/pay',
    title: 'the booker asking to pay five times at once: one open order, answered to all',
    async run(env) {
      const { token, unitId } = await booker(env, 'pay');
      const { eventId, body } = await bookableFor(env, unitId, { prices: PAID_PRICES });
      const booked = bookingCreatedSchema.parse(
        await seedOf(env).ok(token, 'POST', `/api/events/${eventId}/bookings`, body),
      );
      const answers = await atOnce(
        env,
        times(5, { method: 'POST', path: `/api/bookings/${booked.bookingId}/pay`, token }),
      );
      expect(tally(answers)).toEqual({ '201': 5 });
      const orders = answers.map(({ body: order }) => wechatPayOrderSchema.parse(order).paymentId);
      const open = await ds(env)
        .getRepository(PaymentEntity)
        .findBy({ subjectType: 'event_booking', subjectId: booked.bookingId, status: 'pending' });
      expect(open).toHaveLength(1);
      expect(new Set(orders)).toEqual(new Set([open[0]!.id]));
    },
  },
  {
    route: 'PATCH /api/registrations/:id/attendee',
    title: 'one seat named five ways at once: all 200, the seat holds one of the names whole',
    async run(env) {
      const { token, unitId } = await booker(env, 'name');
      const { eventId, body } = await bookableFor(env, unitId);
      const booked = bookingCreatedSchema.parse(
        await seedOf(env).ok(token, 'POST', `/api/events/${eventId}/bookings`, body),
      );
      const seatId = booked.registrationIds[0]!;
      const people = ['赵一', '钱二', '孙三', '李四', '周五'];
      const answers = await atOnce(
        env,
        people.map((name, index) => ({
          method: 'PATCH' as const,
          path: `/api/registrations/${seatId}/attendee`,
          token,
          body: { name, phone: `1390000000${index}` },
        })),
      );
      expect(tally(answers)).toEqual({ '200': 5 });
      for (const answer of answers) attendeeNamedSchema.parse(answer.body);
      const seat = await ds(env).getRepository(RegistrationEntity).findOneByOrFail({ id: seatId });
      const index = people.indexOf(seat.name ?? '');
      expect(index).toBeGreaterThanOrEqual(0);
      expect(seat.phone).toBe(`1390000000${index}`);
    },
  },
  {
    route: 'POST /api/registrations/:id/invoice-request',
    title: 'five requests at once (a double tap): one 200, four 409 REGISTRATION_INVOICE_REQUESTED',
    async run(env) {
      const owner = await person(env, 'o_desk_invoice_race');
      const seat = await paidSeatOf(env, owner.id);
      const call: Call = {
        method: 'POST',
        path: `/api/registrations/${seat.id}/invoice-request`,
        token: owner.token,
        body: { title: '北京示例信息技术有限公司' },
      };
      expect(tally(await atOnce(env, times(5, call)))).toEqual({
        '200': 1,
        '409 REGISTRATION_INVOICE_REQUESTED': 4,
      });
    },
  },
  {
    route: 'POST /api/registrations/:id/invoice',
    title:
      'the same invoice issued five times at once: all 200, issued and audited once; another file then is 409',
    async run(env) {
      const staff = await person(env, 'o_desk_invoice_race_staff', ['staff']);
      const owner = await person(env, 'o_desk_invoice_race_owner');
      const seat = await paidSeatOf(env, owner.id, true);
      const call: Call = {
        method: 'POST',
        path: `/api/registrations/${seat.id}/invoice`,
        token: staff.token,
        body: { fileId: await uploadPdf(env, staff.token), number: 'No.20260001' },
      };
      expect(tally(await atOnce(env, times(5, call)))).toEqual({ '200': 5 });
      const audited = (await auditRows(env, 'registration.invoice_issued')).filter(
        (row) => row.target === `registration:${seat.id}`,
      );
      expect(audited).toHaveLength(1);
      const other = await atOnce(env, [
        { ...call, body: { fileId: await uploadPdf(env, staff.token), number: 'No.2' } },
      ]);
      expect(tally(other)).toEqual({ '409 REGISTRATION_INVOICE_ISSUED': 1 });
    },
  },
];
