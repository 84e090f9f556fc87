import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DesktopLogins1796652964188 implements MigrationInterface {
  name = 'DesktopLogins1796652964188';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `desktop_logins` (`id` int NOT NULL AUTO_INCREMENT, `ticket` varchar(32) NOT NULL, `poll_token_hash` varchar(64) NOT NULL, `status` varchar(16) NOT NULL, `browser` varchar(64) NOT NULL, `ip` varchar(45) NOT NULL, `place` varchar(32) NOT NULL, `created_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `scanned_by` int NULL, `scanned_at` datetime NULL, `confirmed_at` datetime NULL, `session_id` int NULL, UNIQUE INDEX `uq_desktop_logins_ticket` (`ticket`), INDEX `ix_desktop_logins_expires_at` (`expires_at`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("ALTER TABLE `sessions` ADD `kind` varchar(16) NOT NULL DEFAULT 'miniapp'");
    await queryRunner.query("ALTER TABLE `sessions` ADD `browser` varchar(64) NULL");
    await queryRunner.query("ALTER TABLE `sessions` ADD `ip` varchar(45) NULL");
    await queryRunner.query("ALTER TABLE `sessions` ADD `place` varchar(32) NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `sessions` DROP COLUMN `place`");
    await queryRunner.query("ALTER TABLE `sessions` DROP COLUMN `ip`");
    await queryRunner.query("ALTER TABLE `sessions` DROP COLUMN `browser`");
    await queryRunner.query("ALTER TABLE `sessions` DROP COLUMN `kind`");
    await queryRunner.query("DROP INDEX `ix_desktop_logins_expires_at` ON `desktop_logins`");
    await queryRunner.query("DROP INDEX `uq_desktop_logins_ticket` ON `desktop_logins`");
    await queryRunner.query("DROP TABLE `desktop_logins`");
  }
}
