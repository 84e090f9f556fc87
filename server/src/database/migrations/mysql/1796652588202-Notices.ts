import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notices1796652588202 implements MigrationInterface {
  name = 'Notices1796652588202';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `notices` (`id` int NOT NULL AUTO_INCREMENT, `title` varchar(40) NOT NULL, `text` varchar(200) NOT NULL, `link_kind` varchar(16) NULL, `link_id` int NULL, `audience` varchar(2000) NOT NULL, `state` varchar(16) NOT NULL, `cursor_contact_id` int NOT NULL DEFAULT '0', `created_by` int NOT NULL, `created_by_name` varchar(60) NOT NULL, `created_at` datetime NOT NULL, `sent_at` datetime NULL, INDEX `ix_notices_state` (`state`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `notice_deliveries` (`id` int NOT NULL AUTO_INCREMENT, `notice_id` int NOT NULL, `user_id` int NOT NULL, `message_id` int NOT NULL, `created_at` datetime NOT NULL, INDEX `ix_notice_deliveries_message` (`message_id`), UNIQUE INDEX `uq_notice_deliveries_notice_user` (`notice_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_notice_deliveries_notice_user` ON `notice_deliveries`");
    await queryRunner.query("DROP INDEX `ix_notice_deliveries_message` ON `notice_deliveries`");
    await queryRunner.query("DROP TABLE `notice_deliveries`");
    await queryRunner.query("DROP INDEX `ix_notices_state` ON `notices`");
    await queryRunner.query("DROP TABLE `notices`");
  }
}
