import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import type { Repository } from 'typeorm';
import { beijingDate, now } from '../../common/time';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { standinPersona } from '../../wechat/standin/personas';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { LevelRequestEntity } from './level-request.entity';

/**
 * Development only (the server serves the WeChat stand-in), like the other demo seeds: the demo
 * unit's primary contact persona has asked to move it one level up, so staff's 级别变更申请 has one
 * to decide right after start (the arrears demo unit comes with the units and dues demos). Only
 * into an empty table.
 */
@Injectable()
export class DemoStandingSeed implements OnModuleInit {
  constructor(
    @InjectRepository(LevelRequestEntity) private readonly requests: Repository<LevelRequestEntity>,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    if (await this.seed())
      new Logger('Demo').log('Demo level request: 示例会员单位 asks to move up (级别变更申请)');
  }

  @RetryOnConflict()
  @Transactional()
  private async seed(): Promise<boolean> {
    if (await this.requests.exists()) return false;
    const persona = standinPersona('primary_contact');
    const user = await this.users.findByOpenid(persona.openid);
    const membership = user ? await this.units.membershipOf(user.id) : null;
    if (
      !user ||
      !membership?.isPrimary ||
      membership.status !== 'active' ||
      membership.level !== 'committee'
    ) {
      return false;
    }
    const at = now();
    await this.requests.insert({
      unitId: membership.unitId,
      openUnitId: membership.unitId,
      fromLevel: 'committee',
      toLevel: 'vice_president',
      direction: 'upgrade',
      state: 'open',
      reason: '公司已承担多项 ITSS 标准研制工作，希望升级为副会长单位，参与分会重大事项决策。',
      requestedBy: user.id,
      createdAt: at,
      decidedAt: null,
      decidedBy: null,
      decisionReason: null,
      effectiveYear: Number(beijingDate(at).slice(0, 4)),
      differenceBillId: null,
      appliedAt: null,
    });
    return true;
  }
}
