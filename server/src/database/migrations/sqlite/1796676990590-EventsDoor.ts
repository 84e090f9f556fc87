import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EventsDoor1796676990590 implements MigrationInterface {
  name = 'EventsDoor1796676990590';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"attendance_certificates\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"registration_id\" integer NOT NULL, \"number\" varchar(24) NOT NULL, \"code\" varchar(20) NOT NULL, \"issued_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_attendance_certificates_registration\" ON \"attendance_certificates\" (\"registration_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_attendance_certificates_number\" ON \"attendance_certificates\" (\"number\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_attendance_certificates_code\" ON \"attendance_certificates\" (\"code\") ");
    await queryRunner.query("CREATE TABLE \"event_check_in_scans\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" integer NOT NULL, \"scan_id\" varchar(64) NOT NULL, \"result\" varchar(20) NOT NULL, \"registration_id\" integer, \"scanned_by\" integer NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_event_check_in_scans_scan\" ON \"event_check_in_scans\" (\"event_id\", \"scan_id\") ");
    await queryRunner.query("CREATE TABLE \"event_materials\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" integer NOT NULL, \"file_id\" integer NOT NULL, \"title\" varchar(60) NOT NULL, \"created_by\" integer NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_event_materials_file\" ON \"event_materials\" (\"file_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_event_materials_event\" ON \"event_materials\" (\"event_id\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_event_materials_event\"");
    await queryRunner.query("DROP INDEX \"uq_event_materials_file\"");
    await queryRunner.query("DROP TABLE \"event_materials\"");
    await queryRunner.query("DROP INDEX \"uq_event_check_in_scans_scan\"");
    await queryRunner.query("DROP TABLE \"event_check_in_scans\"");
    await queryRunner.query("DROP INDEX \"uq_attendance_certificates_code\"");
    await queryRunner.query("DROP INDEX \"uq_attendance_certificates_number\"");
    await queryRunner.query("DROP INDEX \"uq_attendance_certificates_registration\"");
    await queryRunner.query("DROP TABLE \"attendance_certificates\"");
  }
}
