import { checkUscc, meSchema } from '@itss/shared';
import { DataSource } from 'typeorm';
import {
  DEMO_ARREARS_UNIT,
  DEMO_UNIT_CREDIT_CODE,
  DemoUnitSeed,
} from '../../src/modules/units/demo-unit.seed';
import { UnitContactEntity } from '../../src/modules/units/unit-contact.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import { UnitsService } from '../../src/modules/units/units.service';
import { UsersService } from '../../src/modules/users/users.service';
import { STANDIN_PERSONAS, type StandinPersonaKey } from '../../src/wechat/standin/personas';
import { type AuthEnv, bearer, startAuthEnv } from '../support/auth-env';
import { builtServer, seeding } from '../support/seed';

describe('contacts: the demo member unit of development', () => {
  const membershipOf = async (env: AuthEnv, openid: string) =>
    env.server.app
      .get(UnitsService)
      .membershipOf((await env.server.app.get(UsersService).findOrCreateByOpenid(openid)).id);

  it('with the WeChat stand-in served: 示例会员单位 at 委员 level, 李主联 its primary contact, 孙联络 its other contact; once only', async () => {
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
      expect(await membershipOf(env, 'o_demo_member_contact')).toMatchObject({
        unitName: '示例会员单位',
        status: 'active',
        contactName: '孙联络',
        isPrimary: false,
      });
      expect(checkUscc(DEMO_UNIT_CREDIT_CODE)).toBe('valid');
      await env.server.app.get(DemoUnitSeed).onModuleInit();
      // Once only: the demo unit and standing's arrears demo unit, each still there once.
      const units = await env.server.app
        .get(DataSource)
        .getRepository(UnitEntity)
        .find({ order: { id: 'ASC' } });
      expect(units.map((unit) => unit.name)).toEqual(['示例会员单位', DEMO_ARREARS_UNIT.name]);
      expect(await env.server.app.get(DataSource).getRepository(UnitContactEntity).count()).toBe(2);
    } finally {
      await env.close();
    }
  });

  it('each demo persona is what its name says on 我的', async () => {
    const env = await startAuthEnv((config) => ({
      ...config,
      wechat: { ...config.wechat, serveStandin: true },
    }));
    try {
      // Signed in as the H5 build does: through the stand-in this server serves.
      const meOf = async (persona: StandinPersonaKey) => {
        const { token } = await seeding(builtServer(env.server.baseUrl)).signIn({ persona });
        return meSchema.parse((await env.server.get('/api/me', { headers: bearer(token) })).body);
      };
      const standing = async (persona: StandinPersonaKey) => {
        const me = await meOf(persona);
        return {
          roles: [...me.roles].sort(),
          unit: me.unit && { name: me.unit.name, primary: me.unit.isPrimaryContact },
        };
      };
      const unit = (primary: boolean) => ({ name: '示例会员单位', primary });
      expect({
        访客: await standing('visitor'),
        申请人: await standing('applicant'),
        会员联系人: await standing('member_contact'),
        主联系人: await standing('primary_contact'),
        工作人员: await standing('staff'),
      }).toEqual({
        访客: { roles: [], unit: null },
        申请人: { roles: [], unit: null },
        会员联系人: { roles: [], unit: unit(false) },
        主联系人: { roles: [], unit: unit(true) },
        工作人员: { roles: ['admin', 'staff'], unit: null },
      });
      expect(STANDIN_PERSONAS.map((persona) => persona.label)).toEqual([
        '访客',
        '申请人',
        '会员联系人',
        '主联系人',
        '工作人员',
      ]);
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
