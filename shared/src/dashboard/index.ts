import { z } from 'zod';
import { articleCategorySchema } from '../articles';
import { levelCodeSchema } from '../membership';
import { unitStatusSchema } from '../units';

/**
 * The staff dashboard (工作台 home): the branch's numbers over a range of Beijing calendar days,
 * each figure one aggregate query. `GET /api/dashboard?from=&to=`, staff only.
 */

/** The longest range asked for at once: the month charts stay readable and the queries bounded. */
export const DASHBOARD_MAX_YEARS = 5;
/** Without `from`, the range starts on the first day of the month eleven months back: twelve bars. */
export const DASHBOARD_DEFAULT_MONTHS = 12;

/**
 * Today in Beijing, `YYYY-MM-DD`. China keeps no daylight saving, so a fixed eight hours is exact,
 * and it needs no time-zone data (which not every mini-program JS engine has).
 */
export function beijingToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** The first day of the month `months − 1` before `day`'s month, `YYYY-MM-01`. */
export function dashboardDefaultFrom(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7)) - (DASHBOARD_DEFAULT_MONTHS - 1);
  const start = new Date(Date.UTC(year, month - 1, 1));
  return start.toISOString().slice(0, 10);
}

/** `day` moved back whole years (29 February lands on 1 March when the year has none). */
function yearsBefore(day: string, years: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year - years, month - 1, date)).toISOString().slice(0, 10);
}

const daySchema = z.iso.date('日期应为 YYYY-MM-DD');

/**
 * `?from=&to=`: inclusive Beijing days. Both optional: `to` defaults to today, `from` to the start
 * of the twelve months ending with `to`'s month. A reversed range or one longer than five years is
 * refused (400, the common validation error) rather than clipped, so a chart never shows a range
 * other than the one asked for.
 */
export const dashboardQuerySchema = z
  .strictObject({ from: daySchema.optional(), to: daySchema.optional() })
  .transform((query, ctx) => {
    const to = query.to ?? beijingToday();
    const from = query.from ?? dashboardDefaultFrom(to);
    if (from > to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: '开始日期不能晚于结束日期' });
      return z.NEVER;
    }
    if (from < yearsBefore(to, DASHBOARD_MAX_YEARS)) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: `时间范围不能超过 ${DASHBOARD_MAX_YEARS} 年` });
      return z.NEVER;
    }
    return { from, to };
  });
export type DashboardQuery = z.input<typeof dashboardQuerySchema>;
export type DashboardRange = z.output<typeof dashboardQuerySchema>;

/** A Beijing calendar month, `YYYY-MM`. */
const monthSchema = z.string().regex(/^\d{4}-\d{2}$/);
const count = z.number().int().nonnegative();

export const dashboardSchema = z.object({
  /** The range the figures cover, defaults filled in. */
  range: z.object({ from: z.iso.date(), to: z.iso.date() }),
  /** When the figures were read: an answer may come from a cache up to a minute old. */
  generatedAt: z.iso.datetime(),
  units: z.object({
    /** Every unit now, by level and status (not limited to the range); only non-empty pairs. */
    byLevelStatus: z.array(z.object({ level: levelCodeSchema, status: unitStatusSchema, count })),
    /**
     * Per month of the range, oldest first, every month present (zeros included): units that joined
     * (their join day) and units removed (除名, the status change's day).
     */
    byMonth: z.array(z.object({ month: monthSchema, joined: count, left: count })),
  }),
  applications: z.object({
    /**
     * Applications submitted in the range, by campaign (null: none, `campaignName` 直接申请) and month
     * of submission, with how many of them have since been approved or rejected. Only non-empty rows,
     * by month then campaign.
     */
    byCampaignMonth: z.array(
      z.object({
        campaignId: z.number().int().positive().nullable(),
        campaignName: z.string(),
        month: monthSchema,
        submitted: count,
        approved: count,
        rejected: count,
      }),
    ),
    /**
     * The same applications in all: `pending` are still open (awaiting staff or the applicant);
     * withdrawn ones count in `submitted` only.
     */
    totals: z.object({ submitted: count, approved: count, rejected: count, pending: count }),
  }),
  articles: z.object({
    /**
     * Articles first published in the range, per category (every category, zeros included), and
     * their reads so far (the articles' read counters, which are not dated).
     */
    byCategory: z.array(z.object({ category: articleCategorySchema, published: count, reads: count })),
  }),
  groups: z.object({
    /** People first shown a group's code in the range (one per person and group). */
    codesShown: count,
    /** Staff to-dos on groups: open now, and done in the range. */
    todos: z.object({ open: count, done: count }),
  }),
  dues: z.object({
    /** Dues payments received in the range (confirmed, by the day paid), refunds not subtracted. */
    collectedFen: count,
    /** Still owed now on open bills (unpaid or partly paid), whatever their year. */
    outstandingFen: count,
    /** `collectedFen` per month of the range, oldest first, every month present. */
    byMonth: z.array(z.object({ month: monthSchema, collectedFen: count })),
  }),
  /** Events' attendance: null until the events feature exists. */
  events: z.null(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
