import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import type { DuesSettings, DuesSettingsResponse } from '@itss/shared';
import type { Repository } from 'typeorm';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { PaymentsService } from '../payments/payments.service';
import { DuesSettingsEntity } from './dues-settings.entity';
import { DuesPolicy } from './dues.policy';

const ROW_ID = 1;

/** Until staff set the account, none is shown; the handbook's dates. */
export const DEFAULT_DUES_SETTINGS: DuesSettings = {
  accountName: '',
  bankName: '',
  accountNumber: '',
  dueMonthDay: '03-31',
  openMonthDay: '01-01',
};

/** Development's account, so the member page shows how a transfer is made right after start. */
const DEMO_SETTINGS: DuesSettings = {
  accountName: '中国电子工业标准化技术协会信息技术服务分会（示例）',
  bankName: '中国工商银行北京海淀支行（示例）',
  accountNumber: '0200 0000 0000 0000 000',
  dueMonthDay: '03-31',
  openMonthDay: '01-01',
};

const FIELD_NAMES: Record<keyof DuesSettings, string> = {
  accountName: '户名',
  bankName: '开户行',
  accountNumber: '账号',
  dueMonthDay: '缴费截止日',
  openMonthDay: '账单生成日',
};

/** The association's account and the year's dates: one row, read by everyone signed in, set by staff. */
@Injectable()
export class DuesSettingsService implements OnModuleInit {
  constructor(
    @InjectRepository(DuesSettingsEntity) private readonly rows: Repository<DuesSettingsEntity>,
    private readonly payments: PaymentsService,
    private readonly audit: AuditService,
    private readonly policy: DuesPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Development only (the WeChat stand-in served), into an empty table: production never gets it. */
  async onModuleInit(): Promise<void> {
    if (!this.config.wechat.serveStandin) return;
    if (await this.seedDemo()) new Logger('Demo').log('Demo dues account ready (示例收款账户)');
  }

  @RetryOnConflict()
  @Transactional()
  private async seedDemo(): Promise<boolean> {
    if (await this.rows.existsBy({ id: ROW_ID })) return false;
    await this.rows.insert({ id: ROW_ID, ...DEMO_SETTINGS, updatedAt: now() });
    return true;
  }

  /** What bills are opened with; the defaults while staff have set nothing. */
  async current(): Promise<DuesSettings> {
    const row = await this.rows.findOneBy({ id: ROW_ID });
    return row ? pick(row) : DEFAULT_DUES_SETTINGS;
  }

  async read(_ctx: SignedInContext): Promise<DuesSettingsResponse> {
    return { ...(await this.current()), wechatPay: this.payments.wechatPayEnabled };
  }

  /** Saving what is already there records nothing. */
  @RetryOnConflict()
  @Transactional()
  async update(ctx: SignedInContext, input: DuesSettings): Promise<DuesSettingsResponse> {
    authorize(this.policy, ctx, 'manage', undefined);
    await lockRows(this.rows, [ROW_ID]);
    const row = await this.rows.findOneBy({ id: ROW_ID });
    const before = row ? pick(row) : DEFAULT_DUES_SETTINGS;
    const changed = (Object.keys(FIELD_NAMES) as (keyof DuesSettings)[]).filter(
      (key) => before[key] !== input[key],
    );
    if (changed.length > 0) {
      // A first save inserts; two first saves at once collide on the id and the loser reruns as an update.
      if (row) await this.rows.update({ id: ROW_ID }, { ...input, updatedAt: now() });
      else await this.rows.insert({ id: ROW_ID, ...input, updatedAt: now() });
      await this.audit.record(ctx, {
        action: 'dues.settings_changed',
        detail: changed
          .map((key) => `${FIELD_NAMES[key]}：${before[key] || '（空）'} → ${input[key] || '（空）'}`)
          .join('；'),
      });
    }
    return { ...input, wechatPay: this.payments.wechatPayEnabled };
  }
}

function pick(row: DuesSettingsEntity): DuesSettings {
  return {
    accountName: row.accountName,
    bankName: row.bankName,
    accountNumber: row.accountNumber,
    dueMonthDay: row.dueMonthDay,
    openMonthDay: row.openMonthDay,
  };
}
