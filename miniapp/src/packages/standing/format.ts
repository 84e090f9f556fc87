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
