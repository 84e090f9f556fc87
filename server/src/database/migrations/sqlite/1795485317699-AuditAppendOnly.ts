import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: TypeORM does not model triggers. The audit log refuses updates and deletes. */
export class AuditAppendOnly1795485317699 implements MigrationInterface {
  name = 'AuditAppendOnly1795485317699';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TRIGGER \"audit_log_no_update\" BEFORE UPDATE ON \"audit_log\" BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    );
    await queryRunner.query(
      "CREATE TRIGGER \"audit_log_no_delete\" BEFORE DELETE ON \"audit_log\" BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "audit_log_no_delete"');
    await queryRunner.query('DROP TRIGGER "audit_log_no_update"');
  }
}
