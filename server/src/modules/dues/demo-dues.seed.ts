import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import { randomInt } from 'node:crypto';
import { type DuesSettings, makeRemittanceCode } from '@itss/shared';
import type { Repository } from 'typeorm';
import { SYSTEM } from '../../common/request-context';
import { now } from '../../common/time';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { DEMO_ARREARS_UNIT } from '../units/demo-unit.seed';
import { UnitsService } from '../units/units.service';
import { ANNUAL_SERIES, BillEntity } from './bill.entity';
import { handbookFeesFen } from './dues-fees.service';
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
 * into, this year's bills for the units there are (the demo unit), and the arrears demo unit's two
 * unpaid past years, so 会费, staff's page and the arrears page show something right after start. Only into empty tables; production never runs it.
 */
@Injectable()
export class DemoDuesSeed implements OnModuleInit {
  constructor(
    @InjectRepository(DuesSettingsEntity) private readonly settings: Repository<DuesSettingsEntity>,
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly opening: BillOpening,
    private readonly units: UnitsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    const logger = new Logger('Demo');
    if (await this.seedAccount()) logger.log('Demo dues account ready (示例收款账户)');
    if (!(await this.bills.exists())) {
      if (await this.seedArrears()) logger.log('Demo dues: two unpaid past years of 示例欠费单位（演示）');
      const { opened } = await this.opening.openYear(SYSTEM, currentYear(new Date()));
      if (opened > 0) logger.log(`Demo dues: ${opened} bill(s) of this year opened (示例会费账单)`);
    }
  }

  /**
   * The arrears demo unit's bills of the last two years, unpaid past their due date (March 31st):
   * written as they are, since a past year opens only with a due date not before today.
   */
  @RetryOnConflict()
  @Transactional()
  private async seedArrears(): Promise<boolean> {
    const unitId = await this.units.idByCreditCode(DEMO_ARREARS_UNIT.creditCode);
    if (unitId === null || (await this.bills.existsBy({ unitId }))) return false;
    const at = now();
    const year = currentYear(at);
    const fee = handbookFeesFen().member;
    for (const past of [year - 2, year - 1]) {
      await this.bills.insert({
        unitId,
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
  private async seedAccount(): Promise<boolean> {
    if (await this.settings.existsBy({ id: DUES_SETTINGS_ROW_ID })) return false;
    await this.settings.insert({ id: DUES_SETTINGS_ROW_ID, ...DEMO_SETTINGS, updatedAt: now() });
    return true;
  }
}
