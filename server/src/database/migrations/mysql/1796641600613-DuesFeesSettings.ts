import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DuesFeesSettings1796641600613 implements MigrationInterface {
  name = 'DuesFeesSettings1796641600613';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `dues_fees` (`id` int NOT NULL AUTO_INCREMENT, `year` int NOT NULL, `level` varchar(16) NOT NULL, `amount_fen` int NOT NULL, UNIQUE INDEX `uq_dues_fees_year_level` (`year`, `level`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `dues_fee_changes` (`id` int NOT NULL AUTO_INCREMENT, `year` int NOT NULL, `level` varchar(16) NOT NULL, `from_fen` int NOT NULL, `to_fen` int NOT NULL, `actor_id` int NULL, `actor_name` varchar(64) NULL, `at` datetime NOT NULL, INDEX `idx_dues_fee_changes_year` (`year`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `dues_settings` (`id` int NOT NULL, `account_name` varchar(100) NOT NULL, `bank_name` varchar(100) NOT NULL, `account_number` varchar(40) NOT NULL, `due_month_day` varchar(5) NOT NULL, `open_month_day` varchar(5) NOT NULL, `updated_at` datetime NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE INDEX `idx_bills_year_level` ON `bills` (`year`, `level`, `id`)");
    await queryRunner.query("CREATE INDEX `idx_bills_year_id` ON `bills` (`year`, `id`)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_bills_year_id` ON `bills`");
    await queryRunner.query("DROP INDEX `idx_bills_year_level` ON `bills`");
    await queryRunner.query("DROP TABLE `dues_settings`");
    await queryRunner.query("DROP INDEX `idx_dues_fee_changes_year` ON `dues_fee_changes`");
    await queryRunner.query("DROP TABLE `dues_fee_changes`");
    await queryRunner.query("DROP INDEX `uq_dues_fees_year_level` ON `dues_fees`");
    await queryRunner.query("DROP TABLE `dues_fees`");
  }
}
