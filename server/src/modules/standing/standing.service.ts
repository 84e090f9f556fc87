import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  type PresidentSeat,
  StandingError,
  type UnitStanding,
  errorMessage,
  nextLevel,
  previousLevel,
} from '@itss/shared';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate } from '../../common/time';
import { UnitsService } from '../units/units.service';
import { ArrearsPolicy } from './arrears.policy';
import { ArrearsService, isProposed } from './arrears.service';
import { LevelRequestsService } from './level-requests.service';
import { StandingPolicy } from './standing.policy';

/** A unit's standing as 我的单位 shows it, and the president seat as staff see it. */
@Injectable()
export class StandingService {
  constructor(
    private readonly units: UnitsService,
    private readonly arrears: ArrearsService,
    private readonly requests: LevelRequestsService,
    private readonly policy: StandingPolicy,
    private readonly arrearsPolicy: ArrearsPolicy,
  ) {}

  /**
   * The unit's level, arrears and the level change its primary contact may ask for. `blockedReason`
   * says why 申请升级 is unavailable; `canRequestLevelChange` may still be true when only the step up
   * is closed (the president seat held) and a step down is open.
   */
  async ofUnit(ctx: SignedInContext, unitId: number): Promise<UnitStanding> {
    const relation = await this.requests.relationTo(ctx, unitId);
    authorize(this.policy, ctx, 'read', relation, { hide: true });
    const unit = await this.units.find(unitId);
    if (!unit) throw new AppError(ErrorCode.NotFound);
    const today = beijingDate(new Date());
    const currentYear = Number(today.slice(0, 4));
    const unpaid = await this.arrears.unpaidOf(unitId, today);
    const open = await this.requests.openOf(unitId);
    const scheduled = await this.requests.scheduledOf(unitId);
    const up = nextLevel(unit.level);
    const holder = up === 'president' ? await this.requests.presidentUnit() : null;
    const general = !relation.isPrimary
      ? errorMessage(StandingError.NotPrimaryContact)
      : unit.status !== 'active'
        ? errorMessage(StandingError.UnitNotActive)
        : unpaid.years.length > 0
          ? `单位 ${unpaid.years.join('、')} 年度会费逾期未缴，请先缴清后再申请级别变更`
          : open
            ? errorMessage(StandingError.RequestAlreadyOpen)
            : scheduled
              ? errorMessage(StandingError.DowngradeScheduled)
              : null;
    const upward =
      up === null
        ? '单位已是最高级别'
        : holder && holder.id !== unit.id
          ? errorMessage(StandingError.PresidentSeatTaken)
          : null;
    const canStepDown = previousLevel(unit.level) !== null;
    return {
      unitId,
      level: unit.level,
      status: unit.status,
      standing: unit.status !== 'active' ? 'inactive' : unpaid.years.length > 0 ? 'arrears' : 'good',
      unpaidYears: unpaid.years,
      outstandingFen: unpaid.outstandingFen,
      removalProposed: isProposed(unpaid, unit.status),
      currentYear,
      currentYearPaid: await this.arrears.yearPaid(unitId, currentYear),
      nextLevel: up,
      canRequestLevelChange: general === null && (upward === null || canStepDown),
      blockedReason: general ?? upward,
      openRequest: open ? await this.requests.presentOne(open) : null,
      scheduledLevel: scheduled ? { level: scheduled.toLevel, fromYear: scheduled.effectiveYear } : null,
    };
  }

  /** Staff: the 会长单位, if any, and how many president requests are open. */
  async presidentSeat(ctx: SignedInContext): Promise<PresidentSeat> {
    authorize(this.arrearsPolicy, ctx, 'read', undefined);
    const holder = await this.requests.presidentUnit();
    return {
      holder: holder ? { unitId: holder.id, unitName: holder.name } : null,
      openRequests: await this.requests.openPresidentRequests(),
    };
  }
}
