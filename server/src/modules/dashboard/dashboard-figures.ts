import { Injectable } from '@nestjs/common';
import {
  type ApplicationState,
  ARTICLE_CATEGORIES,
  type ArticleCategory,
  BILL_OPEN_STATUSES,
  type DashboardRange,
  type LevelCode,
  type UnitStatus,
} from '@itss/shared';
import { DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { ApplicationEntity } from '../applications/application.entity';
import { CampaignEntity } from '../campaigns/campaign.entity';
import { ArticleEntity } from '../articles/article.entity';
import { BillEntity } from '../dues/bill.entity';
import { GroupRevealEntity, GroupTodoEntity } from '../groups/group.entity';
import { PaymentEntity } from '../payments/payment.entity';
import { UnitStatusChangeEntity } from '../units/unit-status-change.entity';
import { UnitEntity } from '../units/unit.entity';

/** A range's instants: from Beijing midnight of `from` up to (not including) the one after `to`. */
export interface Instants {
  start: Date;
  end: Date;
}

/** MariaDB answers COUNT and SUM as strings (DECIMAL), SQLite as numbers; SUM of no rows is NULL. */
const num = (value: unknown): number => Number(value ?? 0);

/**
 * One aggregate query per figure, each a GROUP BY over an index range (see the dashboard indexes
 * migration). Datetime columns are stored in UTC, so their Beijing month is taken eight hours on
 * (China keeps no daylight saving), in each dialect's words; day columns (YYYY-MM-DD, already
 * Beijing) need only their first seven characters.
 */
@Injectable()
export class DashboardFigures {
  private readonly mysql: boolean;

  constructor(private readonly dataSource: DataSource) {
    this.mysql = dataSource.options.type !== 'better-sqlite3';
  }

  /** The Beijing `YYYY-MM` of a UTC datetime column. */
  private monthOf(column: string): string {
    return this.mysql
      ? `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '%Y-%m')`
      : `strftime('%Y-%m', ${column}, '+8 hours')`;
  }

  private select<T extends ObjectLiteral>(entity: new () => T, alias: string): SelectQueryBuilder<T> {
    return this.dataSource.getRepository(entity).createQueryBuilder(alias);
  }

  async unitsByLevelStatus(): Promise<{ level: LevelCode; status: UnitStatus; count: number }[]> {
    const rows = await this.select(UnitEntity, 'u')
      .select('u.level', 'level')
      .addSelect('u.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('u.level')
      .addGroupBy('u.status')
      .getRawMany<{ level: LevelCode; status: UnitStatus; n: unknown }>();
    return rows.map((row) => ({ level: row.level, status: row.status, count: num(row.n) }));
  }

  /** Units that joined, by the month of their join day. */
  async joinedByMonth(range: DashboardRange): Promise<Map<string, number>> {
    const rows = await this.select(UnitEntity, 'u')
      .select('SUBSTR(u.joinedOn, 1, 7)', 'bucket')
      .addSelect('COUNT(*)', 'n')
      .where('u.joinedOn >= :from AND u.joinedOn <= :to', range)
      .groupBy('bucket')
      .getRawMany<{ bucket: string; n: unknown }>();
    return new Map(rows.map((row) => [row.bucket, num(row.n)]));
  }

  /** Units removed (除名), by the month of the change. */
  async removedByMonth({ start, end }: Instants): Promise<Map<string, number>> {
    const rows = await this.select(UnitStatusChangeEntity, 'c')
      .select(this.monthOf('c.at'), 'bucket')
      .addSelect('COUNT(*)', 'n')
      .where('c.status = :removed', { removed: 'removed' })
      .andWhere('c.at >= :start AND c.at < :end', { start, end })
      .groupBy('bucket')
      .getRawMany<{ bucket: string; n: unknown }>();
    return new Map(rows.map((row) => [row.bucket, num(row.n)]));
  }

  /** Applications submitted in the range by campaign, month of submission and state now. */
  async applications({
    start,
    end,
  }: Instants): Promise<
    { campaignId: number | null; month: string; state: ApplicationState; count: number }[]
  > {
    const rows = await this.select(ApplicationEntity, 'a')
      .select('a.campaignId', 'campaignId')
      .addSelect(this.monthOf('a.submittedAt'), 'bucket')
      .addSelect('a.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .where('a.submittedAt >= :start AND a.submittedAt < :end', { start, end })
      .groupBy('a.campaignId')
      .addGroupBy('bucket')
      .addGroupBy('a.state')
      .getRawMany<{ campaignId: unknown; bucket: string; state: ApplicationState; n: unknown }>();
    return rows.map((row) => ({
      campaignId: row.campaignId === null ? null : num(row.campaignId),
      month: row.bucket,
      state: row.state,
      count: num(row.n),
    }));
  }

  async campaignNames(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.select(CampaignEntity, 'c')
      .select(['c.id', 'c.name'])
      .where('c.id IN (:...ids)', { ids })
      .getMany();
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Articles published now whose first publication falls in the range, with their read counters. */
  async articlesByCategory({
    start,
    end,
  }: Instants): Promise<Map<ArticleCategory, { published: number; reads: number }>> {
    const rows = await this.select(ArticleEntity, 'a')
      // MariaDB otherwise takes the readers' feed index, which lacks read_count: a row lookup per
      // article (0.6 s over 60,000 of them). SQLite picks the covering index itself.
      .useIndex('ix_articles_dashboard')
      .select('a.category', 'category')
      .addSelect('COUNT(*)', 'n')
      .addSelect('SUM(a.readCount)', 'reads')
      .where('a.state = :published', { published: 'published' })
      // Every category named: the index is then read as one range per category, already in
      // category order, so the GROUP BY needs no temporary table (MariaDB) or sort.
      .andWhere('a.category IN (:...categories)', { categories: ARTICLE_CATEGORIES })
      .andWhere('a.publishedAt >= :start AND a.publishedAt < :end', { start, end })
      .groupBy('a.category')
      .getRawMany<{ category: ArticleCategory; n: unknown; reads: unknown }>();
    return new Map(rows.map((row) => [row.category, { published: num(row.n), reads: num(row.reads) }]));
  }

  async groups({ start, end }: Instants): Promise<{ codesShown: number; open: number; done: number }> {
    const [shown, open, done] = await Promise.all([
      this.select(GroupRevealEntity, 'r')
        .where('r.firstShownAt >= :start AND r.firstShownAt < :end', { start, end })
        .getCount(),
      this.select(GroupTodoEntity, 't').where('t.doneAt IS NULL').getCount(),
      this.select(GroupTodoEntity, 't')
        .where('t.doneAt >= :start AND t.doneAt < :end', { start, end })
        .getCount(),
    ]);
    return { codesShown: shown, open, done };
  }

  /** Dues payments received, by the month of the day paid. */
  async collectedByMonth(range: DashboardRange): Promise<Map<string, number>> {
    const rows = await this.select(PaymentEntity, 'p')
      .select('SUBSTR(p.paidOn, 1, 7)', 'bucket')
      .addSelect('SUM(p.amountFen)', 'fen')
      .where('p.status = :succeeded', { succeeded: 'succeeded' })
      .andWhere('p.paidOn >= :from AND p.paidOn <= :to', range)
      .andWhere('p.subjectType = :bill', { bill: 'dues_bill' })
      .groupBy('bucket')
      .getRawMany<{ bucket: string; fen: unknown }>();
    return new Map(rows.map((row) => [row.bucket, num(row.fen)]));
  }

  /** What open bills still owe (a bill's credit, paid past its amount, never offsets another's debt). */
  async outstandingFen(): Promise<number> {
    const row = await this.select(BillEntity, 'b')
      .select('SUM(b.amountFen - b.paidFen)', 'fen')
      .where('b.status IN (:...open)', { open: BILL_OPEN_STATUSES })
      .getRawOne<{ fen: unknown }>();
    return num(row?.fen);
  }
}
