import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import type { DuesSettings } from '@itss/shared';
import type { Repository } from 'typeorm';
import { SYSTEM } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { standinPersona } from '../../wechat/standin/personas';
import { DEMO_UNIT_CREDIT_CODE } from '../units/demo-unit.seed';
import { UnitsService } from '../units/units.service';
import { UsersService } from '../users/users.service';
import { BillPaymentsService } from './bill-payments.service';
import { BillEntity } from './bill.entity';
import { BillOpening } from './bill-opening.service';
import { currentYear } from './due-dates';
import { DUES_SETTINGS_ROW_ID } from './dues-settings.service';
import { DuesSettingsEntity } from './dues-settings.entity';

/** Development's account, so the member page shows how a transfer is made right after start. */
const DEMO_SETTINGS: DuesSettings = {
  accountName: '中国电子工业标准化技术协会信息技术服务分会（示例）',
  bankName: '中国工商银行北京海淀支行（示例）',
  accountNumber: '0200 0000 0000 0000 000',
  dueMonthDay: '03-31',
  openMonthDay: '01-01',
};

/**
 * Development only (the server serves the WeChat stand-in), like the demo unit: an account to pay
 * into and this year's bills for the units there are (the demo unit), so 会费 and staff's page show
 * something right after start; under `npm start` the demo unit's bill is paid, so 我的单位 shows its
 * membership certificate. Only into empty tables; production never runs it.
 */
@Injectable()
export class DemoDuesSeed implements OnModuleInit {
  constructor(
    @InjectRepository(DuesSettingsEntity) private readonly settings: Repository<DuesSettingsEntity>,
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly opening: BillOpening,
    private readonly payments: BillPaymentsService,
    private readonly units: UnitsService,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    const logger = new Logger('Demo');
    if (await this.seedAccount()) logger.log('Demo dues account ready (示例收款账户)');
    if (!(await this.bills.exists())) {
      const { opened } = await this.opening.openYear(SYSTEM, currentYear(new Date()));
      if (opened > 0) logger.log(`Demo dues: ${opened} bill(s) of this year opened (示例会费账单)`);
      // `npm start` (development) shows a paid year, so the demo unit's certificate can be opened;
      // the browser tests (NODE_ENV=test) keep the bill open and pay it themselves.
      if (this.config.env === 'development' && (await this.payDemoUnit())) {
        logger.log('Demo dues: the demo unit’s bill of this year paid (示例单位本年度会费已缴清)');
      }
    }
  }

  /** This year's bill of the demo unit, paid by a bank transfer the demo staff member recorded. */
  private async payDemoUnit(): Promise<boolean> {
    const unitId = await this.units.idByCreditCode(DEMO_UNIT_CREDIT_CODE);
    const bill = unitId
      ? await this.bills.findOneBy({ unitId, year: currentYear(new Date()), status: 'unpaid' })
      : null;
    if (!bill) return false;
    const persona = standinPersona('staff');
    const staff = await this.users.findOrCreateByOpenid(persona.openid, {
      unionid: persona.unionid,
      displayName: persona.displayName,
    });
    const names = await this.units.namesOf([bill.unitId]);
    await this.payments.recordBankTransfer(
      { user: staff, roles: ['staff'], sessionId: null, ip: '127.0.0.1' },
      bill.id,
      {
        amountFen: bill.amountFen,
        paidOn: beijingDate(new Date()),
        bankReference: `DEMO${bill.year}0001`,
        payerName: names.get(bill.unitId) ?? '示例单位',
      },
    );
    return true;
  }

  @RetryOnConflict()
  @Transactional()
  private async seedAccount(): Promise<boolean> {
    if (await this.settings.existsBy({ id: DUES_SETTINGS_ROW_ID })) return false;
    await this.settings.insert({ id: DUES_SETTINGS_ROW_ID, ...DEMO_SETTINGS, updatedAt: now() });
    return true;
  }
}
