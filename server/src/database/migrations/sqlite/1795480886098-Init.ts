import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795480886098 implements MigrationInterface {
  name = 'Init1795480886098';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "association_content" ("key" varchar(64) PRIMARY KEY NOT NULL, "value" text NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "member_services" ("position" integer PRIMARY KEY NOT NULL, "text" varchar(500) NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "membership_levels" ("code" varchar(32) PRIMARY KEY NOT NULL, "name" varchar(32) NOT NULL, "annual_fee_yuan" integer NOT NULL, "rank" integer NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "membership_rights" ("tier" varchar(16) NOT NULL, "position" integer NOT NULL, "text" varchar(500) NOT NULL, PRIMARY KEY ("tier", "position"))',
    );
    await queryRunner.query(
      'CREATE TABLE "membership_obligations" ("position" integer PRIMARY KEY NOT NULL, "text" varchar(500) NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "membership_obligations"');
    await queryRunner.query('DROP TABLE "membership_rights"');
    await queryRunner.query('DROP TABLE "membership_levels"');
    await queryRunner.query('DROP TABLE "member_services"');
    await queryRunner.query('DROP TABLE "association_content"');
  }
}
