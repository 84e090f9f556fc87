import type { Role } from '@itss/shared';
import { UsersService } from '../../src/modules/users/users.service';
import { type AuthEnv, login, userIdOf, withRoles } from '../support/auth-env';
import { type Call, type ConcurrencyCase, atOnce, auditRows, tally, times } from '../support/concurrency';

async function rolesOf(env: AuthEnv, userId: number): Promise<Role[]> {
  return env.server.app.get(UsersService).rolesOf(userId);
}

/** A signed-in admin's token. */
async function admin(env: AuthEnv, openid: string): Promise<{ id: number; token: string }> {
  await withRoles(env, openid, ['staff', 'admin']);
  const { token, user } = await login(env, openid);
  return { id: user.id, token };
}

const grant = (token: string, userId: number, asAdmin = false): Call => ({
  method: 'POST',
  path: '/api/staff',
  token,
  body: { userId, admin: asAdmin },
});
const revoke = (token: string, userId: number): Call => ({
  method: 'DELETE',
  path: `/api/staff/${userId}`,
  token,
});

export const CONCURRENCY: ConcurrencyCase[] = [
  {
    route: 'POST /api/staff',
    title: 'six grants of staff to one person at once: all 200, the role once, one audit row',
    async run(env) {
      const chief = await admin(env, 'o_chief');
      const person = await userIdOf(env, 'o_person');
      for (let round = 1; round <= 5; round++) {
        expect(tally(await atOnce(env, times(6, grant(chief.token, person))))).toEqual({ '200': 6 });
        expect(await rolesOf(env, person)).toEqual(['staff']);
        expect(await auditRows(env, 'role.granted', person)).toHaveLength(round);
        await env.server.app.get(UsersService).removeRoles(person, ['staff']);
      }
    },
  },
  {
    route: 'POST /api/staff',
    title: 'grants to six people at once: all 200, each granted and audited once',
    async run(env) {
      const chief = await admin(env, 'o_chief');
      const people = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => userIdOf(env, `o_person_${i}`)));
      const answers = await atOnce(
        env,
        people.map((id) => grant(chief.token, id)),
      );
      expect(tally(answers)).toEqual({ '200': 6 });
      for (const id of people) {
        expect({ id, roles: await rolesOf(env, id) }).toEqual({ id, roles: ['staff'] });
        expect(await auditRows(env, 'role.granted', id)).toHaveLength(1);
      }
    },
  },
  {
    route: 'POST /api/staff',
    title: 'promote to admin racing a revoke: the person ends as after one or the other, never admin alone',
    async run(env) {
      const chief = await admin(env, 'o_chief');
      const person = await userIdOf(env, 'o_person');
      for (let round = 0; round < 8; round++) {
        await withRoles(env, 'o_person', ['staff']);
        const granted = (await auditRows(env, 'role.granted', person)).length;
        const revoked = (await auditRows(env, 'role.revoked', person)).length;
        const answers = await atOnce(env, [grant(chief.token, person, true), revoke(chief.token, person)]);
        expect(tally(answers)).toEqual({ '200': 1, '204': 1 });
        const roles = await rolesOf(env, person);
        const grants = (await auditRows(env, 'role.granted', person)).slice(granted);
        const revokes = (await auditRows(env, 'role.revoked', person)).slice(revoked);
        // Grant then revoke leaves nothing; revoke then grant leaves both roles. Either way the
        // log holds the two changes as they happened.
        const story = { roles, grants: grants.map((a) => a.detail), revokes: revokes.map((a) => a.detail) };
        expect([
          { roles: [], grants: ['admin'], revokes: ['staff,admin'] },
          { roles: [], grants: ['admin'], revokes: ['admin,staff'] },
          { roles: ['admin', 'staff'], grants: ['staff,admin'], revokes: ['staff'] },
        ]).toContainEqual(story);
        await env.server.app.get(UsersService).removeRoles(person, ['admin']);
      }
    },
  },
  {
    route: 'DELETE /api/staff/:userId',
    title: 'six revokes of one person at once: all 204, one audit row for the one change',
    async run(env) {
      const chief = await admin(env, 'o_chief');
      const person = await userIdOf(env, 'o_person');
      for (let round = 1; round <= 5; round++) {
        await withRoles(env, 'o_person', ['staff']);
        expect(tally(await atOnce(env, times(6, revoke(chief.token, person))))).toEqual({ '204': 6 });
        expect(await rolesOf(env, person)).toEqual([]);
        expect(await auditRows(env, 'role.revoked', person)).toHaveLength(round);
      }
    },
  },
  {
    route: 'DELETE /api/staff/:userId',
    title: 'the only two admins revoking each other at once: one wins, one admin is left',
    async run(env) {
      const users = env.server.app.get(UsersService);
      for (let round = 0; round < 5; round++) {
        const a = await admin(env, 'o_admin_a');
        const b = await admin(env, 'o_admin_b');
        const answers = await atOnce(env, [revoke(a.token, b.id), revoke(b.token, a.id)]);
        const { '204': won, ...lost } = tally(answers);
        expect(won).toBe(1);
        // The loser is refused by the rule, or before it when the winner's revoke has already
        // ended its session or taken its roles by the time its request is checked.
        expect(['409 STAFF_LAST_ADMIN', '401 SESSION_EXPIRED', '403 FORBIDDEN']).toEqual(
          expect.arrayContaining(Object.keys(lost)),
        );
        expect(Object.values(lost)).toEqual([1]);
        expect(await users.idsWithAnyRole(['admin'])).toHaveLength(1);
        expect(
          (await auditRows(env, 'role.revoked', a.id)).length +
            (await auditRows(env, 'role.revoked', b.id)).length,
        ).toBe(round + 1);
      }
    },
  },
];
