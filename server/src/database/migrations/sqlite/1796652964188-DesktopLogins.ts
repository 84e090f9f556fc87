import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DesktopLogins1796652964188 implements MigrationInterface {
  name = 'DesktopLogins1796652964188';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"desktop_logins\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"ticket\" varchar(32) NOT NULL, \"poll_token_hash\" varchar(64) NOT NULL, \"status\" varchar(16) NOT NULL, \"browser\" varchar(64) NOT NULL, \"ip\" varchar(45) NOT NULL, \"place\" varchar(32) NOT NULL, \"created_at\" datetime NOT NULL, \"expires_at\" datetime NOT NULL, \"scanned_by\" integer, \"scanned_at\" datetime, \"confirmed_at\" datetime, \"session_id\" integer)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_desktop_logins_ticket\" ON \"desktop_logins\" (\"ticket\") ");
    await queryRunner.query("CREATE INDEX \"ix_desktop_logins_expires_at\" ON \"desktop_logins\" (\"expires_at\") ");
    await queryRunner.query("DROP INDEX \"ix_sessions_user_id\"");
    await queryRunner.query("DROP INDEX \"uq_sessions_token_hash\"");
    await queryRunner.query("CREATE TABLE \"temporary_sessions\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"user_id\" integer NOT NULL, \"created_at\" datetime NOT NULL, \"last_seen_at\" datetime NOT NULL, \"expires_at\" datetime NOT NULL, \"revoked_at\" datetime, \"kind\" varchar(16) NOT NULL DEFAULT ('miniapp'), \"browser\" varchar(64), \"ip\" varchar(45), \"place\" varchar(32))");
    await queryRunner.query("INSERT INTO \"temporary_sessions\"(\"id\", \"token_hash\", \"user_id\", \"created_at\", \"last_seen_at\", \"expires_at\", \"revoked_at\") SELECT \"id\", \"token_hash\", \"user_id\", \"created_at\", \"last_seen_at\", \"expires_at\", \"revoked_at\" FROM \"sessions\"");
    await queryRunner.query("DROP TABLE \"sessions\"");
    await queryRunner.query("ALTER TABLE \"temporary_sessions\" RENAME TO \"sessions\"");
    await queryRunner.query("CREATE INDEX \"ix_sessions_user_id\" ON \"sessions\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_sessions_token_hash\" ON \"sessions\" (\"token_hash\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_sessions_token_hash\"");
    await queryRunner.query("DROP INDEX \"ix_sessions_user_id\"");
    await queryRunner.query("ALTER TABLE \"sessions\" RENAME TO \"temporary_sessions\"");
    await queryRunner.query("CREATE TABLE \"sessions\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"user_id\" integer NOT NULL, \"created_at\" datetime NOT NULL, \"last_seen_at\" datetime NOT NULL, \"expires_at\" datetime NOT NULL, \"revoked_at\" datetime)");
    await queryRunner.query("INSERT INTO \"sessions\"(\"id\", \"token_hash\", \"user_id\", \"created_at\", \"last_seen_at\", \"expires_at\", \"revoked_at\") SELECT \"id\", \"token_hash\", \"user_id\", \"created_at\", \"last_seen_at\", \"expires_at\", \"revoked_at\" FROM \"temporary_sessions\"");
    await queryRunner.query("DROP TABLE \"temporary_sessions\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_sessions_token_hash\" ON \"sessions\" (\"token_hash\") ");
    await queryRunner.query("CREATE INDEX \"ix_sessions_user_id\" ON \"sessions\" (\"user_id\") ");
    await queryRunner.query("DROP INDEX \"ix_desktop_logins_expires_at\"");
    await queryRunner.query("DROP INDEX \"uq_desktop_logins_ticket\"");
    await queryRunner.query("DROP TABLE \"desktop_logins\"");
  }
}
