import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DuesFeesSettings1796641600613 implements MigrationInterface {
  name = 'DuesFeesSettings1796641600613';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"dues_fees\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"year\" integer NOT NULL, \"level\" varchar(16) NOT NULL, \"amount_fen\" integer NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_dues_fees_year_level\" ON \"dues_fees\" (\"year\", \"level\") ");
    await queryRunner.query("CREATE TABLE \"dues_fee_changes\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"year\" integer NOT NULL, \"level\" varchar(16) NOT NULL, \"from_fen\" integer NOT NULL, \"to_fen\" integer NOT NULL, \"actor_id\" integer, \"actor_name\" varchar(64), \"at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"idx_dues_fee_changes_year\" ON \"dues_fee_changes\" (\"year\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"dues_settings\" (\"id\" integer PRIMARY KEY NOT NULL, \"account_name\" varchar(100) NOT NULL, \"bank_name\" varchar(100) NOT NULL, \"account_number\" varchar(40) NOT NULL, \"due_month_day\" varchar(5) NOT NULL, \"open_month_day\" varchar(5) NOT NULL, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"idx_bills_year_level\" ON \"bills\" (\"year\", \"level\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"idx_bills_year_id\" ON \"bills\" (\"year\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"idx_bills_year_id\"");
    await queryRunner.query("DROP INDEX \"idx_bills_year_level\"");
    await queryRunner.query("DROP TABLE \"dues_settings\"");
    await queryRunner.query("DROP INDEX \"idx_dues_fee_changes_year\"");
    await queryRunner.query("DROP TABLE \"dues_fee_changes\"");
    await queryRunner.query("DROP INDEX \"uq_dues_fees_year_level\"");
    await queryRunner.query("DROP TABLE \"dues_fees\"");
  }
}
