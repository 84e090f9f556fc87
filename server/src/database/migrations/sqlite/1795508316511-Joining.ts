import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Joining1795508316511 implements MigrationInterface {
  name = 'Joining1795508316511';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "applications" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "applicant_id" integer NOT NULL, "state" varchar(16) NOT NULL, "unit_name" varchar(60) NOT NULL, "credit_code" varchar(18) NOT NULL, "open_credit_code" varchar(18), "unit_type" varchar(32) NOT NULL, "province" varchar(20) NOT NULL, "city" varchar(20) NOT NULL, "address" varchar(120) NOT NULL, "legal_representative" varchar(30) NOT NULL, "contact_name" varchar(20) NOT NULL, "contact_title" varchar(30) NOT NULL, "contact_mobile" varchar(20) NOT NULL, "contact_email" varchar(100) NOT NULL, "level" varchar(16) NOT NULL, "annual_fee_yuan" integer NOT NULL, "business_description" text NOT NULL, "itss_conformity_level" varchar(1), "licence_file_id" integer NOT NULL, "rules_version" varchar(16) NOT NULL, "privacy_version" varchar(16) NOT NULL, "campaign_id" integer, "unit_id" integer, "submitted_at" datetime NOT NULL, "updated_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_applications_applicant_id" ON "applications" ("applicant_id") ',
    );
    await queryRunner.query('CREATE INDEX "ix_applications_state" ON "applications" ("state") ');
    await queryRunner.query('CREATE INDEX "ix_applications_credit_code" ON "applications" ("credit_code") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_applications_open_credit_code" ON "applications" ("open_credit_code") ',
    );
    await queryRunner.query('CREATE INDEX "ix_applications_campaign_id" ON "applications" ("campaign_id") ');
    await queryRunner.query(
      'CREATE TABLE "application_history" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "application_id" integer NOT NULL, "state" varchar(16) NOT NULL, "at" datetime NOT NULL, "actor_id" integer NOT NULL, "actor_role" varchar(16) NOT NULL, "note" varchar(500))',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_application_history_application_id" ON "application_history" ("application_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "application_submissions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "idempotency_key" varchar(64) NOT NULL, "body_hash" varchar(64) NOT NULL, "application_id" integer NOT NULL, "created_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_application_submissions_user_key" ON "application_submissions" ("user_id", "idempotency_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "application_drafts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "data" text, "campaign_id" integer, "updated_at" datetime NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_application_drafts_user_id" ON "application_drafts" ("user_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "ix_application_drafts_campaign_id" ON "application_drafts" ("campaign_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "bills" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "unit_id" integer NOT NULL, "year" integer NOT NULL, "level" varchar(16) NOT NULL, "amount_yuan" integer NOT NULL, "status" varchar(16) NOT NULL, "created_at" datetime NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_bills_unit_year" ON "bills" ("unit_id", "year") ');
    await queryRunner.query(
      'CREATE TABLE "files" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "storage_key" varchar(64) NOT NULL, "name" varchar(100) NOT NULL, "size" integer NOT NULL, "content_type" varchar(32) NOT NULL, "uploaded_by" integer NOT NULL, "owner_type" varchar(32), "owner_id" integer, "created_at" datetime NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_files_storage_key" ON "files" ("storage_key") ');
    await queryRunner.query('CREATE INDEX "ix_files_uploaded_by" ON "files" ("uploaded_by") ');
    await queryRunner.query(
      'CREATE TABLE "units" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(60) NOT NULL, "credit_code" varchar(18) NOT NULL, "unit_type" varchar(32) NOT NULL, "province" varchar(20) NOT NULL, "city" varchar(20) NOT NULL, "level" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "joined_on" varchar(10) NOT NULL, "created_at" datetime NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_units_credit_code" ON "units" ("credit_code") ');
    await queryRunner.query(
      'CREATE TABLE "unit_contacts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "unit_id" integer NOT NULL, "user_id" integer NOT NULL, "is_primary" boolean NOT NULL, "created_at" datetime NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "ix_unit_contacts_unit_id" ON "unit_contacts" ("unit_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_unit_contacts_user_id" ON "unit_contacts" ("user_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_unit_contacts_user_id"');
    await queryRunner.query('DROP INDEX "ix_unit_contacts_unit_id"');
    await queryRunner.query('DROP TABLE "unit_contacts"');
    await queryRunner.query('DROP INDEX "uq_units_credit_code"');
    await queryRunner.query('DROP TABLE "units"');
    await queryRunner.query('DROP INDEX "ix_files_uploaded_by"');
    await queryRunner.query('DROP INDEX "uq_files_storage_key"');
    await queryRunner.query('DROP TABLE "files"');
    await queryRunner.query('DROP INDEX "uq_bills_unit_year"');
    await queryRunner.query('DROP TABLE "bills"');
    await queryRunner.query('DROP INDEX "ix_application_drafts_campaign_id"');
    await queryRunner.query('DROP INDEX "uq_application_drafts_user_id"');
    await queryRunner.query('DROP TABLE "application_drafts"');
    await queryRunner.query('DROP INDEX "uq_application_submissions_user_key"');
    await queryRunner.query('DROP TABLE "application_submissions"');
    await queryRunner.query('DROP INDEX "ix_application_history_application_id"');
    await queryRunner.query('DROP TABLE "application_history"');
    await queryRunner.query('DROP INDEX "ix_applications_campaign_id"');
    await queryRunner.query('DROP INDEX "uq_applications_open_credit_code"');
    await queryRunner.query('DROP INDEX "ix_applications_credit_code"');
    await queryRunner.query('DROP INDEX "ix_applications_state"');
    await queryRunner.query('DROP INDEX "ix_applications_applicant_id"');
    await queryRunner.query('DROP TABLE "applications"');
  }
}
