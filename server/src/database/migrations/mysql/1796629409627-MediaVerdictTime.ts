import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaVerdictTime1796629409627 implements MigrationInterface {
  name = 'MediaVerdictTime1796629409627';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `submission_media_checks` ADD `result_at` datetime NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `submission_media_checks` DROP COLUMN `result_at`");
  }
}
