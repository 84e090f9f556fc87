import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillRemittanceCodes } from '../bill-remittance-codes';

export class DuesBills1796640640608 implements MigrationInterface {
  name = 'DuesBills1796640640608';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Whole yuan become integer fen; bills written before due dates and remittance codes get the
    // handbook's default date and a code of their own.
    await queryRunner.query("DROP INDEX \"uq_bills_unit_year\"");
    await queryRunner.query("CREATE TABLE \"temporary_bills\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"year\" integer NOT NULL, \"level\" varchar(16) NOT NULL, \"status\" varchar(16) NOT NULL, \"created_at\" datetime NOT NULL, \"amount_fen\" integer NOT NULL, \"paid_fen\" integer NOT NULL DEFAULT (0), \"due_date\" varchar(10) NOT NULL, \"remittance_code\" varchar(8) NOT NULL, \"reason\" varchar(200), \"receipt_status\" varchar(16), \"receipt_title\" varchar(100), \"receipt_tax_number\" varchar(20), \"receipt_number\" varchar(40), \"receipt_file_id\" integer, \"receipt_requested_at\" datetime, \"receipt_issued_at\" datetime, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"temporary_bills\"(\"id\", \"unit_id\", \"year\", \"level\", \"status\", \"created_at\", \"amount_fen\", \"paid_fen\", \"due_date\", \"remittance_code\", \"updated_at\") SELECT \"id\", \"unit_id\", \"year\", \"level\", \"status\", \"created_at\", \"amount_yuan\" * 100, CASE WHEN \"status\" = 'paid' THEN \"amount_yuan\" * 100 ELSE 0 END, \"year\" || '-03-31', '', \"created_at\" FROM \"bills\"");
    await queryRunner.query("DROP TABLE \"bills\"");
    await queryRunner.query("ALTER TABLE \"temporary_bills\" RENAME TO \"bills\"");
    await fillRemittanceCodes(queryRunner, (name) => `"${name}"`);
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_bills_unit_year\" ON \"bills\" (\"unit_id\", \"year\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_due_date\" ON \"bills\" (\"due_date\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_year_status\" ON \"bills\" (\"year\", \"status\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_bills_remittance_code\" ON \"bills\" (\"remittance_code\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_bills_remittance_code\"");
    await queryRunner.query("DROP INDEX \"idx_bills_year_status\"");
    await queryRunner.query("DROP INDEX \"idx_bills_due_date\"");
    await queryRunner.query("DROP INDEX \"uq_bills_unit_year\"");
    await queryRunner.query("ALTER TABLE \"bills\" RENAME TO \"temporary_bills\"");
    await queryRunner.query("CREATE TABLE \"bills\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"year\" integer NOT NULL, \"level\" varchar(16) NOT NULL, \"amount_yuan\" integer NOT NULL, \"status\" varchar(16) NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"bills\"(\"id\", \"unit_id\", \"year\", \"level\", \"amount_yuan\", \"status\", \"created_at\") SELECT \"id\", \"unit_id\", \"year\", \"level\", \"amount_fen\" / 100, \"status\", \"created_at\" FROM \"temporary_bills\"");
    await queryRunner.query("DROP TABLE \"temporary_bills\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_bills_unit_year\" ON \"bills\" (\"unit_id\", \"year\") ");
  }
}
