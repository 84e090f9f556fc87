import { STANDING_NAMES, formatFen, type UnitStanding } from '@itss/shared';

/** "2024、2025 年度". */
export function yearsText(years: readonly number[]): string {
  return `${years.join('、')} 年度`;
}

/** What 会费状态 says: 正常, or the years and the amount still owed. */
export function standingText(
  standing: Pick<UnitStanding, 'standing' | 'unpaidYears' | 'outstandingFen'>,
): string {
  if (standing.standing !== 'arrears' || !standing.unpaidYears.length)
    return STANDING_NAMES[standing.standing];
  return `${STANDING_NAMES.arrears}：${yearsText(standing.unpaidYears)}，共 ${formatFen(standing.outstandingFen)}`;
}

/**
 * Whether the step up may be asked for now. The server's `canRequestLevelChange` stays true when
 * only the step up is closed (the top level, the 会长单位 seat held) and a step down is open; its
 * `blockedReason` then says why the step up is not.
 */
export function upgradeAvailable(
  standing: Pick<UnitStanding, 'canRequestLevelChange' | 'nextLevel' | 'blockedReason'>,
): boolean {
  return standing.canRequestLevelChange && standing.nextLevel !== null && standing.blockedReason === null;
}
