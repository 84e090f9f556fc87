import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Standing1796665105756 implements MigrationInterface {
  name = 'Standing1796665105756';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_bills_unit_year` ON `bills`");
    await queryRunner.query("CREATE TABLE `level_requests` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `open_unit_id` int NULL, `from_level` varchar(16) NOT NULL, `to_level` varchar(16) NOT NULL, `direction` varchar(16) NOT NULL, `state` varchar(16) NOT NULL, `reason` varchar(500) NOT NULL, `requested_by` int NULL, `created_at` datetime NOT NULL, `decided_at` datetime NULL, `decided_by` int NULL, `decision_reason` varchar(500) NULL, `effective_year` int NOT NULL, `difference_bill_id` int NULL, `applied_at` datetime NULL, INDEX `ix_level_requests_effective` (`direction`, `state`, `effective_year`), INDEX `ix_level_requests_to_state` (`to_level`, `state`), INDEX `ix_level_requests_state` (`state`, `id`), INDEX `ix_level_requests_unit` (`unit_id`, `id`), UNIQUE INDEX `uq_level_requests_open_unit` (`open_unit_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `unit_level_changes` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `from_level` varchar(16) NOT NULL, `to_level` varchar(16) NOT NULL, `level_request_id` int NULL, `actor_id` int NULL, `at` datetime NOT NULL, INDEX `ix_unit_level_changes_unit` (`unit_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `unit_removals` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `ground` varchar(32) NOT NULL, `body` varchar(20) NOT NULL, `decided_on` varchar(10) NOT NULL, `document_number` varchar(60) NULL, `reason` varchar(500) NOT NULL, `file_id` int NULL, `unpaid_years` varchar(100) NOT NULL, `recorded_by` int NULL, `recorded_at` datetime NOT NULL, INDEX `ix_unit_removals_unit` (`unit_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("ALTER TABLE `bills` ADD `kind` varchar(16) NOT NULL DEFAULT 'annual'");
    await queryRunner.query("ALTER TABLE `bills` ADD `series` int NOT NULL DEFAULT '0'");
    await queryRunner.query("CREATE INDEX `idx_bills_arrears` ON `bills` (`status`, `due_date`, `unit_id`, `year`, `amount_fen`, `paid_fen`)");
    await queryRunner.query("CREATE UNIQUE INDEX `uq_bills_unit_year_series` ON `bills` (`unit_id`, `year`, `series`)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_bills_unit_year_series` ON `bills`");
    await queryRunner.query("DROP INDEX `idx_bills_arrears` ON `bills`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `series`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `kind`");
    await queryRunner.query("DROP INDEX `ix_unit_removals_unit` ON `unit_removals`");
    await queryRunner.query("DROP TABLE `unit_removals`");
    await queryRunner.query("DROP INDEX `ix_unit_level_changes_unit` ON `unit_level_changes`");
    await queryRunner.query("DROP TABLE `unit_level_changes`");
    await queryRunner.query("DROP INDEX `uq_level_requests_open_unit` ON `level_requests`");
    await queryRunner.query("DROP INDEX `ix_level_requests_unit` ON `level_requests`");
    await queryRunner.query("DROP INDEX `ix_level_requests_state` ON `level_requests`");
    await queryRunner.query("DROP INDEX `ix_level_requests_to_state` ON `level_requests`");
    await queryRunner.query("DROP INDEX `ix_level_requests_effective` ON `level_requests`");
    await queryRunner.query("DROP TABLE `level_requests`");
    await queryRunner.query("CREATE UNIQUE INDEX `uq_bills_unit_year` ON `bills` (`unit_id`, `year`)");
  }
}
