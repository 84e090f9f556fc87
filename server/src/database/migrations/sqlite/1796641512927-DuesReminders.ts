import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DuesReminders1796641512927 implements MigrationInterface {
  name = 'DuesReminders1796641512927';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "dues_reminders" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "bill_id" integer NOT NULL, "step" varchar(16) NOT NULL, "recipients" integer NOT NULL, "sent_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_dues_reminders_bill_step" ON "dues_reminders" ("bill_id", "step") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_dues_reminders_bill_step"');
    await queryRunner.query('DROP TABLE "dues_reminders"');
  }
}
