import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DuesReminders1796641512927 implements MigrationInterface {
  name = 'DuesReminders1796641512927';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `dues_reminders` (`id` int NOT NULL AUTO_INCREMENT, `bill_id` int NOT NULL, `step` varchar(16) NOT NULL, `recipients` int NOT NULL, `sent_at` datetime NOT NULL, UNIQUE INDEX `uq_dues_reminders_bill_step` (`bill_id`, `step`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_dues_reminders_bill_step` ON `dues_reminders`');
    await queryRunner.query('DROP TABLE `dues_reminders`');
  }
}
