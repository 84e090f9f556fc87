import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillRemittanceCodes } from '../bill-remittance-codes';

export class DuesBills1796640640608 implements MigrationInterface {
  name = 'DuesBills1796640640608';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Whole yuan become integer fen; bills written before due dates and remittance codes get the
    // handbook's default date and a code of their own.
    await queryRunner.query("ALTER TABLE `bills` ADD `amount_fen` int NOT NULL DEFAULT 0");
    await queryRunner.query("ALTER TABLE `bills` ADD `paid_fen` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `bills` ADD `due_date` varchar(10) NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE `bills` ADD `remittance_code` varchar(8) NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE `bills` ADD `updated_at` datetime NULL");
    await queryRunner.query(
      "UPDATE `bills` SET `amount_fen` = `amount_yuan` * 100, `paid_fen` = CASE WHEN `status` = 'paid' THEN `amount_yuan` * 100 ELSE 0 END, `due_date` = CONCAT(`year`, '-03-31'), `updated_at` = `created_at`",
    );
    await fillRemittanceCodes(queryRunner, (name) => `\`${name}\``);
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `amount_yuan`");
    await queryRunner.query("ALTER TABLE `bills` MODIFY `amount_fen` int NOT NULL");
    await queryRunner.query("ALTER TABLE `bills` MODIFY `due_date` varchar(10) NOT NULL");
    await queryRunner.query("ALTER TABLE `bills` MODIFY `remittance_code` varchar(8) NOT NULL");
    await queryRunner.query("ALTER TABLE `bills` MODIFY `updated_at` datetime NOT NULL");
    await queryRunner.query("ALTER TABLE `bills` ADD `reason` varchar(200) NULL");
    await queryRunner.query("ALTER TABLE `bills` ADD `receipt_status` varchar(16) NULL");
    await queryRunner.query("ALTER TABLE `bills` ADD `receipt_title` varchar(100) NULL");
    await queryRunner.query("ALTER TABLE `bills` ADD `receipt_tax_number` varchar(20) NULL");
    await queryRunner.query("ALTER TABLE `bills` ADD `receipt_number` varchar(40) NULL");
    await queryRunner.query("ALTER TABLE `bills` ADD `receipt_file_id` int NULL");
    await queryRunner.query("ALTER TABLE `bills` ADD `receipt_requested_at` datetime NULL");
    await queryRunner.query("ALTER TABLE `bills` ADD `receipt_issued_at` datetime NULL");
    await queryRunner.query("CREATE INDEX `idx_bills_due_date` ON `bills` (`due_date`, `id`)");
    await queryRunner.query("CREATE INDEX `idx_bills_year_status` ON `bills` (`year`, `status`, `id`)");
    await queryRunner.query("CREATE UNIQUE INDEX `uq_bills_remittance_code` ON `bills` (`remittance_code`)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_bills_remittance_code` ON `bills`");
    await queryRunner.query("DROP INDEX `idx_bills_year_status` ON `bills`");
    await queryRunner.query("DROP INDEX `idx_bills_due_date` ON `bills`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `updated_at`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `receipt_issued_at`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `receipt_requested_at`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `receipt_file_id`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `receipt_number`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `receipt_tax_number`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `receipt_title`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `receipt_status`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `reason`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `remittance_code`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `due_date`");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `paid_fen`");
    await queryRunner.query("ALTER TABLE `bills` ADD `amount_yuan` int NOT NULL DEFAULT 0");
    await queryRunner.query("UPDATE `bills` SET `amount_yuan` = `amount_fen` DIV 100");
    await queryRunner.query("ALTER TABLE `bills` DROP COLUMN `amount_fen`");
  }
}
