import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795480886098 implements MigrationInterface {
  name = 'Init1795480886098';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `association_content` (`key` varchar(64) NOT NULL, `value` text NOT NULL, PRIMARY KEY (`key`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `member_services` (`position` int NOT NULL, `text` varchar(500) NOT NULL, PRIMARY KEY (`position`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `membership_levels` (`code` varchar(32) NOT NULL, `name` varchar(32) NOT NULL, `annual_fee_yuan` int NOT NULL, `rank` int NOT NULL, PRIMARY KEY (`code`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `membership_rights` (`tier` varchar(16) NOT NULL, `position` int NOT NULL, `text` varchar(500) NOT NULL, PRIMARY KEY (`tier`, `position`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `membership_obligations` (`position` int NOT NULL, `text` varchar(500) NOT NULL, PRIMARY KEY (`position`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `membership_obligations`');
    await queryRunner.query('DROP TABLE `membership_rights`');
    await queryRunner.query('DROP TABLE `membership_levels`');
    await queryRunner.query('DROP TABLE `member_services`');
    await queryRunner.query('DROP TABLE `association_content`');
  }
}
