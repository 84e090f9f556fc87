import { Abilities } from '../../src/common/policy';
import { UsersPolicy } from '../../src/modules/users/users.policy';
import { UsersService } from '../../src/modules/users/users.service';
import { type MediumEnv, startMedium } from '../support/medium';

describe('users: object-level rules and abilities', () => {
  let env: MediumEnv;
  beforeAll(async () => {
    env = await startMedium();
  });
  afterAll(() => env.close());

  it('lets a person act on their own profile only, whatever their roles', async () => {
    const policy = env.app.get(UsersPolicy);
    const alice = await env.actor('o_alice');
    const admin = await env.actor('o_admin', ['staff', 'admin']);
    expect(policy.can(alice, 'readProfile', alice.user)).toBe(true);
    expect(policy.can(alice, 'bindPhone', admin.user)).toBe(false);
    expect(policy.can(admin, 'bindPhone', alice.user)).toBe(false);
    expect(policy.can({ ...alice, user: null }, 'readProfile', alice.user)).toBe(false);
  });

  it('derives what /api/me offers from every feature’s policy', async () => {
    const abilities = env.app.get(Abilities);
    expect(abilities.of(await env.actor('o_visitor'))).toEqual({
      openStaffConsole: false,
      manageStaff: false,
      readAuditLog: false,
      manageCampaigns: false,
      manageDues: false,
      readDashboard: false,
    });
    expect(abilities.of(await env.actor('o_clerk', ['staff']))).toEqual({
      openStaffConsole: true,
      manageStaff: false,
      readAuditLog: true,
      manageCampaigns: true,
      manageDues: true,
      readDashboard: true,
    });
    const admin = await env.actor('o_chief', ['staff', 'admin']);
    expect((await env.app.get(UsersService).me(admin)).can).toEqual({
      openStaffConsole: true,
      manageStaff: true,
      readAuditLog: true,
      manageCampaigns: true,
      manageDues: true,
      readDashboard: true,
    });
  });

  it('makes one account per openid however often it is asked', async () => {
    const users = env.app.get(UsersService);
    const first = await users.findOrCreateByOpenid('o_once');
    const second = await users.findOrCreateByOpenid('o_once', { unionid: 'u_once' });
    expect(second.id).toBe(first.id);
    expect((await users.findByOpenid('o_once'))?.unionid).toBe('u_once');
  });
});
