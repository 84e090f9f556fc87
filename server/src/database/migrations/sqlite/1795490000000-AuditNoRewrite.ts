import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: TypeORM does not model triggers. `REPLACE INTO` and `INSERT OR REPLACE` resolve a
 * key conflict by deleting the old row without firing delete triggers (recursive_triggers is off),
 * so they could rewrite an entry. An insert that names an existing id is refused before that.
 * MySQL/MariaDB need no counterpart: there REPLACE fires the delete trigger and ON DUPLICATE KEY
 * UPDATE the update trigger of AuditAppendOnly.
 */
export class AuditNoRewrite1795490000000 implements MigrationInterface {
  name = 'AuditNoRewrite1795490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TRIGGER \"audit_log_no_rewrite\" BEFORE INSERT ON \"audit_log\" WHEN EXISTS (SELECT 1 FROM \"audit_log\" WHERE \"id\" = NEW.\"id\") BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "audit_log_no_rewrite"');
  }
}
