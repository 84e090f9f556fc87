import { Injectable } from '@nestjs/common';
import {
  ARTICLE_CATEGORIES,
  type Dashboard,
  type DashboardRange,
  OPEN_APPLICATION_STATES,
} from '@itss/shared';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { ResponseCache } from '../../state/response-cache';
import { DashboardFigures, type Instants } from './dashboard-figures';
import { DashboardPolicy } from './dashboard.policy';

/**
 * Figures change with every application and payment, but a dashboard a minute old is as good as a
 * fresh one, and staff reloading it (or several at a desk) then cost one set of queries a minute.
 */
export const DASHBOARD_CACHE_TTL_MS = 60_000;
export const DASHBOARD_CACHE_PREFIX = 'dashboard:';

/** Name shown for applications that came through no campaign's code. */
const NO_CAMPAIGN = '直接申请';
const DAY_MS = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Beijing midnight of `from` and of the day after `to`, as instants. */
export function instantsOf(range: DashboardRange): Instants {
  return {
    start: new Date(Date.parse(`${range.from}T00:00:00Z`) - BEIJING_OFFSET_MS),
    end: new Date(Date.parse(`${range.to}T00:00:00Z`) + DAY_MS - BEIJING_OFFSET_MS),
  };
}

/** Every month the range touches, `YYYY-MM`, oldest first. */
export function monthsOf(range: DashboardRange): string[] {
  const months: string[] = [];
  let year = Number(range.from.slice(0, 4));
  let month = Number(range.from.slice(5, 7));
  const last = range.to.slice(0, 7);
  for (;;) {
    const label = `${year}-${String(month).padStart(2, '0')}`;
    months.push(label);
    if (label >= last) return months;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year++;
  }
}

/** 工作台's home: the branch's numbers over a range, the same for every staff member, so cached. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly figures: DashboardFigures,
    private readonly cache: ResponseCache,
    private readonly policy: DashboardPolicy,
  ) {}

  read(ctx: SignedInContext, range: DashboardRange): Promise<Dashboard> {
    authorize(this.policy, ctx, 'read', undefined);
    return this.cache.getOrLoad(
      `${DASHBOARD_CACHE_PREFIX}${range.from}:${range.to}`,
      DASHBOARD_CACHE_TTL_MS,
      () => this.load(range),
    );
  }

  private async load(range: DashboardRange): Promise<Dashboard> {
    const at = instantsOf(range);
    const months = monthsOf(range);
    const [levelStatus, joined, removed, applications, articles, groups, collected, outstandingFen] =
      await Promise.all([
        this.figures.unitsByLevelStatus(),
        this.figures.joinedByMonth(range),
        this.figures.removedByMonth(at),
        this.figures.applications(at),
        this.figures.articlesByCategory(at),
        this.figures.groups(at),
        this.figures.collectedByMonth(range),
        this.figures.outstandingFen(),
      ]);
    return {
      range: { from: range.from, to: range.to },
      generatedAt: new Date().toISOString(),
      units: {
        byLevelStatus: levelStatus,
        byMonth: months.map((month) => ({
          month,
          joined: joined.get(month) ?? 0,
          left: removed.get(month) ?? 0,
        })),
      },
      applications: await this.funnel(applications),
      articles: {
        byCategory: ARTICLE_CATEGORIES.map((category) => ({
          category,
          ...(articles.get(category) ?? { published: 0, reads: 0 }),
        })),
      },
      groups: { codesShown: groups.codesShown, todos: { open: groups.open, done: groups.done } },
      dues: {
        collectedFen: [...collected.values()].reduce((sum, fen) => sum + fen, 0),
        outstandingFen,
        byMonth: months.map((month) => ({ month, collectedFen: collected.get(month) ?? 0 })),
      },
      events: null,
    };
  }

  /** Rows by campaign and month from rows by campaign, month and state; totals across them. */
  private async funnel(
    rows: Awaited<ReturnType<DashboardFigures['applications']>>,
  ): Promise<Dashboard['applications']> {
    type Row = Dashboard['applications']['byCampaignMonth'][number];
    const totals = { submitted: 0, approved: 0, rejected: 0, pending: 0 };
    const byKey = new Map<string, Row>();
    for (const { campaignId, month, state, count } of rows) {
      const key = `${month} ${campaignId ?? ''}`;
      let row = byKey.get(key);
      if (!row) {
        row = { campaignId, campaignName: NO_CAMPAIGN, month, submitted: 0, approved: 0, rejected: 0 };
        byKey.set(key, row);
      }
      row.submitted += count;
      totals.submitted += count;
      if (state === 'approved' || state === 'rejected') {
        row[state] += count;
        totals[state] += count;
      } else if (OPEN_APPLICATION_STATES.includes(state)) totals.pending += count;
    }
    const ids = [...new Set(rows.flatMap((row) => (row.campaignId === null ? [] : [row.campaignId])))];
    const names = await this.figures.campaignNames(ids);
    const byCampaignMonth = [...byKey.values()]
      .map((row) => ({
        ...row,
        campaignName: row.campaignId === null ? NO_CAMPAIGN : (names.get(row.campaignId) ?? NO_CAMPAIGN),
      }))
      .sort((a, b) => a.month.localeCompare(b.month) || (a.campaignId ?? 0) - (b.campaignId ?? 0));
    return { byCampaignMonth, totals };
  }
}
