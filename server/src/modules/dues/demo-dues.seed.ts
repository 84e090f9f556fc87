import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import type { DuesSettings } from '@itss/shared';
import type { Repository } from 'typeorm';
import { SYSTEM } from '../../common/request-context';
import { now } from '../../common/time';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
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
 * something right after start. Only into empty tables; production never runs it.
 */
@Injectable()
export class DemoDuesSeed implements OnModuleInit {
  constructor(
    @InjectRepository(DuesSettingsEntity) private readonly settings: Repository<DuesSettingsEntity>,
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly opening: BillOpening,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    const logger = new Logger('Demo');
    if (await this.seedAccount()) logger.log('Demo dues account ready (示例收款账户)');
    if (!(await this.bills.exists())) {
      const { opened } = await this.opening.openYear(SYSTEM, currentYear(new Date()));
      if (opened > 0) logger.log(`Demo dues: ${opened} bill(s) of this year opened (示例会费账单)`);
    }
  }

  @RetryOnConflict()
  @Transactional()
  private async seedAccount(): Promise<boolean> {
    if (await this.settings.existsBy({ id: DUES_SETTINGS_ROW_ID })) return false;
    await this.settings.insert({ id: DUES_SETTINGS_ROW_ID, ...DEMO_SETTINGS, updatedAt: now() });
    return true;
  }
}
