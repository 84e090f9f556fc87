import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillArticleSearchMonths } from '../reindex-article-search';

/**
 * Written by hand, MariaDB only: a table TypeORM knows nothing of (no entity, as SQLite's FTS
 * table), read by ArticleSearch for a search of some months. InnoDB reads a piece's whole list of
 * articles on every query, so each piece is also filed under its article's month here (monthEntry),
 * and a search of recent months reads those months' articles alone. MEDIUMTEXT: an entry of
 * `article_search` may fill its TEXT, and here every piece is eight characters longer. Filled
 * from `article_search` in batches by id; ArticleSearch.index writes both from now on.
 */
export class ArticleSearchMonths1796632024260 implements MigrationInterface {
  name = 'ArticleSearchMonths1796632024260';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `article_search_months` (`article_id` int NOT NULL, `tokens` mediumtext NOT NULL, FULLTEXT INDEX `ft_article_search_months_tokens` (`tokens`), PRIMARY KEY (`article_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await fillArticleSearchMonths(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `article_search_months`");
  }
}
