import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Standing1796665105756 implements MigrationInterface {
  name = 'Standing1796665105756';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_bills_unit_year\"");
    await queryRunner.query("CREATE TABLE \"level_requests\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"open_unit_id\" integer, \"from_level\" varchar(16) NOT NULL, \"to_level\" varchar(16) NOT NULL, \"direction\" varchar(16) NOT NULL, \"state\" varchar(16) NOT NULL, \"reason\" varchar(500) NOT NULL, \"requested_by\" integer, \"created_at\" datetime NOT NULL, \"decided_at\" datetime, \"decided_by\" integer, \"decision_reason\" varchar(500), \"effective_year\" integer NOT NULL, \"difference_bill_id\" integer, \"applied_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_level_requests_effective\" ON \"level_requests\" (\"direction\", \"state\", \"effective_year\") ");
    await queryRunner.query("CREATE INDEX \"ix_level_requests_to_state\" ON \"level_requests\" (\"to_level\", \"state\") ");
    await queryRunner.query("CREATE INDEX \"ix_level_requests_state\" ON \"level_requests\" (\"state\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_level_requests_unit\" ON \"level_requests\" (\"unit_id\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_level_requests_open_unit\" ON \"level_requests\" (\"open_unit_id\") ");
    await queryRunner.query("CREATE TABLE \"unit_level_changes\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"from_level\" varchar(16) NOT NULL, \"to_level\" varchar(16) NOT NULL, \"level_request_id\" integer, \"actor_id\" integer, \"at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_unit_level_changes_unit\" ON \"unit_level_changes\" (\"unit_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"unit_removals\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"ground\" varchar(32) NOT NULL, \"body\" varchar(20) NOT NULL, \"decided_on\" varchar(10) NOT NULL, \"document_number\" varchar(60), \"reason\" varchar(500) NOT NULL, \"file_id\" integer, \"unpaid_years\" varchar(100) NOT NULL, \"recorded_by\" integer, \"recorded_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_unit_removals_unit\" ON \"unit_removals\" (\"unit_id\", \"id\") ");
    await queryRunner.query("DROP INDEX \"idx_bills_status\"");
    await queryRunner.query("DROP INDEX \"idx_bills_year_id\"");
    await queryRunner.query("DROP INDEX \"idx_bills_year_level\"");
    await queryRunner.query("DROP INDEX \"uq_bills_remittance_code\"");
    await queryRunner.query("DROP INDEX \"idx_bills_year_status\"");
    await queryRunner.query("DROP INDEX \"idx_bills_due_date\"");
    await queryRunner.query("CREATE TABLE \"temporary_bills\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"year\" integer NOT NULL, \"level\" varchar(16) NOT NULL, \"status\" varchar(16) NOT NULL, \"created_at\" datetime NOT NULL, \"amount_fen\" integer NOT NULL, \"paid_fen\" integer NOT NULL DEFAULT (0), \"due_date\" varchar(10) NOT NULL, \"remittance_code\" varchar(8) NOT NULL, \"reason\" varchar(200), \"receipt_status\" varchar(16), \"receipt_title\" varchar(100), \"receipt_tax_number\" varchar(20), \"receipt_number\" varchar(40), \"receipt_file_id\" integer, \"receipt_requested_at\" datetime, \"receipt_issued_at\" datetime, \"updated_at\" datetime NOT NULL, \"kind\" varchar(16) NOT NULL DEFAULT ('annual'), \"series\" integer NOT NULL DEFAULT (0))");
    await queryRunner.query("INSERT INTO \"temporary_bills\"(\"id\", \"unit_id\", \"year\", \"level\", \"status\", \"created_at\", \"amount_fen\", \"paid_fen\", \"due_date\", \"remittance_code\", \"reason\", \"receipt_status\", \"receipt_title\", \"receipt_tax_number\", \"receipt_number\", \"receipt_file_id\", \"receipt_requested_at\", \"receipt_issued_at\", \"updated_at\") SELECT \"id\", \"unit_id\", \"year\", \"level\", \"status\", \"created_at\", \"amount_fen\", \"paid_fen\", \"due_date\", \"remittance_code\", \"reason\", \"receipt_status\", \"receipt_title\", \"receipt_tax_number\", \"receipt_number\", \"receipt_file_id\", \"receipt_requested_at\", \"receipt_issued_at\", \"updated_at\" FROM \"bills\"");
    await queryRunner.query("DROP TABLE \"bills\"");
    await queryRunner.query("ALTER TABLE \"temporary_bills\" RENAME TO \"bills\"");
    await queryRunner.query("CREATE INDEX \"idx_bills_status\" ON \"bills\" (\"status\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_year_id\" ON \"bills\" (\"year\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_year_level\" ON \"bills\" (\"year\", \"level\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_bills_remittance_code\" ON \"bills\" (\"remittance_code\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_year_status\" ON \"bills\" (\"year\", \"status\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_due_date\" ON \"bills\" (\"due_date\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_arrears\" ON \"bills\" (\"status\", \"due_date\", \"unit_id\", \"year\", \"amount_fen\", \"paid_fen\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_bills_unit_year_series\" ON \"bills\" (\"unit_id\", \"year\", \"series\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_bills_unit_year_series\"");
    await queryRunner.query("DROP INDEX \"idx_bills_arrears\"");
    await queryRunner.query("DROP INDEX \"idx_bills_due_date\"");
    await queryRunner.query("DROP INDEX \"idx_bills_year_status\"");
    await queryRunner.query("DROP INDEX \"uq_bills_remittance_code\"");
    await queryRunner.query("DROP INDEX \"idx_bills_year_level\"");
    await queryRunner.query("DROP INDEX \"idx_bills_year_id\"");
    await queryRunner.query("DROP INDEX \"idx_bills_status\"");
    await queryRunner.query("ALTER TABLE \"bills\" RENAME TO \"temporary_bills\"");
    await queryRunner.query("CREATE TABLE \"bills\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"year\" integer NOT NULL, \"level\" varchar(16) NOT NULL, \"status\" varchar(16) NOT NULL, \"created_at\" datetime NOT NULL, \"amount_fen\" integer NOT NULL, \"paid_fen\" integer NOT NULL DEFAULT (0), \"due_date\" varchar(10) NOT NULL, \"remittance_code\" varchar(8) NOT NULL, \"reason\" varchar(200), \"receipt_status\" varchar(16), \"receipt_title\" varchar(100), \"receipt_tax_number\" varchar(20), \"receipt_number\" varchar(40), \"receipt_file_id\" integer, \"receipt_requested_at\" datetime, \"receipt_issued_at\" datetime, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"bills\"(\"id\", \"unit_id\", \"year\", \"level\", \"status\", \"created_at\", \"amount_fen\", \"paid_fen\", \"due_date\", \"remittance_code\", \"reason\", \"receipt_status\", \"receipt_title\", \"receipt_tax_number\", \"receipt_number\", \"receipt_file_id\", \"receipt_requested_at\", \"receipt_issued_at\", \"updated_at\") SELECT \"id\", \"unit_id\", \"year\", \"level\", \"status\", \"created_at\", \"amount_fen\", \"paid_fen\", \"due_date\", \"remittance_code\", \"reason\", \"receipt_status\", \"receipt_title\", \"receipt_tax_number\", \"receipt_number\", \"receipt_file_id\", \"receipt_requested_at\", \"receipt_issued_at\", \"updated_at\" FROM \"temporary_bills\"");
    await queryRunner.query("DROP TABLE \"temporary_bills\"");
    await queryRunner.query("CREATE INDEX \"idx_bills_due_date\" ON \"bills\" (\"due_date\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_year_status\" ON \"bills\" (\"year\", \"status\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_bills_remittance_code\" ON \"bills\" (\"remittance_code\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_year_level\" ON \"bills\" (\"year\", \"level\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_year_id\" ON \"bills\" (\"year\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_status\" ON \"bills\" (\"status\") ");
    await queryRunner.query("DROP INDEX \"ix_unit_removals_unit\"");
    await queryRunner.query("DROP TABLE \"unit_removals\"");
    await queryRunner.query("DROP INDEX \"ix_unit_level_changes_unit\"");
    await queryRunner.query("DROP TABLE \"unit_level_changes\"");
    await queryRunner.query("DROP INDEX \"uq_level_requests_open_unit\"");
    await queryRunner.query("DROP INDEX \"ix_level_requests_unit\"");
    await queryRunner.query("DROP INDEX \"ix_level_requests_state\"");
    await queryRunner.query("DROP INDEX \"ix_level_requests_to_state\"");
    await queryRunner.query("DROP INDEX \"ix_level_requests_effective\"");
    await queryRunner.query("DROP TABLE \"level_requests\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_bills_unit_year\" ON \"bills\" (\"unit_id\", \"year\") ");
  }
}
