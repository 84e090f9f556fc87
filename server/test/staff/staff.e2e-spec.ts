import { auditListResponseSchema, staffListResponseSchema } from '@itss/shared';
import { type AuthEnv, bearer, login, postJson, startAuthEnv, withRoles } from '../support/auth-env';

describe('staff management', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('lets an admin grant and revoke staff; the change ends the person’s sessions and is audited', async () => {
    await withRoles(env, 'o_admin', ['staff', 'admin']);
    const admin = await login(env, 'o_admin');
    const person = await login(env, 'o_kate');
    const granted = await postJson(env, '/api/staff', { userId: person.user.id }, bearer(admin.token));
    expect(granted.status).toBe(200);
    expect((await env.server.get('/api/me', { headers: bearer(person.token) })).status).toBe(401);

    const again = await login(env, 'o_kate');
    expect(again.user.roles).toEqual(['staff']);
    expect(again.user.can.openStaffConsole).toBe(true);
    const list = staffListResponseSchema.parse(
      (await env.server.get('/api/staff', { headers: bearer(admin.token) })).body,
    );
    expect(list.items.map((i) => i.id)).toContain(person.user.id);

    const revoked = await env.server.get(`/api/staff/${person.user.id}`, {
      method: 'DELETE',
      headers: bearer(admin.token),
    });
    expect(revoked.status).toBe(204);
    expect((await env.server.get('/api/me', { headers: bearer(again.token) })).status).toBe(401);

    const self = await env.server.get(`/api/staff/${admin.user.id}`, {
      method: 'DELETE',
      headers: bearer(admin.token),
    });
    expect(self.status).toBe(409);

    const audit = auditListResponseSchema.parse(
      (await env.server.get('/api/audit?limit=100', { headers: bearer(admin.token) })).body,
    );
    const actions = audit.items.map(
      (e) => `${e.action} ${e.target ? `${e.target.type}:${e.target.id}` : ''}`,
    );
    expect(actions).toContain(`role.granted user:${person.user.id}`);
    expect(actions).toContain(`role.revoked user:${person.user.id}`);
    const grantEntry = audit.items.find((e) => e.action === 'role.granted');
    expect(grantEntry?.targetName).toBe('微信用户');
    expect(audit.items.find((e) => e.action === 'auth.login')?.actor.displayName).toBeTruthy();
    expect(audit.items.every((e) => e.ip !== undefined)).toBe(true);
  });
});
