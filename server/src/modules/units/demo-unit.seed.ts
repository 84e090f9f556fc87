import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { beijingDate, now } from '../../common/time';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { In, type Repository } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { standinPersona } from '../../wechat/standin/personas';
import { UsersService } from '../users/users.service';
import { UnitContactEntity } from './unit-contact.entity';
import { UnitEntity } from './unit.entity';

/** The demo unit's credit code: well formed, with a valid check character. */
export const DEMO_UNIT_CREDIT_CODE = '91110108MA01XAMP1P';

/**
 * A second demo unit, without contacts, that has stopped paying and was suspended: the dues demo gives
 * it the last two years' bills unpaid, so the staff arrears page shows a unit proposed for removal
 * right after start.
 */
export const DEMO_ARREARS_UNIT = {
  name: '示例欠费单位（演示）',
  creditCode: '91110108MA01QF7K0E',
} as const;

/** The demo unit's contacts: the personas that speak for a member unit, by their names. */
const DEMO_CONTACTS = [
  { persona: 'primary_contact', title: '总经理助理', isPrimary: true },
  { persona: 'member_contact', title: '运维经理', isPrimary: false },
] as const;

/**
 * Development only (the server serves the WeChat stand-in), like the demo personas: a member unit
 * whose primary contact is the 主联系人 persona and whose other contact is the 会员联系人 persona, so
 * each persona is what its name says and 我的单位, invites and join requests can be tried right
 * after start. Only into an empty units table, so it never mixes with real or test data.
 */
@Injectable()
export class DemoUnitSeed implements OnModuleInit {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    if (await this.seed()) new Logger('Demo').log('Demo member unit ready (示例会员单位)');
  }

  @RetryOnConflict()
  @Transactional()
  private async seed(): Promise<boolean> {
    if ((await this.units.count()) > 0) return false;
    const people = [];
    for (const contact of DEMO_CONTACTS) {
      const persona = standinPersona(contact.persona);
      const user = await this.users.findOrCreateByOpenid(persona.openid, {
        unionid: persona.unionid,
        displayName: persona.displayName,
      });
      people.push({ ...contact, userId: user.id, name: persona.displayName });
    }
    if (await this.contacts.existsBy({ userId: In(people.map((person) => person.userId)) })) return false;
    const at = now();
    const unit = await this.units.save(
      this.units.create({
        name: '示例会员单位',
        creditCode: DEMO_UNIT_CREDIT_CODE,
        unitType: 'enterprise',
        province: '北京市',
        city: '海淀区',
        level: 'committee',
        status: 'active',
        joinedOn: beijingDate(at),
        createdAt: at,
      }),
    );
    for (const person of people) {
      await this.contacts.insert({
        unitId: unit.id,
        userId: person.userId,
        name: person.name,
        title: person.title,
        isPrimary: person.isPrimary,
        createdAt: at,
      });
    }
    const year = Number(beijingDate(at).slice(0, 4));
    await this.units.insert({
      ...DEMO_ARREARS_UNIT,
      unitType: 'enterprise',
      province: '北京市',
      city: '朝阳区',
      level: 'member',
      // Suspended for not paying (still owing, still proposed), so it stays out of the public directory.
      status: 'suspended',
      joinedOn: `${year - 3}-05-20`,
      createdAt: at,
    });
    return true;
  }
}
