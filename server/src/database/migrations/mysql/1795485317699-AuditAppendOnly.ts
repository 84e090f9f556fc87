import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Written by hand: TypeORM does not model triggers. The audit log refuses updates and deletes. */
export class AuditAppendOnly1795485317699 implements MigrationInterface {
  name = 'AuditAppendOnly1795485317699';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'",
    );
    await queryRunner.query(
      "CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` FOR EACH ROW SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER `audit_log_no_delete`');
    await queryRunner.query('DROP TRIGGER `audit_log_no_update`');
  }
}
