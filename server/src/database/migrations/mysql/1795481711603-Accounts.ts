import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1795481711603 implements MigrationInterface {
  name = 'Accounts1795481711603';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `audit_log` (`id` int NOT NULL AUTO_INCREMENT, `at` datetime NOT NULL, `actor_id` int NULL, `actor_name` varchar(64) NOT NULL, `action` varchar(32) NOT NULL, `target` varchar(128) NULL, `detail` varchar(500) NULL, `ip` varchar(64) NULL, INDEX `ix_audit_log_actor_id` (`actor_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `sessions` (`id` int NOT NULL AUTO_INCREMENT, `token_hash` varchar(64) NOT NULL, `user_id` int NOT NULL, `created_at` datetime NOT NULL, `last_seen_at` datetime NOT NULL, `expires_at` datetime NOT NULL, `revoked_at` datetime NULL, UNIQUE INDEX `uq_sessions_token_hash` (`token_hash`), INDEX `ix_sessions_user_id` (`user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `users` (`id` int NOT NULL AUTO_INCREMENT, `openid` varchar(64) NOT NULL, `unionid` varchar(64) NULL, `display_name` varchar(64) NOT NULL, `phone` varchar(20) NULL, `created_at` datetime NOT NULL, `last_seen_at` datetime NULL, UNIQUE INDEX `uq_users_openid` (`openid`), INDEX `ix_users_phone` (`phone`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `user_roles` (`user_id` int NOT NULL, `role` varchar(16) NOT NULL, `granted_at` datetime NOT NULL, `granted_by` int NULL, PRIMARY KEY (`user_id`, `role`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE `user_roles`");
    await queryRunner.query("DROP INDEX `ix_users_phone` ON `users`");
    await queryRunner.query("DROP INDEX `uq_users_openid` ON `users`");
    await queryRunner.query("DROP TABLE `users`");
    await queryRunner.query("DROP INDEX `ix_sessions_user_id` ON `sessions`");
    await queryRunner.query("DROP INDEX `uq_sessions_token_hash` ON `sessions`");
    await queryRunner.query("DROP TABLE `sessions`");
    await queryRunner.query("DROP INDEX `ix_audit_log_actor_id` ON `audit_log`");
    await queryRunner.query("DROP TABLE `audit_log`");
  }
}
