import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventsDoor1796676990590 implements MigrationInterface {
  name = 'EventsDoor1796676990590';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `attendance_certificates` (`id` int NOT NULL AUTO_INCREMENT, `registration_id` int NOT NULL, `number` varchar(24) NOT NULL, `code` varchar(20) NOT NULL, `issued_at` datetime NOT NULL, UNIQUE INDEX `uq_attendance_certificates_registration` (`registration_id`), UNIQUE INDEX `uq_attendance_certificates_number` (`number`), UNIQUE INDEX `uq_attendance_certificates_code` (`code`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `event_check_in_scans` (`id` int NOT NULL AUTO_INCREMENT, `event_id` int NOT NULL, `scan_id` varchar(64) NOT NULL, `result` varchar(20) NOT NULL, `registration_id` int NULL, `scanned_by` int NOT NULL, `created_at` datetime NOT NULL, UNIQUE INDEX `uq_event_check_in_scans_scan` (`event_id`, `scan_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `event_materials` (`id` int NOT NULL AUTO_INCREMENT, `event_id` int NOT NULL, `file_id` int NOT NULL, `title` varchar(60) NOT NULL, `created_by` int NOT NULL, `created_at` datetime NOT NULL, UNIQUE INDEX `uq_event_materials_file` (`file_id`), INDEX `ix_event_materials_event` (`event_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `ix_event_materials_event` ON `event_materials`");
    await queryRunner.query("DROP INDEX `uq_event_materials_file` ON `event_materials`");
    await queryRunner.query("DROP TABLE `event_materials`");
    await queryRunner.query("DROP INDEX `uq_event_check_in_scans_scan` ON `event_check_in_scans`");
    await queryRunner.query("DROP TABLE `event_check_in_scans`");
    await queryRunner.query("DROP INDEX `uq_attendance_certificates_code` ON `attendance_certificates`");
    await queryRunner.query("DROP INDEX `uq_attendance_certificates_number` ON `attendance_certificates`");
    await queryRunner.query("DROP INDEX `uq_attendance_certificates_registration` ON `attendance_certificates`");
    await queryRunner.query("DROP TABLE `attendance_certificates`");
  }
}
