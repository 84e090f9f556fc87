import { checkUscc } from '@itss/shared';
import { DataSource } from 'typeorm';
import { DEMO_UNIT_CREDIT_CODE, DemoUnitSeed } from '../../src/modules/units/demo-unit.seed';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { UnitsService } from '../../src/modules/units/units.service';
import { UsersService } from '../../src/modules/users/users.service';
import { type AuthEnv, startAuthEnv } from '../support/auth-env';

describe('contacts: the demo member unit of development', () => {
  const membershipOf = async (env: AuthEnv, openid: string) =>
    env.server.app
      .get(UnitsService)
      .membershipOf((await env.server.app.get(UsersService).findOrCreateByOpenid(openid)).id);

  it('with the WeChat stand-in served: 示例会员单位 at 委员 level, 李主联 its primary contact, 会员联系人 left out; once only', async () => {
    const env = await startAuthEnv((config) => ({
      ...config,
      wechat: { ...config.wechat, serveStandin: true },
    }));
    try {
      expect(await membershipOf(env, 'o_demo_primary_contact')).toMatchObject({
        unitName: '示例会员单位',
        level: 'committee',
        status: 'active',
        contactName: '李主联',
        isPrimary: true,
      });
      expect(await membershipOf(env, 'o_demo_member_contact')).toBeNull();
      expect(checkUscc(DEMO_UNIT_CREDIT_CODE)).toBe('valid');
      await env.server.app.get(DemoUnitSeed).onModuleInit();
      expect(await env.server.app.get(DataSource).getRepository(UnitEntity).count()).toBe(1);
    } finally {
      await env.close();
    }
  });

  it('without the stand-in (production, tests): no demo unit', async () => {
    const env = await startAuthEnv();
    try {
      expect(await env.server.app.get(DataSource).getRepository(UnitEntity).count()).toBe(0);
    } finally {
      await env.close();
    }
  });
});
