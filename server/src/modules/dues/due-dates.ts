import { beijingDate } from '../../common/time';

/** Calendar days as the bills keep them: `YYYY-MM-DD`, Beijing. */

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** The Beijing year now: the year whose bills are "this year's". */
export function currentYear(at: Date): number {
  return yearOf(beijingDate(at));
}

/** The day `days` after `day` (calendar arithmetic in UTC, where a day is always 24 hours). */
export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** `MM-DD` of a year; 02-29 of a year without one is the 28th, not March. */
export function monthDayIn(year: number, monthDay: string): string {
  const [month, day] = monthDay.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** Whether `day` is a real calendar day (the contract's pattern lets 2026-02-30 through). */
export function isCalendarDay(day: string): boolean {
  const at = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === day;
}

/** Days a bill opened after the year's due date has to be paid. */
export const LATE_OPENING_DAYS = 30;

/**
 * The due date of a bill opened today without one given: the year's configured day, or, when that
 * day has passed (a mid-year approval, a year opened late), 30 days from today.
 */
export function defaultDueDate(year: number, dueMonthDay: string, today: string): string {
  const configured = monthDayIn(year, dueMonthDay);
  return configured >= today ? configured : addDays(today, LATE_OPENING_DAYS);
}
