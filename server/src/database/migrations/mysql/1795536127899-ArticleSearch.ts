import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand for the FULLTEXT index, which the entity declares with `synchronize: false`.
 * InnoDB's default parser suffices: the pieces in `tokens` are ASCII words it keeps whole
 * (search-tokens.ts). Created with the table, so InnoDB adds its hidden FTS_DOC_ID column at once
 * rather than rebuilding the table later.
 */
export class ArticleSearch1795536127899 implements MigrationInterface {
  name = 'ArticleSearch1795536127899';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `article_search` (`article_id` int NOT NULL, `tokens` text NOT NULL, FULLTEXT INDEX `ft_article_search_tokens` (`tokens`), PRIMARY KEY (`article_id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `article_search`");
  }
}
