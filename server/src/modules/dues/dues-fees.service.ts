import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  DuesError,
  type FeesFen,
  type FeesResponse,
  LEVELS,
  LEVEL_CODES,
  formatFen,
  levelByCode,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { BillEntity } from './bill.entity';
import { currentYear } from './due-dates';
import { DuesFeeChangeEntity, DuesFeeEntity } from './dues-fee.entity';
import { DuesSettingsService } from './dues-settings.service';
import { DuesPolicy } from './dues.policy';

/** Years staff see and may plan: this one and the next two. */
const YEARS_SHOWN = 3;
/** Changes listed with the fees: far more than staff ever make. */
const HISTORY_SHOWN = 200;

/** The handbook's fees (会员 3,000 / 委员 10,000 / 副会长 and 会长 30,000 元), in fen. */
export function handbookFeesFen(): FeesFen {
  return Object.fromEntries(LEVELS.map((level) => [level.code, level.annualFeeYuan * 100])) as FeesFen;
}

/** Each year's fee per level: the handbook's unless staff set that year's before its bills opened. */
@Injectable()
export class DuesFeesService {
  constructor(
    @InjectRepository(DuesFeeEntity) private readonly fees: Repository<DuesFeeEntity>,
    @InjectRepository(DuesFeeChangeEntity) private readonly changes: Repository<DuesFeeChangeEntity>,
    @InjectRepository(BillEntity) private readonly bills: Repository<BillEntity>,
    private readonly settings: DuesSettingsService,
    private readonly audit: AuditService,
    private readonly policy: DuesPolicy,
  ) {}

  /** The fee of every level in `year`, in fen. */
  async feesFor(year: number): Promise<FeesFen> {
    const fees = handbookFeesFen();
    for (const row of await this.fees.findBy({ year })) fees[row.level] = row.amountFen;
    return fees;
  }

  async list(ctx: SignedInContext): Promise<FeesResponse> {
    authorize(this.policy, ctx, 'manage', undefined);
    const first = currentYear(new Date());
    const years = [];
    for (let year = first; year < first + YEARS_SHOWN; year++) {
      const stored = await this.fees.countBy({ year });
      years.push({
        year,
        feesFen: await this.feesFor(year),
        editable: await this.editable(year, first),
        isDefault: stored === 0,
      });
    }
    const history = await this.changes.find({ order: { id: 'DESC' }, take: HISTORY_SHOWN });
    return {
      years,
      history: history.map((change) => ({
        year: change.year,
        level: change.level,
        fromFen: change.fromFen,
        toFen: change.toFen,
        at: change.at.toISOString(),
        actorName: change.actorName,
      })),
    };
  }

  /**
   * Sets a year's fees: a future year, or this year while none of its bills exists (a bill is
   * charged at the fee of the day it opens, so a later change would make two prices for one year).
   * Levels whose fee does not change record nothing; a save that changes nothing is not audited.
   */
  @RetryOnConflict()
  @Transactional()
  async update(ctx: SignedInContext, year: number, feesFen: FeesFen): Promise<FeesResponse> {
    authorize(this.policy, ctx, 'manage', undefined);
    // Two saves at once, or a save and the year's opening: the second waits here, then sees the first's work.
    await this.settings.lockForBilling();
    if (!(await this.editable(year, currentYear(new Date())))) throw new AppError(DuesError.FeesLocked);
    const before = await this.feesFor(year);
    const stored = new Map((await this.fees.findBy({ year })).map((row) => [row.level, row]));
    const at = now();
    const changed: string[] = [];
    for (const level of LEVEL_CODES) {
      if (before[level] === feesFen[level]) continue;
      const row = stored.get(level);
      // A missing row that another save inserts meanwhile collides on (year, level): the rerun compares again.
      if (row) await this.fees.update({ id: row.id }, { amountFen: feesFen[level] });
      else await this.fees.insert({ year, level, amountFen: feesFen[level] });
      await this.changes.insert({
        year,
        level,
        fromFen: before[level],
        toFen: feesFen[level],
        actorId: ctx.user.id,
        actorName: ctx.user.displayName,
        at,
      });
      changed.push(`${levelByCode(level).name} ${formatFen(before[level])} → ${formatFen(feesFen[level])}`);
    }
    if (changed.length > 0) {
      await this.audit.record(ctx, {
        action: 'dues.fees_changed',
        detail: `${year} 年：${changed.join('；')}`,
      });
    }
    return this.list(ctx);
  }

  private async editable(year: number, thisYear: number): Promise<boolean> {
    if (year > thisYear) return true;
    return year === thisYear && !(await this.bills.existsBy({ year }));
  }
}
