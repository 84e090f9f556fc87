import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitContactsInvitesRequestsSeats1795523183478 implements MigrationInterface {
  name = 'UnitContactsInvitesRequestsSeats1795523183478';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `unit_seat_limits` (`id` int NOT NULL AUTO_INCREMENT, `level` varchar(16) NOT NULL, `seats` int NOT NULL, `updated_at` datetime NOT NULL, `updated_by` int NULL, UNIQUE INDEX `uq_unit_seat_limits_level` (`level`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `unit_rosters` (`id` int NOT NULL, `changed_at` datetime NOT NULL, PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `unit_invites` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `token_hash` varchar(64) NOT NULL, `created_by` int NOT NULL, `invited_by_name` varchar(20) NOT NULL, `expires_at` datetime NOT NULL, `used_at` datetime NULL, `used_by` int NULL, `created_at` datetime NOT NULL, INDEX `ix_unit_invites_unit_id` (`unit_id`), UNIQUE INDEX `uq_unit_invites_token_hash` (`token_hash`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `unit_join_requests` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `user_id` int NOT NULL, `open_user_id` int NULL, `name` varchar(20) NOT NULL, `title` varchar(30) NULL, `state` varchar(16) NOT NULL, `created_at` datetime NOT NULL, `decided_at` datetime NULL, `decided_by` int NULL, INDEX `ix_unit_join_requests_unit_id` (`unit_id`), INDEX `ix_unit_join_requests_user_id` (`user_id`), UNIQUE INDEX `uq_unit_join_requests_open_user_id` (`open_user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_unit_join_requests_open_user_id` ON `unit_join_requests`");
    await queryRunner.query("DROP INDEX `ix_unit_join_requests_user_id` ON `unit_join_requests`");
    await queryRunner.query("DROP INDEX `ix_unit_join_requests_unit_id` ON `unit_join_requests`");
    await queryRunner.query("DROP TABLE `unit_join_requests`");
    await queryRunner.query("DROP INDEX `uq_unit_invites_token_hash` ON `unit_invites`");
    await queryRunner.query("DROP INDEX `ix_unit_invites_unit_id` ON `unit_invites`");
    await queryRunner.query("DROP TABLE `unit_invites`");
    await queryRunner.query("DROP TABLE `unit_rosters`");
    await queryRunner.query("DROP INDEX `uq_unit_seat_limits_level` ON `unit_seat_limits`");
    await queryRunner.query("DROP TABLE `unit_seat_limits`");
  }
}
