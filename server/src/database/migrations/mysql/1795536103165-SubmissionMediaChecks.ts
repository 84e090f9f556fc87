import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SubmissionMediaChecks1795536103165 implements MigrationInterface {
  name = 'SubmissionMediaChecks1795536103165';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `submission_media_checks` (`id` int NOT NULL AUTO_INCREMENT, `article_id` int NOT NULL, `file_id` int NOT NULL, `trace_id` varchar(64) NOT NULL, `fetch_token` varchar(32) NOT NULL, `result` varchar(16) NULL, `created_at` datetime NOT NULL, INDEX `ix_submission_media_checks_article` (`article_id`, `id`), UNIQUE INDEX `uq_submission_media_checks_trace` (`trace_id`), UNIQUE INDEX `uq_submission_media_checks_fetch_token` (`fetch_token`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_submission_media_checks_fetch_token` ON `submission_media_checks`");
    await queryRunner.query("DROP INDEX `uq_submission_media_checks_trace` ON `submission_media_checks`");
    await queryRunner.query("DROP INDEX `ix_submission_media_checks_article` ON `submission_media_checks`");
    await queryRunner.query("DROP TABLE `submission_media_checks`");
  }
}
