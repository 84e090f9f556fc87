import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitStatusHistory1795523072777 implements MigrationInterface {
  name = 'UnitStatusHistory1795523072777';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"unit_status_changes\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"status\" varchar(16) NOT NULL, \"reason\" varchar(200), \"actor_id\" integer, \"at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_unit_status_changes_unit_id\" ON \"unit_status_changes\" (\"unit_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_unit_status_changes_unit_id\"");
    await queryRunner.query("DROP TABLE \"unit_status_changes\"");
  }
}
