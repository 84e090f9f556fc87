import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitContactNames1795522397079 implements MigrationInterface {
  name = 'UnitContactNames1795522397079';

  // Contacts made before names were kept get an empty name (copied rows need a value).
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_unit_contacts_user_id\"");
    await queryRunner.query("DROP INDEX \"ix_unit_contacts_unit_id\"");
    await queryRunner.query("CREATE TABLE \"temporary_unit_contacts\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"is_primary\" boolean NOT NULL, \"created_at\" datetime NOT NULL, \"name\" varchar(20) NOT NULL, \"title\" varchar(30))");
    await queryRunner.query("INSERT INTO \"temporary_unit_contacts\"(\"id\", \"unit_id\", \"user_id\", \"is_primary\", \"created_at\", \"name\") SELECT \"id\", \"unit_id\", \"user_id\", \"is_primary\", \"created_at\", '' FROM \"unit_contacts\"");
    await queryRunner.query("DROP TABLE \"unit_contacts\"");
    await queryRunner.query("ALTER TABLE \"temporary_unit_contacts\" RENAME TO \"unit_contacts\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_unit_contacts_user_id\" ON \"unit_contacts\" (\"user_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_unit_contacts_unit_id\" ON \"unit_contacts\" (\"unit_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_unit_contacts_unit_id\"");
    await queryRunner.query("DROP INDEX \"uq_unit_contacts_user_id\"");
    await queryRunner.query("ALTER TABLE \"unit_contacts\" RENAME TO \"temporary_unit_contacts\"");
    await queryRunner.query("CREATE TABLE \"unit_contacts\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"is_primary\" boolean NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"unit_contacts\"(\"id\", \"unit_id\", \"user_id\", \"is_primary\", \"created_at\") SELECT \"id\", \"unit_id\", \"user_id\", \"is_primary\", \"created_at\" FROM \"temporary_unit_contacts\"");
    await queryRunner.query("DROP TABLE \"temporary_unit_contacts\"");
    await queryRunner.query("CREATE INDEX \"ix_unit_contacts_unit_id\" ON \"unit_contacts\" (\"unit_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_unit_contacts_user_id\" ON \"unit_contacts\" (\"user_id\") ");
  }
}
