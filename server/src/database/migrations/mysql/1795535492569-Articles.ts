import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Articles1795535492569 implements MigrationInterface {
  name = 'Articles1795535492569';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `articles` (`id` int NOT NULL AUTO_INCREMENT, `category` varchar(20) NOT NULL, `title` varchar(80) NOT NULL, `summary` varchar(200) NOT NULL, `body` text NOT NULL, `visibility` varchar(16) NOT NULL, `state` varchar(16) NOT NULL, `pinned` tinyint NOT NULL DEFAULT 0, `cover_file_id` int NULL, `attachment_file_ids` text NOT NULL, `tags` text NOT NULL, `unit_id` int NULL, `submitted_by` int NULL, `content_flagged` tinyint NOT NULL DEFAULT 0, `reject_reason` varchar(200) NULL, `read_count` int NOT NULL DEFAULT '0', `created_by` int NOT NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `published_at` datetime NULL, `decided_at` datetime NULL, INDEX `ix_articles_unit` (`unit_id`, `id`), INDEX `ix_articles_manage` (`updated_at`, `id`), INDEX `ix_articles_pinned` (`state`, `pinned`, `published_at`, `id`), INDEX `ix_articles_category_feed` (`state`, `category`, `published_at`, `id`), INDEX `ix_articles_feed` (`state`, `published_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `article_state_changes` (`id` int NOT NULL AUTO_INCREMENT, `article_id` int NOT NULL, `state` varchar(16) NOT NULL, `reason` varchar(200) NULL, `actor_id` int NULL, `at` datetime NOT NULL, INDEX `ix_article_state_changes_article` (`article_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `ix_article_state_changes_article` ON `article_state_changes`");
    await queryRunner.query("DROP TABLE `article_state_changes`");
    await queryRunner.query("DROP INDEX `ix_articles_feed` ON `articles`");
    await queryRunner.query("DROP INDEX `ix_articles_category_feed` ON `articles`");
    await queryRunner.query("DROP INDEX `ix_articles_pinned` ON `articles`");
    await queryRunner.query("DROP INDEX `ix_articles_manage` ON `articles`");
    await queryRunner.query("DROP INDEX `ix_articles_unit` ON `articles`");
    await queryRunner.query("DROP TABLE `articles`");
  }
}
