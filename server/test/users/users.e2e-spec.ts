import { errorBodySchema, meSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import { AuditEntity } from '../../src/modules/audit/audit.entity';
import { UserEntity } from '../../src/modules/users/user.entity';
import {
  type AuthEnv,
  bearer,
  login,
  phoneCode,
  postJson,
  standinStats,
  startAuthEnv,
} from '../support/auth-env';

describe('the signed-in person: profile and phone', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startAuthEnv();
  });
  afterAll(() => env.close());

  async function counts() {
    const ds = env.server.app.get(DataSource);
    return {
      users: await ds.getRepository(UserEntity).count(),
      audit: await ds.getRepository(AuditEntity).count(),
    };
  }

  it('binds the phone WeChat vouches for, masked in answers, audited', async () => {
    const { token } = await login(env, 'o_judy');
    const res = await postJson(
      env,
      '/api/me/phone',
      { code: await phoneCode(env, '13912345678') },
      bearer(token),
    );
    expect(res.status).toBe(200);
    expect(meSchema.parse(res.body).phoneMasked).toBe('139****5678');
    expect(JSON.stringify(res.body)).not.toContain('13912345678');
    expect((await standinStats(env)).getuserphonenumber).toBe(1);
    const before = await counts();
    const bad = await postJson(env, '/api/me/phone', { code: 'forged' }, bearer(token));
    expect([bad.status, errorBodySchema.parse(bad.body).code]).toEqual([401, 'WECHAT_CODE_INVALID']);
    expect(await counts()).toEqual(before);
    const me = meSchema.parse((await env.server.get('/api/me', { headers: bearer(token) })).body);
    expect(me.phoneMasked).toBe('139****5678');
  });

  it('tells a visitor what the mini-program may offer: no staff console, no audit log', async () => {
    const { token } = await login(env, 'o_visitor');
    const me = meSchema.parse((await env.server.get('/api/me', { headers: bearer(token) })).body);
    expect(me.can).toEqual({
      openStaffConsole: false,
      manageStaff: false,
      readAuditLog: false,
      manageCampaigns: false,
      manageDues: false,
      readDashboard: false,
    });
  });
});
