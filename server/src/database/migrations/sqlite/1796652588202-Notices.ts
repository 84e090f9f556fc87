import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notices1796652588202 implements MigrationInterface {
  name = 'Notices1796652588202';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"notices\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"title\" varchar(40) NOT NULL, \"text\" varchar(200) NOT NULL, \"link_kind\" varchar(16), \"link_id\" integer, \"audience\" varchar(2000) NOT NULL, \"state\" varchar(16) NOT NULL, \"cursor_contact_id\" integer NOT NULL DEFAULT (0), \"created_by\" integer NOT NULL, \"created_by_name\" varchar(60) NOT NULL, \"created_at\" datetime NOT NULL, \"sent_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_notices_state\" ON \"notices\" (\"state\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"notice_deliveries\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"notice_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"message_id\" integer NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_notice_deliveries_message\" ON \"notice_deliveries\" (\"message_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_notice_deliveries_notice_user\" ON \"notice_deliveries\" (\"notice_id\", \"user_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_notice_deliveries_notice_user\"");
    await queryRunner.query("DROP INDEX \"ix_notice_deliveries_message\"");
    await queryRunner.query("DROP TABLE \"notice_deliveries\"");
    await queryRunner.query("DROP INDEX \"ix_notices_state\"");
    await queryRunner.query("DROP TABLE \"notices\"");
  }
}
