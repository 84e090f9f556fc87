import type { MigrationInterface, QueryRunner } from 'typeorm';

export class BankStatements1796641464699 implements MigrationInterface {
  name = 'BankStatements1796641464699';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"bank_statements\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"uploaded_by\" integer NOT NULL, \"file_name\" varchar(255) NOT NULL, \"status\" varchar(16) NOT NULL, \"created_at\" datetime NOT NULL, \"confirmed_by\" integer, \"confirmed_at\" datetime)");
    await queryRunner.query("CREATE TABLE \"bank_statement_lines\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"statement_id\" integer NOT NULL, \"line\" integer NOT NULL, \"paid_on\" varchar(10), \"amount_fen\" integer, \"payer\" varchar(100) NOT NULL, \"memo\" varchar(500) NOT NULL, \"bank_reference\" varchar(64) NOT NULL, \"remittance_code\" varchar(8), \"bill_id\" integer, \"reason\" varchar(100), \"warning\" varchar(200), \"credited_payment_id\" integer, \"assigned_bill_id\" integer)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_bank_statement_lines_line\" ON \"bank_statement_lines\" (\"statement_id\", \"line\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_bank_statement_lines_line\"");
    await queryRunner.query("DROP TABLE \"bank_statement_lines\"");
    await queryRunner.query("DROP TABLE \"bank_statements\"");
  }
}
