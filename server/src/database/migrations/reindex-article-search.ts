import type { QueryRunner } from 'typeorm';
import { monthEntry, searchEntry } from '../../modules/articles/article-search';

const BATCH = 500;

/** `published_at` as the driver hands it: a Date from MariaDB, TypeORM's UTC text from SQLite. */
function utcDate(value: Date | string | null): Date | null {
  if (value === null || value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}Z`);
}

/**
 * Rewrites every article's row of `article_search` from the article as it is now, in batches by
 * id, for a migration that changes what an article is indexed under; the full-text index follows
 * (MariaDB's FULLTEXT on commit, SQLite's FTS table through its triggers). Shared by both
 * dialects' migrations: the SQL is the same, and the pieces come from the one function that
 * writes them on every save.
 */
export async function reindexArticleSearch(queryRunner: QueryRunner): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT id, title, summary, body, tags, published_at FROM articles WHERE id > ? ORDER BY id LIMIT ${BATCH}`,
      [after],
    )) as {
      id: number | string;
      title: string;
      summary: string;
      body: string;
      tags: string;
      published_at: Date | string | null;
    }[];
    if (rows.length === 0) return;
    for (const row of rows) {
      const tokens = searchEntry({
        title: row.title,
        summary: row.summary,
        body: row.body,
        tags: JSON.parse(row.tags) as string[],
        publishedAt: utcDate(row.published_at),
      });
      await queryRunner.query('UPDATE article_search SET tokens = ? WHERE article_id = ?', [tokens, row.id]);
    }
    after = Number(rows[rows.length - 1]?.id);
  }
}

/**
 * MariaDB: fills `article_search_months` (empty) from `article_search` as it is, in batches by id:
 * each entry's pieces filed under its month. After `reindexArticleSearch` on MariaDB, empty the
 * table and call this again.
 */
export async function fillArticleSearchMonths(queryRunner: QueryRunner): Promise<void> {
  let after = 0;
  for (;;) {
    const rows = (await queryRunner.query(
      `SELECT article_id, tokens FROM article_search WHERE article_id > ? ORDER BY article_id LIMIT ${BATCH}`,
      [after],
    )) as { article_id: number | string; tokens: string }[];
    if (rows.length === 0) return;
    await queryRunner.query(
      `INSERT INTO article_search_months (article_id, tokens) VALUES ${rows.map(() => '(?, ?)').join(', ')}`,
      rows.flatMap((row) => [row.article_id, monthEntry(row.tokens)]),
    );
    after = Number(rows[rows.length - 1]?.article_id);
  }
}
