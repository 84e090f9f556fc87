import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ArticleCategory } from '@itss/shared';
import type { Repository } from 'typeorm';
import { ArticleSearchEntity } from './article-search.entity';
import { articleBodyText } from './article-html';
import { documentTokens, queryTokens, tagToken } from './search-tokens';

/** Fewer older matches than this (after the filters) and `find` reads them all at once, unsorted. */
const FEW_MATCHES = 200;
/** The months `find` reads at a time, newest first: each window follows the previous one. */
const WINDOW_MONTHS = [3, 12];

const monthNumber = (date: Date): number => date.getUTCFullYear() * 12 + date.getUTCMonth();
const monthToken = (month: number): string =>
  `zm${Math.floor(month / 12)}${String((month % 12) + 1).padStart(2, '0')}`;
const MONTH_TOKEN = /^zm\d{6}$/;
const monthStart = (month: number): Date => new Date(Date.UTC(Math.floor(month / 12), month % 12, 1));

/** What the index is told of an article: its words, its tags and when it was published. */
export type SearchableArticle = {
  id: number;
  title: string;
  summary: string;
  /** The sanitized HTML, as saved. */
  body: string;
  tags?: string[];
  publishedAt: Date | null;
};

/**
 * The most `article_search.tokens` holds, in characters (ASCII, so bytes too): MariaDB's TEXT keeps
 * 65,535 bytes. Title, summary and a short body fit many times over; the pieces of a very long
 * body (some 5,000 different characters and pairs) are kept from its beginning up to this bound.
 */
const ENTRY_MAX = 65_000;

/**
 * What `article_search.tokens` holds for an article: its month of publication, one piece per tag,
 * the pieces of its title, summary and tags, then those of its body text while they fit.
 */
export function searchEntry(article: Omit<SearchableArticle, 'id'>): string {
  const tags = article.tags ?? [];
  const pieces = new Set([
    ...(article.publishedAt ? [monthToken(monthNumber(article.publishedAt))] : []),
    ...tags.map(tagToken),
    ...documentTokens(article.title, article.summary, ...tags),
  ]);
  let length = [...pieces].reduce((sum, piece) => sum + piece.length + 1, 0);
  for (const piece of documentTokens(articleBodyText(article.body))) {
    if (pieces.has(piece)) continue;
    if (length + piece.length + 1 > ENTRY_MAX) break;
    pieces.add(piece);
    length += piece.length + 1;
  }
  return [...pieces].join(' ');
}

/**
 * What MariaDB's `article_search_months.tokens` holds for an entry of searchEntry: each of its
 * pieces filed under the entry's month (`zm202611x79d8x4e66`, at most 82 characters, within
 * InnoDB's 84), so that a search of some months reads only those months' articles of each piece.
 * Empty for an article never published, which has no month.
 */
export function monthEntry(entry: string): string {
  const pieces = entry.split(' ');
  const month = pieces.find((piece) => MONTH_TOKEN.test(piece));
  return month
    ? pieces
        .filter((piece) => piece !== month)
        .map((piece) => `${month}${piece}`)
        .join(' ')
    : '';
}

type FindOptions = {
  category?: ArticleCategory;
  after?: { publishedAt: Date; id: number };
  limit: number;
};

/**
 * Keyword search over articles' title, summary, body text and tags through a full-text index: MariaDB's FULLTEXT
 * (InnoDB) or SQLite's FTS5, over the pieces of search-tokens.ts, since neither database can cut
 * Chinese into words by itself.
 *
 * Contract with the articles service: call `index(article)` with the saved article inside the
 * transaction of every save that changes its title, summary, body, tags or publishedAt (creation,
 * edits, the first publication, a submission approved). State and category are not copied here: `find` reads
 * them from `articles` at query time, so unpublishing, republishing or archiving needs no call.
 *
 * Cost. A full-text index hands over every matching row, and the feed order (publishedAt, id) is
 * not the index's: a database reads each match before it can sort them, and InnoDB reads each one
 * from the table (tens of thousands of matches take it most of a second). So each article is also
 * indexed under its month of publication (`zm202611`) and `find` asks month by month, newest
 * first: the last three months, sorted; if that does not fill the page, at most FEW_MATCHES
 * older matches unsorted (the databases stop reading at the limit), which, when fewer, are all
 * of them and sorted here; else the twelve months before, then everything older (reached only by
 * a term common in old articles and rare in the last fifteen months). A search so reads the
 * matches of a few months and at most FEW_MATCHES more, however many articles there are, and never
 * scans `articles`. What remains is the index's own work per query piece, which grows with how
 * many articles have the piece. FTS5 skips through a piece's list; InnoDB reads all of it for every
 * query (a piece in 100,000 articles took 400 ms, whatever the months asked). So on MariaDB a
 * second table, `article_search_months` (written by hand, no entity), files every piece under its
 * article's month as well (monthEntry), and a search of some months asks for those filings: it
 * reads the piece's articles of those months alone. The unsorted and the older reads, which have
 * no months, read `article_search`; they are reached by terms rare in recent months.
 */
@Injectable()
export class ArticleSearch {
  constructor(
    @InjectRepository(ArticleSearchEntity) private readonly entries: Repository<ArticleSearchEntity>,
  ) {}

  /** Writes the article's words, tags and month of publication into the search index; call inside the article's transaction. */
  async index(article: SearchableArticle): Promise<void> {
    const tokens = searchEntry(article);
    await this.entries.upsert({ articleId: article.id, tokens }, ['articleId']);
    if (this.entries.manager.connection.options.type === 'better-sqlite3') return;
    await this.entries.query(
      'INSERT INTO article_search_months (article_id, tokens) VALUES (?, ?) ON DUPLICATE KEY UPDATE tokens = VALUES(tokens)',
      [article.id, monthEntry(tokens)],
    );
  }

  /**
   * Ids of published articles whose title, summary, body or tags contain every term of q, newest
   * first (publishedAt desc, id desc), strictly after the keyset position `after`, at most
   * `limit`, optionally in one category.
   */
  find(q: string, options: FindOptions): Promise<number[]> {
    return this.findAll(queryTokens(q), options);
  }

  /** Ids of published articles that carry the tag, in the same order and pages as `find`. */
  findTagged(tag: string, options: FindOptions): Promise<number[]> {
    return this.findAll([tagToken(tag)], options);
  }

  private async findAll(terms: string[], options: FindOptions): Promise<number[]> {
    if (terms.length === 0) return [];
    const found: number[] = [];
    // Without a cursor the first window also takes the coming month: an article published a
    // moment ago by a server whose clock is ahead of this one's.
    let newest = monthNumber(options.after?.publishedAt ?? new Date()) + (options.after ? 0 : 1);
    for (const [i, size] of WINDOW_MONTHS.entries()) {
      const months = Array.from({ length: size + (i === 0 && !options.after ? 1 : 0) }, (_, k) => newest - k);
      const rows = await this.matches(terms, months, options, {
        limit: options.limit - found.length,
        sorted: true,
      });
      found.push(...rows.map((row) => row.id));
      if (found.length >= options.limit) return found;
      newest -= months.length;
      if (i > 0) continue;
      // Before the first window: unsorted, the databases stop reading at the limit, so fewer
      // matches than FEW_MATCHES are all of them, sorted here.
      const rest = await this.matches(terms, [], options, {
        limit: FEW_MATCHES,
        sorted: false,
        before: monthStart(newest + 1),
      });
      if (rest.length < FEW_MATCHES) {
        const sorted = rest.sort((x, y) => (x.at === y.at ? y.id - x.id : x.at < y.at ? 1 : -1));
        return [...found, ...sorted.slice(0, options.limit - found.length).map((row) => row.id)];
      }
    }
    const older = await this.matches(terms, [], options, {
      limit: options.limit - found.length,
      sorted: true,
      before: monthStart(newest + 1),
    });
    return [...found, ...older.map((row) => row.id)];
  }

  /**
   * Published articles (id, publishedAt) that have every piece and, when `months` are given, were published
   * in one of them; read from the full-text index first, then each one's row in `articles` by id.
   */
  private async matches(
    terms: string[],
    months: number[],
    options: FindOptions,
    { limit, sorted, before }: { limit: number; sorted: boolean; before?: Date },
  ): Promise<{ id: number; at: string }[]> {
    const manager = this.entries.manager;
    const sqlite = manager.connection.options.type === 'better-sqlite3';
    const inMonths = months.map(monthToken);
    // SQLite: CROSS JOIN keeps the FTS table the outer loop; otherwise the planner may prefer to
    // walk the feed index in order and probe the full-text index for every published article.
    // MariaDB: STRAIGHT_JOIN does the same for the FULLTEXT index, and FORCE INDEX keeps each
    // article a lookup by id (on a small table it chose a range of the category feed instead).
    // MariaDB reads the months' pieces from `article_search_months` (see the class).
    const source = sqlite
      ? `article_search_fts f CROSS JOIN articles a ON a.id = f.rowid`
      : `${inMonths.length ? 'article_search_months' : 'article_search'} s STRAIGHT_JOIN articles a FORCE INDEX (PRIMARY) ON a.id = s.article_id`;
    // Every piece required, and one of the months: FTS5 wants AND between them and OR within the
    // group; MariaDB's boolean mode a + before each piece, as one of its filings by month.
    const match = sqlite
      ? [
          ...terms.map((t) => `"${t}"`),
          ...(inMonths.length ? [`(${inMonths.map((m) => `"${m}"`).join(' OR ')})`] : []),
        ].join(' AND ')
      : terms
          .map((t) => (inMonths.length ? `+(${inMonths.map((m) => `${m}${t}`).join(' ')})` : `+${t}`))
          .join(' ');
    const conditions = [
      sqlite ? `f.article_search_fts MATCH :match` : `MATCH (s.tokens) AGAINST (:match IN BOOLEAN MODE)`,
      `a.state = 'published'`,
    ];
    if (options.category) conditions.push('a.category = :category');
    if (options.after) {
      conditions.push('(a.published_at < :at OR (a.published_at = :at AND a.id < :id))');
    }
    if (before) conditions.push('a.published_at < :before');
    const order = sorted ? ' ORDER BY a.published_at DESC, a.id DESC' : '';
    const sql = `SELECT a.id AS id, a.published_at AS at FROM ${source} WHERE ${conditions.join(' AND ')}${order} LIMIT :limit`;
    const [query, parameters] = manager.connection.driver.escapeQueryWithParameters(sql, {
      match,
      category: options.category,
      at: options.after?.publishedAt,
      id: options.after?.id,
      before,
      limit,
    });
    const rows = await manager.query<{ id: number | string; at: Date | string }[]>(query, parameters);
    // Comparable as text within one database: ISO on MariaDB, TypeORM's own format on SQLite.
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.at instanceof Date ? row.at.toISOString() : row.at,
    }));
  }
}
