import { auditListResponseSchema } from '@itss/shared';
import { type AuthEnv, bearer, login, startAuthEnv, withRoles } from '../support/auth-env';

describe('audit log', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  it('pages the audit log newest first and refuses bad paging', async () => {
    for (const openid of ['o_first', 'o_second', 'o_third']) await login(env, openid);
    await withRoles(env, 'o_auditor', ['staff']);
    const { token } = await login(env, 'o_auditor');
    const first = auditListResponseSchema.parse(
      (await env.server.get('/api/audit?limit=2', { headers: bearer(token) })).body,
    );
    expect(first.items).toHaveLength(2);
    expect(first.items[0]!.id).toBeGreaterThan(first.items[1]!.id);
    const next = auditListResponseSchema.parse(
      (await env.server.get(`/api/audit?limit=2&cursor=${first.nextCursor}`, { headers: bearer(token) }))
        .body,
    );
    expect(next.items[0]!.id).toBeLessThan(first.items[1]!.id);
    expect((await env.server.get('/api/audit?limit=1000', { headers: bearer(token) })).status).toBe(400);
    expect((await env.server.get('/api/audit?sort=asc', { headers: bearer(token) })).status).toBe(400);
    expect((await env.server.get('/api/audit?cursor=abc', { headers: bearer(token) })).status).toBe(400);
  });
});
