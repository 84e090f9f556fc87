import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupEntry1795523168252 implements MigrationInterface {
  name = 'GroupEntry1795523168252';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"wechat_groups\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(30) NOT NULL, \"min_level\" varchar(16) NOT NULL, \"note\" varchar(200), \"archived\" boolean NOT NULL, \"current_code_id\" integer, \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_wechat_groups_name\" ON \"wechat_groups\" (\"name\") ");
    await queryRunner.query("CREATE TABLE \"group_codes\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"group_id\" integer NOT NULL, \"storage_key\" varchar(64), \"content_type\" varchar(16) NOT NULL, \"size\" integer NOT NULL, \"uploaded_by\" integer NOT NULL, \"uploaded_at\" datetime NOT NULL, \"expires_at\" datetime NOT NULL, \"warned_at\" datetime, \"replaced_at\" datetime)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_group_codes_storage_key\" ON \"group_codes\" (\"storage_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_group_codes_group\" ON \"group_codes\" (\"group_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"group_reveals\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"group_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"unit_id\" integer NOT NULL, \"name\" varchar(30) NOT NULL, \"unit_name\" varchar(60) NOT NULL, \"nickname\" varchar(60) NOT NULL, \"first_shown_at\" datetime, \"last_shown_at\" datetime, \"last_code_id\" integer, \"added_by_staff_at\" datetime, \"left_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_group_reveals_user\" ON \"group_reveals\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_group_reveals_group_user\" ON \"group_reveals\" (\"group_id\", \"user_id\") ");
    await queryRunner.query("CREATE TABLE \"group_todos\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"kind\" varchar(16) NOT NULL, \"group_id\" integer NOT NULL, \"user_id\" integer, \"unit_id\" integer, \"name\" varchar(30), \"unit_name\" varchar(60), \"nickname\" varchar(60), \"open_key\" varchar(64), \"created_at\" datetime NOT NULL, \"done_at\" datetime, \"done_by\" integer)");
    await queryRunner.query("CREATE INDEX \"ix_group_todos_user\" ON \"group_todos\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_group_todos_open_key\" ON \"group_todos\" (\"open_key\") ");
    await queryRunner.query("CREATE INDEX \"ix_group_todos_done\" ON \"group_todos\" (\"done_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"group_removals\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"group_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"unit_id\" integer NOT NULL, \"name\" varchar(30) NOT NULL, \"unit_name\" varchar(60) NOT NULL, \"nickname\" varchar(60) NOT NULL, \"reason\" varchar(16) NOT NULL, \"created_at\" datetime NOT NULL, \"done_at\" datetime, \"done_by\" integer)");
    await queryRunner.query("CREATE INDEX \"ix_group_removals_done\" ON \"group_removals\" (\"done_at\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_group_removals_done\"");
    await queryRunner.query("DROP TABLE \"group_removals\"");
    await queryRunner.query("DROP INDEX \"ix_group_todos_done\"");
    await queryRunner.query("DROP INDEX \"uq_group_todos_open_key\"");
    await queryRunner.query("DROP INDEX \"ix_group_todos_user\"");
    await queryRunner.query("DROP TABLE \"group_todos\"");
    await queryRunner.query("DROP INDEX \"uq_group_reveals_group_user\"");
    await queryRunner.query("DROP INDEX \"ix_group_reveals_user\"");
    await queryRunner.query("DROP TABLE \"group_reveals\"");
    await queryRunner.query("DROP INDEX \"ix_group_codes_group\"");
    await queryRunner.query("DROP INDEX \"uq_group_codes_storage_key\"");
    await queryRunner.query("DROP TABLE \"group_codes\"");
    await queryRunner.query("DROP INDEX \"uq_wechat_groups_name\"");
    await queryRunner.query("DROP TABLE \"wechat_groups\"");
  }
}
