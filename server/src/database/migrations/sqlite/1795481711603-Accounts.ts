import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795481711603 implements MigrationInterface {
  name = 'Accounts1795481711603';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"audit_log\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"at\" datetime NOT NULL, \"actor_id\" integer, \"actor_name\" varchar(64) NOT NULL, \"action\" varchar(32) NOT NULL, \"target\" varchar(128), \"detail\" varchar(500), \"ip\" varchar(64))");
    await queryRunner.query("CREATE INDEX \"ix_audit_log_actor_id\" ON \"audit_log\" (\"actor_id\") ");
    await queryRunner.query("CREATE TABLE \"sessions\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"user_id\" integer NOT NULL, \"created_at\" datetime NOT NULL, \"last_seen_at\" datetime NOT NULL, \"expires_at\" datetime NOT NULL, \"revoked_at\" datetime)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_sessions_token_hash\" ON \"sessions\" (\"token_hash\") ");
    await queryRunner.query("CREATE INDEX \"ix_sessions_user_id\" ON \"sessions\" (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"users\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"openid\" varchar(64) NOT NULL, \"unionid\" varchar(64), \"display_name\" varchar(64) NOT NULL, \"phone\" varchar(20), \"created_at\" datetime NOT NULL, \"last_seen_at\" datetime)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_users_openid\" ON \"users\" (\"openid\") ");
    await queryRunner.query("CREATE INDEX \"ix_users_phone\" ON \"users\" (\"phone\") ");
    await queryRunner.query("CREATE TABLE \"user_roles\" (\"user_id\" integer NOT NULL, \"role\" varchar(16) NOT NULL, \"granted_at\" datetime NOT NULL, \"granted_by\" integer, PRIMARY KEY (\"user_id\", \"role\"))");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"user_roles\"");
    await queryRunner.query("DROP INDEX \"ix_users_phone\"");
    await queryRunner.query("DROP INDEX \"uq_users_openid\"");
    await queryRunner.query("DROP TABLE \"users\"");
    await queryRunner.query("DROP INDEX \"ix_sessions_user_id\"");
    await queryRunner.query("DROP INDEX \"uq_sessions_token_hash\"");
    await queryRunner.query("DROP TABLE \"sessions\"");
    await queryRunner.query("DROP INDEX \"ix_audit_log_actor_id\"");
    await queryRunner.query("DROP TABLE \"audit_log\"");
  }
}
