import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ArticleDrafts1796629193283 implements MigrationInterface {
  name = 'ArticleDrafts1796629193283';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `article_drafts` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `draft_key` varchar(32) NOT NULL, `data` text NOT NULL, `updated_at` datetime NOT NULL, UNIQUE INDEX `uq_article_drafts_user_key` (`user_id`, `draft_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_article_drafts_user_key` ON `article_drafts`");
    await queryRunner.query("DROP TABLE `article_drafts`");
  }
}
