/**
 * Time in one place. The server stores and compares instants in UTC; people read Beijing time (the
 * branch and its members are in China, which keeps no daylight saving), so every date or time
 * written for a person is formatted in Asia/Shanghai here rather than by adding eight hours.
 */

const BEIJING = 'Asia/Shanghai';

/**
 * Now, in whole seconds, as a MariaDB DATETIME keeps it: an answer shows the times every later read
 * shows, on either database.
 */
export function now(): Date {
  return wholeSeconds(new Date());
}

/** The instant cut to whole seconds (what MariaDB stores of it). */
export function wholeSeconds(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BEIJING,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const dateTimeParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BEIJING,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(format: Intl.DateTimeFormat, at: Date): Record<string, string> {
  return Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
}

/** The Beijing calendar day of an instant, `YYYY-MM-DD`: a unit approved at 01:00 there joined that day. */
export function beijingDate(at: Date): string {
  const { year, month, day } = parts(dateParts, at);
  return `${year}-${month}-${day}`;
}

/** The Beijing date and time of an instant to the minute, `YYYY-MM-DD HH:mm`, as messages show it. */
export function beijingDateTime(at: Date): string {
  const { year, month, day, hour, minute } = parts(dateTimeParts, at);
  return `${year}-${month}-${day} ${hour}:${minute}`;
}
