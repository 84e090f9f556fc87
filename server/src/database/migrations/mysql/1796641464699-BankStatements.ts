import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BankStatements1796641464699 implements MigrationInterface {
  name = 'BankStatements1796641464699';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `bank_statements` (`id` int NOT NULL AUTO_INCREMENT, `uploaded_by` int NOT NULL, `file_name` varchar(255) NOT NULL, `status` varchar(16) NOT NULL, `created_at` datetime NOT NULL, `confirmed_by` int NULL, `confirmed_at` datetime NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `bank_statement_lines` (`id` int NOT NULL AUTO_INCREMENT, `statement_id` int NOT NULL, `line` int NOT NULL, `paid_on` varchar(10) NULL, `amount_fen` int NULL, `payer` varchar(100) NOT NULL, `memo` varchar(500) NOT NULL, `bank_reference` varchar(64) NOT NULL, `remittance_code` varchar(8) NULL, `bill_id` int NULL, `reason` varchar(100) NULL, `warning` varchar(200) NULL, `credited_payment_id` int NULL, `assigned_bill_id` int NULL, UNIQUE INDEX `uq_bank_statement_lines_line` (`statement_id`, `line`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_bank_statement_lines_line` ON `bank_statement_lines`");
    await queryRunner.query("DROP TABLE `bank_statement_lines`");
    await queryRunner.query("DROP TABLE `bank_statements`");
  }
}
