import { randomInt } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { makeRemittanceCode } from '@itss/shared';
import type { Repository } from 'typeorm';
import { SYSTEM } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { standinPersona } from '../../wechat/standin/personas';
import { ANNUAL_SERIES, BillEntity } from '../dues/bill.entity';
import { handbookFeesFen } from '../dues/dues-fees.service';
import { DuesService } from '../dues/dues.service';
import { DEMO_UNIT_CREDIT_CODE } from '../units/demo-unit.seed';
import { UnitContactEntity } from '../units/unit-contact.entity';
import { UnitEntity } from '../units/unit.entity';
import { UsersService } from '../users/users.service';
import { LevelRequestEntity } from './level-request.entity';

/** The demo unit in arrears: a well-formed credit code with a valid check character. */
export const DEMO_ARREARS_CREDIT_CODE = '91110108MA01QF7K0E';

/**
 * Development only (the server serves the WeChat stand-in), like the other demo seeds: a unit with
 * the last two years' bills unpaid past their due date (so the arrears page lists it, proposed for
 * removal), and an open request of the demo unit to move one level up (so 级别变更申请 has one to
 * decide). Only once: never when the arrears unit or any level request exists.
 */
@Injectable()
export class DemoStandingSeed implements OnModuleInit {
  constructor(
    @InjectRepository(UnitEntity) private readonly units: Repository<UnitEntity>,
    @InjectRepository(UnitContactEntity) private readonly contacts: Repository<UnitContactEntity>,
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    @InjectRepository(LevelRequestEntity) private readonly requests: Repository<LevelRequestEntity>,
    private readonly dues: DuesService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    const logger = new Logger('Demo');
    if (await this.seedArrears()) {
      await this.dues.openYearBills(SYSTEM, Number(beijingDate(new Date()).slice(0, 4)));
      logger.log('Demo arrears: a unit with two unpaid years (示例欠费单位)');
    }
    if (await this.seedRequest()) logger.log('Demo level request: 示例会员单位 asks to move up (级别变更申请)');
  }

  @RetryOnConflict()
  @Transactional()
  private async seedArrears(): Promise<boolean> {
    if (await this.units.existsBy({ creditCode: DEMO_ARREARS_CREDIT_CODE })) return false;
    const at = now();
    const year = Number(beijingDate(at).slice(0, 4));
    const unit = await this.units.save(
      this.units.create({
        name: '示例欠费单位（演示）',
        creditCode: DEMO_ARREARS_CREDIT_CODE,
        unitType: 'enterprise',
        province: '北京市',
        city: '朝阳区',
        level: 'member',
        status: 'active',
        joinedOn: `${year - 3}-05-20`,
        createdAt: at,
      }),
    );
    const fee = handbookFeesFen().member;
    for (const past of [year - 2, year - 1]) {
      await this.bills.insert({
        unitId: unit.id,
        year: past,
        level: 'member',
        kind: 'annual',
        series: ANNUAL_SERIES,
        amountFen: fee,
        paidFen: 0,
        status: 'unpaid',
        dueDate: `${past}-03-31`,
        remittanceCode: makeRemittanceCode(randomInt),
        reason: null,
        receiptStatus: null,
        receiptTitle: null,
        receiptTaxNumber: null,
        receiptNumber: null,
        receiptFileId: null,
        receiptRequestedAt: null,
        receiptIssuedAt: null,
        createdAt: at,
        updatedAt: at,
      });
    }
    return true;
  }

  @RetryOnConflict()
  @Transactional()
  private async seedRequest(): Promise<boolean> {
    if (await this.requests.exists()) return false;
    const unit = await this.units.findOneBy({ creditCode: DEMO_UNIT_CREDIT_CODE });
    if (!unit || unit.status !== 'active' || unit.level !== 'committee') return false;
    const primary = await this.contacts.findOneBy({ unitId: unit.id, isPrimary: true });
    const persona = standinPersona('primary_contact');
    const requester = primary?.userId ?? (await this.users.findOrCreateByOpenid(persona.openid)).id;
    const at = now();
    await this.requests.insert({
      unitId: unit.id,
      openUnitId: unit.id,
      fromLevel: 'committee',
      toLevel: 'vice_president',
      direction: 'upgrade',
      state: 'open',
      reason: '公司已承担多项 ITSS 标准研制工作，希望升级为副会长单位，参与分会重大事项决策。',
      requestedBy: requester,
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
