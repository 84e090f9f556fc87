import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import type { DuesSettings, DuesSettingsResponse } from '@itss/shared';
import type { Repository } from 'typeorm';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { PaymentsService } from '../payments/payments.service';
import { DuesSettingsEntity } from './dues-settings.entity';
import { DuesPolicy } from './dues.policy';

/** The one row's id. */
export const DUES_SETTINGS_ROW_ID = 1;
const ROW_ID = DUES_SETTINGS_ROW_ID;

/** Until staff set the account, none is shown; the handbook's dates. */
export const DEFAULT_DUES_SETTINGS: DuesSettings = {
  accountName: '',
  bankName: '',
  accountNumber: '',
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
export class DuesSettingsService {
  constructor(
    @InjectRepository(DuesSettingsEntity) private readonly rows: Repository<DuesSettingsEntity>,
    private readonly payments: PaymentsService,
    private readonly audit: AuditService,
    private readonly policy: DuesPolicy,
  ) {}

  /** What bills are opened with; the defaults while staff have set nothing. */
  async current(): Promise<DuesSettings> {
    const row = await this.rows.findOneBy({ id: ROW_ID });
    return row ? pick(row) : DEFAULT_DUES_SETTINGS;
  }

  /**
   * Locks the settings row (made with the defaults when staff have set nothing) until the caller's
   * transaction ends: opening a year and changing that year's fees take it first, so a fee change
   * never slips in while the year's bills are being opened at the old fee.
   */
  async lockForBilling(): Promise<void> {
    // Two first callers at once collide on the id; the loser's rerun finds the row.
    if (!(await this.rows.existsBy({ id: ROW_ID }))) {
      await this.rows.insert({ id: ROW_ID, ...DEFAULT_DUES_SETTINGS, updatedAt: now() });
    }
    await lockRows(this.rows, [ROW_ID]);
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
