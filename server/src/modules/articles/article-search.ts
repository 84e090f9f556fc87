import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ArticleCategory } from '@itss/shared';
import type { Repository } from 'typeorm';
import { ArticleSearchEntity } from './article-search.entity';
import { documentTokens, queryTokens } from './search-tokens';

/**
 * Keyword search over articles' title and summary through a full-text index: MariaDB's FULLTEXT
 * (InnoDB) or SQLite's FTS5, over the pieces of search-tokens.ts, since neither database can cut
 * Chinese into words by itself.
 *
 * Contract with the articles service: call `index(article)` inside the transaction of every save
 * that may change an article's title or summary (create, edit, a submission approved with edits),
 * and of the article's first save. State, category and publishedAt are not copied here: `find`
 * reads them from `articles` at query time, so publishing, unpublishing or archiving needs no call.
 *
 * `find` reads the matching rows out of the full-text index first (never a scan of articles), then
 * each one's row in `articles` by its primary key for state, category and place in the feed, and
 * sorts those: its cost follows how many published articles match, not how many exist.
 */
@Injectable()
export class ArticleSearch {
  constructor(
    @InjectRepository(ArticleSearchEntity) private readonly entries: Repository<ArticleSearchEntity>,
  ) {}

  /** Writes the article's title and summary into the search index; call inside the article's transaction. */
  async index(article: { id: number; title: string; summary: string }): Promise<void> {
    const tokens = documentTokens(article.title, article.summary).join(' ');
    await this.entries.upsert({ articleId: article.id, tokens }, ['articleId']);
  }

  /**
   * Ids of published articles whose title or summary contain every term of q, newest first
   * (publishedAt desc, id desc), strictly after the keyset position `after`, at most `limit`,
   * optionally in one category.
   */
  async find(
    q: string,
    options: {
      category?: ArticleCategory;
      after?: { publishedAt: Date; id: number };
      limit: number;
    },
  ): Promise<number[]> {
    const tokens = queryTokens(q);
    if (tokens.length === 0) return [];
    const manager = this.entries.manager;
    const sqlite = manager.connection.options.type === 'better-sqlite3';
    // SQLite: CROSS JOIN keeps the FTS table the outer loop; otherwise the planner may prefer to
    // walk the feed index in order and probe the full-text index for every published article.
    // MariaDB: STRAIGHT_JOIN does the same for the FULLTEXT index.
    const source = sqlite
      ? `article_search_fts f CROSS JOIN articles a ON a.id = f.rowid`
      : `article_search s STRAIGHT_JOIN articles a ON a.id = s.article_id`;
    const match = sqlite
      ? `f.article_search_fts MATCH :match`
      : `MATCH (s.tokens) AGAINST (:match IN BOOLEAN MODE)`;
    const conditions = [match, `a.state = 'published'`];
    if (options.category) conditions.push('a.category = :category');
    if (options.after) {
      conditions.push('(a.published_at < :at OR (a.published_at = :at AND a.id < :id))');
    }
    const sql = `SELECT a.id AS id FROM ${source} WHERE ${conditions.join(' AND ')} ORDER BY a.published_at DESC, a.id DESC LIMIT :limit`;
    const [query, parameters] = manager.connection.driver.escapeQueryWithParameters(sql, {
      // Every piece required: FTS5 joins quoted strings with AND, MariaDB's boolean mode needs +.
      match: tokens.map((t) => (sqlite ? `"${t}"` : `+${t}`)).join(' '),
      category: options.category,
      at: options.after?.publishedAt,
      id: options.after?.id,
      limit: options.limit,
    });
    const rows = await manager.query<{ id: number | string }[]>(query, parameters);
    return rows.map((row) => Number(row.id));
  }
}
