/**
 * The one place that turns numbers and instants into text for people: money (grouped as the
 * contract's formatYuanAmount does), file sizes and Beijing dates. Built by hand: number locale data and time-zone data are incomplete on some
 * WeChat runtimes, and the association works in Beijing time wherever the phone is.
 */

import { LEVELS, formatYuanAmount, groupThousands, type LevelCode } from '@itss/shared';

/** Beijing is UTC+8 all year (China keeps no daylight saving), the one offset the app needs. */
const BEIJING_UTC_OFFSET_MINUTES = 480;

const pad = (n: number) => String(n).padStart(2, '0');

/** 会员单位 / 委员单位 / 副会长单位, from the contract's levels. */
export function levelName(code: LevelCode): string {
  return LEVELS.find((level) => level.code === code)?.name ?? code;
}

/** 3000 → "3,000 元/年". */
export function formatAnnualFee(yuan: number): string {
  return `${formatYuanAmount(yuan)}/年`;
}

/** 3000 → "¥3,000". */
export function formatYuan(yuan: number): string {
  return `¥${groupThousands(String(yuan))}`;
}

/** An amount in fen (the unit WeChat Pay counts in) as yuan: 123456 → "1,234.56 元". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  return `${sign}${groupThousands(String(Math.floor(abs / 100)))}.${pad(abs % 100)} 元`;
}

/** 204800 → "200 KB", 2516582 → "2.4 MB"; a file under a kilobyte still reads "1 KB". */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The fields of an instant on the Beijing wall clock, read with the UTC getters. */
function beijingClock(at: number): Date {
  return new Date(at + BEIJING_UTC_OFFSET_MINUTES * 60_000);
}

/** An ISO instant as Beijing time, "2026-03-05 14:07"; "" for a malformed one. */
export function formatBeijingTime(iso: string): string {
  const date = beijingClock(new Date(iso).getTime());
  if (Number.isNaN(date.getTime())) return '';
  return `${beijingDay(date)} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** An ISO instant as its Beijing date, "2026-03-05". */
export function formatBeijingDate(iso: string): string {
  return formatBeijingTime(iso).slice(0, 10);
}

function beijingDay(clock: Date): string {
  return `${clock.getUTCFullYear()}-${pad(clock.getUTCMonth() + 1)}-${pad(clock.getUTCDate())}`;
}

/** An instant (ms) as Beijing "2026-11-24" and "14:07", the values of a date and a time picker. */
export function beijingParts(at: number): { date: string; time: string } {
  const clock = beijingClock(at);
  return { date: beijingDay(clock), time: `${pad(clock.getUTCHours())}:${pad(clock.getUTCMinutes())}` };
}

/** Today in Beijing, "2026-03-05". */
export function beijingToday(now: number = Date.now()): string {
  return beijingParts(now).date;
}

/** "20260305" in Beijing time, for file names. */
export function beijingDateStamp(now: Date = new Date()): string {
  return beijingToday(now.getTime()).replace(/-/g, '');
}

/** A Beijing date and time as picked ("2026-11-24", "14:07") → the instant in ms. */
export function beijingInstant(date: string, time: string): number {
  return new Date(`${date}T${time}:00+08:00`).getTime();
}
