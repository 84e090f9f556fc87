import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignsAndNotifications1795507854583 implements MigrationInterface {
  name = 'CampaignsAndNotifications1795507854583';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `subscription_credits` (`user_id` int NOT NULL, `purpose` varchar(32) NOT NULL, `credits` int NOT NULL, `updated_at` datetime NOT NULL, PRIMARY KEY (`user_id`, `purpose`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `messages` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `purpose` varchar(32) NOT NULL, `title` varchar(60) NOT NULL, `body` varchar(1000) NOT NULL, `page` varchar(200) NULL, `template_data` varchar(1000) NOT NULL, `delivery` varchar(16) NOT NULL, `created_at` datetime NOT NULL, `read_at` datetime NULL, INDEX `ix_messages_user` (`user_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `campaigns` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(40) NOT NULL, `scene` varchar(32) NOT NULL, `created_by` int NULL, `created_at` datetime NOT NULL, UNIQUE INDEX `uq_campaigns_scene` (`scene`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `campaign_scans` (`id` int NOT NULL AUTO_INCREMENT, `campaign_id` int NOT NULL, `scanned_at` datetime NOT NULL, INDEX `ix_campaign_scans_campaign` (`campaign_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `ix_campaign_scans_campaign` ON `campaign_scans`");
    await queryRunner.query("DROP TABLE `campaign_scans`");
    await queryRunner.query("DROP INDEX `uq_campaigns_scene` ON `campaigns`");
    await queryRunner.query("DROP TABLE `campaigns`");
    await queryRunner.query("DROP INDEX `ix_messages_user` ON `messages`");
    await queryRunner.query("DROP TABLE `messages`");
    await queryRunner.query("DROP TABLE `subscription_credits`");
  }
}
