import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLogTarget1796644501053 implements MigrationInterface {
  name = 'AuditLogTarget1796644501053';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE INDEX \"ix_audit_log_target\" ON \"audit_log\" (\"target\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_audit_log_target\"");
  }
}
