import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupEntry1795523168252 implements MigrationInterface {
  name = 'GroupEntry1795523168252';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `wechat_groups` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(30) NOT NULL, `min_level` varchar(16) NOT NULL, `note` varchar(200) NULL, `archived` tinyint NOT NULL, `current_code_id` int NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, UNIQUE INDEX `uq_wechat_groups_name` (`name`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `group_codes` (`id` int NOT NULL AUTO_INCREMENT, `group_id` int NOT NULL, `storage_key` varchar(64) NULL, `content_type` varchar(16) NOT NULL, `size` int NOT NULL, `uploaded_by` int NOT NULL, `uploaded_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `warned_at` datetime NULL, `replaced_at` datetime NULL, UNIQUE INDEX `uq_group_codes_storage_key` (`storage_key`), INDEX `ix_group_codes_group` (`group_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `group_reveals` (`id` int NOT NULL AUTO_INCREMENT, `group_id` int NOT NULL, `user_id` int NOT NULL, `unit_id` int NOT NULL, `name` varchar(30) NOT NULL, `unit_name` varchar(60) NOT NULL, `nickname` varchar(60) NOT NULL, `first_shown_at` datetime NULL, `last_shown_at` datetime NULL, `last_code_id` int NULL, `added_by_staff_at` datetime NULL, `left_at` datetime NULL, INDEX `ix_group_reveals_user` (`user_id`), UNIQUE INDEX `uq_group_reveals_group_user` (`group_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `group_todos` (`id` int NOT NULL AUTO_INCREMENT, `kind` varchar(16) NOT NULL, `group_id` int NOT NULL, `user_id` int NULL, `unit_id` int NULL, `name` varchar(30) NULL, `unit_name` varchar(60) NULL, `nickname` varchar(60) NULL, `open_key` varchar(64) NULL, `created_at` datetime NOT NULL, `done_at` datetime NULL, `done_by` int NULL, INDEX `ix_group_todos_user` (`user_id`), UNIQUE INDEX `uq_group_todos_open_key` (`open_key`), INDEX `ix_group_todos_done` (`done_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `group_removals` (`id` int NOT NULL AUTO_INCREMENT, `group_id` int NOT NULL, `user_id` int NOT NULL, `unit_id` int NOT NULL, `name` varchar(30) NOT NULL, `unit_name` varchar(60) NOT NULL, `nickname` varchar(60) NOT NULL, `reason` varchar(16) NOT NULL, `created_at` datetime NOT NULL, `done_at` datetime NULL, `done_by` int NULL, INDEX `ix_group_removals_done` (`done_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `ix_group_removals_done` ON `group_removals`");
    await queryRunner.query("DROP TABLE `group_removals`");
    await queryRunner.query("DROP INDEX `ix_group_todos_done` ON `group_todos`");
    await queryRunner.query("DROP INDEX `uq_group_todos_open_key` ON `group_todos`");
    await queryRunner.query("DROP INDEX `ix_group_todos_user` ON `group_todos`");
    await queryRunner.query("DROP TABLE `group_todos`");
    await queryRunner.query("DROP INDEX `uq_group_reveals_group_user` ON `group_reveals`");
    await queryRunner.query("DROP INDEX `ix_group_reveals_user` ON `group_reveals`");
    await queryRunner.query("DROP TABLE `group_reveals`");
    await queryRunner.query("DROP INDEX `ix_group_codes_group` ON `group_codes`");
    await queryRunner.query("DROP INDEX `uq_group_codes_storage_key` ON `group_codes`");
    await queryRunner.query("DROP TABLE `group_codes`");
    await queryRunner.query("DROP INDEX `uq_wechat_groups_name` ON `wechat_groups`");
    await queryRunner.query("DROP TABLE `wechat_groups`");
  }
}
