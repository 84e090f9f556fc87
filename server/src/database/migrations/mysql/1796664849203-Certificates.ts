import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Certificates1796664849203 implements MigrationInterface {
  name = 'Certificates1796664849203';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `certificates` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `year` int NOT NULL, `number` varchar(24) NOT NULL, `code` varchar(20) NOT NULL, `issued_at` datetime NOT NULL, UNIQUE INDEX `uq_certificates_number` (`number`), UNIQUE INDEX `uq_certificates_code` (`code`), UNIQUE INDEX `uq_certificates_unit_year` (`unit_id`, `year`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_certificates_unit_year` ON `certificates`");
    await queryRunner.query("DROP INDEX `uq_certificates_code` ON `certificates`");
    await queryRunner.query("DROP INDEX `uq_certificates_number` ON `certificates`");
    await queryRunner.query("DROP TABLE `certificates`");
  }
}
