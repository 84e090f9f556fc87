import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignsAndNotifications1795507854583 implements MigrationInterface {
  name = 'CampaignsAndNotifications1795507854583';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"subscription_credits\" (\"user_id\" integer NOT NULL, \"purpose\" varchar(32) NOT NULL, \"credits\" integer NOT NULL, \"updated_at\" datetime NOT NULL, PRIMARY KEY (\"user_id\", \"purpose\"))");
    await queryRunner.query("CREATE TABLE \"messages\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"purpose\" varchar(32) NOT NULL, \"title\" varchar(60) NOT NULL, \"body\" varchar(1000) NOT NULL, \"page\" varchar(200), \"template_data\" varchar(1000) NOT NULL, \"delivery\" varchar(16) NOT NULL, \"created_at\" datetime NOT NULL, \"read_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_messages_user\" ON \"messages\" (\"user_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"campaigns\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"name\" varchar(40) NOT NULL, \"scene\" varchar(32) NOT NULL, \"created_by\" integer, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_campaigns_scene\" ON \"campaigns\" (\"scene\") ");
    await queryRunner.query("CREATE TABLE \"campaign_scans\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"campaign_id\" integer NOT NULL, \"scanned_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_campaign_scans_campaign\" ON \"campaign_scans\" (\"campaign_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_campaign_scans_campaign\"");
    await queryRunner.query("DROP TABLE \"campaign_scans\"");
    await queryRunner.query("DROP INDEX \"uq_campaigns_scene\"");
    await queryRunner.query("DROP TABLE \"campaigns\"");
    await queryRunner.query("DROP INDEX \"ix_messages_user\"");
    await queryRunner.query("DROP TABLE \"messages\"");
    await queryRunner.query("DROP TABLE \"subscription_credits\"");
  }
}
