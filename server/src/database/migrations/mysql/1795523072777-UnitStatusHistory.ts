import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitStatusHistory1795523072777 implements MigrationInterface {
  name = 'UnitStatusHistory1795523072777';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `unit_status_changes` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `status` varchar(16) NOT NULL, `reason` varchar(200) NULL, `actor_id` int NULL, `at` datetime NOT NULL, INDEX `ix_unit_status_changes_unit_id` (`unit_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `ix_unit_status_changes_unit_id` ON `unit_status_changes`");
    await queryRunner.query("DROP TABLE `unit_status_changes`");
  }
}
