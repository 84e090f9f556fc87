import { inviteSchema, joinRequestSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { UnitInviteEntity } from '../../src/modules/units/invite.entity';
import { UnitJoinRequestEntity } from '../../src/modules/units/join-request.entity';
import { SeatLimitEntity } from '../../src/modules/units/seat-limit.entity';
import { UnitContactEntity } from '../../src/modules/units/unit-contact.entity';
import type { AuthEnv } from '../support/auth-env';
import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';
import { mismatchedCreditCode, person } from '../support/joining';
import { colleague, invite, memberUnit, pendingRequest, someone, unitWithoutContacts } from './fixtures';

const ds = (env: AuthEnv) => env.server.app.get(DataSource);
const contactsOf = (env: AuthEnv, unitId: number) =>
  ds(env)
    .getRepository(UnitContactEntity)
    .find({ where: { unitId }, order: { id: 'ASC' } });
const primariesOf = async (env: AuthEnv, unitId: number) =>
  (await contactsOf(env, unitId)).filter((contact) => contact.isPrimary).map((contact) => contact.userId);

const accept = (token: string, inviteToken: string, name = '王五'): Call => ({
  method: 'POST',
  path: `/api/invites/${inviteToken}/accept`,
  token,
  body: { name },
});
const decision = (token: string, unitId: number, requestId: number, value: string): Call => ({
  method: 'POST',
  path: `/api/units/${unitId}/join-requests/${requestId}/decisions`,
  token,
  body: { decision: value },
});
const removal = (token: string, unitId: number, userId: number): Call => ({
  method: 'DELETE',
  path: `/api/units/${unitId}/contacts/${userId}`,
  token,
});
const handOver = (token: string, unitId: number, userId: number): Call => ({
  method: 'POST',
  path: `/api/units/${unitId}/primary-contact`,
  token,
  body: { userId },
});

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'PUT /api/units/seat-limits',
    title: 'six identical first changes at once: all 200, one row per level, the change audited once',
    async run(env) {
      const { token } = await person(env, 'o_seats_staff', ['staff']);
      const limits = { member: 4, committee: 6, vice_president: 10, president: 10 };
      const answers = await atOnce(
        env,
        times(6, { method: 'PUT', path: '/api/units/seat-limits', token, body: { limits } }),
      );
      expect(tally(answers)).toEqual({ '200': 6 });
      const rows = await ds(env).getRepository(SeatLimitEntity).find();
      expect(Object.fromEntries(rows.map((row) => [row.level, row.seats]))).toEqual(limits);
      expect(await auditRows(env, 'unit.seat_limits_changed')).toHaveLength(1);
    },
  },
  {
    route: 'POST /api/units/:id/invites',
    title: 'six invites at once: six distinct tokens, six rows, each audited',
    async run(env) {
      const unit = await memberUnit(env);
      const answers = await atOnce(
        env,
        times(6, { method: 'POST', path: `/api/units/${unit.id}/invites`, token: unit.primary.token }),
      );
      expect(tally(answers)).toEqual({ '201': 6 });
      expect(new Set(answers.map((a) => inviteSchema.parse(a.body).token)).size).toBe(6);
      expect(await ds(env).getRepository(UnitInviteEntity).countBy({ unitId: unit.id })).toBe(6);
      expect(await auditRows(env, 'contact.invited')).toHaveLength(6);
    },
  },
  {
    route: 'POST /api/invites/:token/accept',
    title: 'six people accepting one invite at once: one joins, five 410 INVITE_USED',
    async run(env) {
      const unit = await memberUnit(env, 'committee');
      const { token } = await invite(env, unit.primary.token, unit.id);
      const people = await Promise.all([1, 2, 3, 4, 5, 6].map(() => someone(env)));
      const answers = await atOnce(
        env,
        people.map((p) => accept(p.token, token)),
      );
      expect(tally(answers)).toEqual({ '200': 1, '410 INVITE_USED': 5 });
      expect(await contactsOf(env, unit.id)).toHaveLength(2);
      expect(await auditRows(env, 'contact.joined')).toHaveLength(1);
    },
  },
  {
    route: 'POST /api/invites/:token/accept',
    title:
      'two people racing for the last seat with two invites: exactly one wins, the other 409 UNIT_SEATS_FULL',
    async run(env) {
      const unit = await memberUnit(env, 'member');
      await colleague(env, unit, '王一');
      const a = await invite(env, unit.primary.token, unit.id);
      const b = await invite(env, unit.primary.token, unit.id);
      const [x, y] = [await someone(env), await someone(env)];
      const answers = await atOnce(env, [accept(x.token, a.token), accept(y.token, b.token)]);
      expect(tally(answers)).toEqual({ '200': 1, '409 UNIT_SEATS_FULL': 1 });
      expect(await contactsOf(env, unit.id)).toHaveLength(3);
    },
  },
  {
    route: 'POST /api/invites/:token/accept',
    title: 'one person accepting invites of two units at once: a contact of one unit only',
    async run(env) {
      const [one, two] = [await memberUnit(env), await memberUnit(env)];
      const joiner = await someone(env);
      const answers = await atOnce(env, [
        accept(joiner.token, (await invite(env, one.primary.token, one.id)).token),
        accept(joiner.token, (await invite(env, two.primary.token, two.id)).token),
      ]);
      expect(tally(answers)).toEqual({ '200': 1, '409 CONTACT_ALREADY_IN_UNIT': 1 });
      expect(await ds(env).getRepository(UnitContactEntity).countBy({ userId: joiner.id })).toBe(1);
    },
  },
  {
    route: 'POST /api/invites/:token/accept',
    title: 'four first contacts of a unit with none accept at once: three seats taken, exactly one primary',
    async run(env) {
      const staff = await person(env, 'o_first_contacts_staff', ['staff']);
      const unit = await unitWithoutContacts(env);
      const calls: Call[] = [];
      for (let i = 0; i < 4; i++) {
        calls.push(accept((await someone(env)).token, (await invite(env, staff.token, unit.id)).token));
      }
      expect(tally(await atOnce(env, calls))).toEqual({ '200': 3, '409 UNIT_SEATS_FULL': 1 });
      expect(await contactsOf(env, unit.id)).toHaveLength(3);
      expect(await primariesOf(env, unit.id)).toHaveLength(1);
    },
  },
  {
    route: 'POST /api/units/:id/join-requests',
    title: 'the same request five times at once: one pending request, four 409 JOIN_REQUEST_OPEN',
    async run(env) {
      const unit = await memberUnit(env);
      const requester = await someone(env);
      const call: Call = {
        method: 'POST',
        path: `/api/units/${unit.id}/join-requests`,
        token: requester.token,
        body: { creditCode: unit.creditCode, name: '赵六' },
      };
      // Five, the per-person limit: attempts in flight are counted before any is checked, so a sixth
      // at the same instant would be refused 429 whatever its code.
      expect(tally(await atOnce(env, times(5, call)))).toEqual({ '201': 1, '409 JOIN_REQUEST_OPEN': 4 });
      expect(await ds(env).getRepository(UnitJoinRequestEntity).countBy({ userId: requester.id })).toBe(1);
    },
  },
  {
    route: 'POST /api/units/:id/join-requests',
    title: 'eight wrong codes at once from one person: five checked, three 429 RATE_LIMITED',
    async run(env) {
      const unit = await memberUnit(env);
      const guesser = await someone(env);
      const calls = [1, 2, 3, 4, 5, 6, 7, 8].map((): Call => ({
        method: 'POST',
        path: `/api/units/${unit.id}/join-requests`,
        token: guesser.token,
        body: { creditCode: mismatchedCreditCode(), name: '赵六' },
      }));
      expect(tally(await atOnce(env, calls))).toEqual({
        '400 CREDIT_CODE_MISMATCH': 5,
        '429 RATE_LIMITED': 3,
      });
    },
  },
  {
    route: 'POST /api/units/:id/join-requests/:requestId/decisions',
    title:
      'the primary contact and staff approving one request at once: one contact added, the other 409 JOIN_REQUEST_DECIDED',
    async run(env) {
      const staff = await person(env, 'o_decider_staff', ['staff']);
      const unit = await memberUnit(env);
      const requester = await someone(env);
      const request = await pendingRequest(env, unit, requester);
      const answers = await atOnce(env, [
        decision(unit.primary.token, unit.id, request.id, 'approve'),
        decision(staff.token, unit.id, request.id, 'approve'),
        decision(staff.token, unit.id, request.id, 'decline'),
      ]);
      expect(tally(answers)).toEqual({ '200': 1, '409 JOIN_REQUEST_DECIDED': 2 });
      const row = await ds(env).getRepository(UnitJoinRequestEntity).findOneByOrFail({ id: request.id });
      const contacts = await ds(env).getRepository(UnitContactEntity).countBy({ userId: requester.id });
      expect(contacts).toBe(row.state === 'approved' ? 1 : 0);
      expect(
        (await auditRows(env, 'join_request.approved')).length +
          (await auditRows(env, 'join_request.declined')).length,
      ).toBe(1);
    },
  },
  {
    route: 'POST /api/units/:id/join-requests/:requestId/decisions',
    title:
      'two approvals racing for the last seat: exactly one joins, the other 409 UNIT_SEATS_FULL and stays pending',
    async run(env) {
      const unit = await memberUnit(env, 'member');
      await colleague(env, unit, '王一');
      const first = await pendingRequest(env, unit, await someone(env));
      const second = await pendingRequest(env, unit, await someone(env));
      const answers = await atOnce(env, [
        decision(unit.primary.token, unit.id, first.id, 'approve'),
        decision(unit.primary.token, unit.id, second.id, 'approve'),
      ]);
      expect(tally(answers)).toEqual({ '200': 1, '409 UNIT_SEATS_FULL': 1 });
      expect(await contactsOf(env, unit.id)).toHaveLength(3);
      const states = (await ds(env).getRepository(UnitJoinRequestEntity).findBy({ unitId: unit.id })).map(
        (r) => r.state,
      );
      expect(states.sort()).toEqual(['approved', 'pending']);
    },
  },
  {
    route: 'DELETE /api/join-requests/:id',
    title: 'a withdrawal racing an approval: one of them wins, the request and the contacts agree',
    async run(env) {
      const unit = await memberUnit(env);
      for (let round = 0; round < 3; round++) {
        const requester = await someone(env);
        const request = await pendingRequest(env, unit, requester);
        const [withdrawn, approved] = await atOnce(env, [
          { method: 'DELETE', path: `/api/join-requests/${request.id}`, token: requester.token },
          decision(unit.primary.token, unit.id, request.id, 'approve'),
        ]);
        const row = await ds(env).getRepository(UnitJoinRequestEntity).findOneByOrFail({ id: request.id });
        const joined = await ds(env).getRepository(UnitContactEntity).countBy({ userId: requester.id });
        if (row.state === 'withdrawn') {
          expect([withdrawn?.status, approved?.status, joined]).toEqual([200, 409, 0]);
          expect(joinRequestSchema.parse(withdrawn?.body).state).toBe('withdrawn');
        } else {
          expect([row.state, withdrawn?.status, approved?.status, joined]).toEqual(['approved', 409, 200, 1]);
          await ds(env).getRepository(UnitContactEntity).delete({ userId: requester.id });
        }
      }
    },
  },
  {
    route: 'DELETE /api/units/:id/contacts/:userId',
    title: 'one contact removed four times at once: one 204, three 404 CONTACT_NOT_IN_UNIT, audited once',
    async run(env) {
      const unit = await memberUnit(env);
      const contact = await colleague(env, unit);
      const answers = await atOnce(env, times(4, removal(unit.primary.token, unit.id, contact.id)));
      expect(tally(answers)).toEqual({ '204': 1, '404 CONTACT_NOT_IN_UNIT': 3 });
      expect(await contactsOf(env, unit.id)).toHaveLength(1);
      expect(await auditRows(env, 'contact.removed')).toHaveLength(1);
    },
  },
  {
    route: 'DELETE /api/units/:id/contacts/:userId',
    title: 'a removal racing a hand-over to the same contact: never a unit without its one primary contact',
    async run(env) {
      const staff = await person(env, 'o_race_staff', ['staff']);
      for (let round = 0; round < 3; round++) {
        const unit = await memberUnit(env);
        const contact = await colleague(env, unit);
        const [removed, handed] = await atOnce(env, [
          removal(staff.token, unit.id, contact.id),
          handOver(unit.primary.token, unit.id, contact.id),
        ]);
        const primaries = await primariesOf(env, unit.id);
        if (removed?.status === 204) {
          expect([handed?.status, primaries]).toEqual([404, [unit.primary.id]]);
        } else {
          expect([removed?.status, handed?.status, primaries]).toEqual([409, 200, [contact.id]]);
        }
      }
    },
  },
  {
    route: 'POST /api/units/:id/primary-contact',
    title:
      'the primary contact handing over to two colleagues at once: one 200, one 403, exactly one primary',
    async run(env) {
      const unit = await memberUnit(env, 'committee');
      const a = await colleague(env, unit, '王一');
      const b = await colleague(env, unit, '王二');
      const answers = await atOnce(env, [
        handOver(unit.primary.token, unit.id, a.id),
        handOver(unit.primary.token, unit.id, b.id),
      ]);
      expect(tally(answers)).toEqual({ '200': 1, '403 FORBIDDEN': 1 });
      const primaries = await primariesOf(env, unit.id);
      expect(primaries).toHaveLength(1);
      expect([a.id, b.id]).toContain(primaries[0]);
      expect(await auditRows(env, 'contact.primary_handed_over')).toHaveLength(1);
    },
  },
];
