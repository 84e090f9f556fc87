import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitContactNames1795522397079 implements MigrationInterface {
  name = 'UnitContactNames1795522397079';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `unit_contacts` ADD `name` varchar(20) NOT NULL");
    await queryRunner.query("ALTER TABLE `unit_contacts` ADD `title` varchar(30) NULL");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE `unit_contacts` DROP COLUMN `title`");
    await queryRunner.query("ALTER TABLE `unit_contacts` DROP COLUMN `name`");
  }
}
