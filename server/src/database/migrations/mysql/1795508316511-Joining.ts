import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Joining1795508316511 implements MigrationInterface {
  name = 'Joining1795508316511';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `applications` (`id` int NOT NULL AUTO_INCREMENT, `applicant_id` int NOT NULL, `state` varchar(16) NOT NULL, `unit_name` varchar(60) NOT NULL, `credit_code` varchar(18) NOT NULL, `open_credit_code` varchar(18) NULL, `unit_type` varchar(32) NOT NULL, `province` varchar(20) NOT NULL, `city` varchar(20) NOT NULL, `address` varchar(120) NOT NULL, `legal_representative` varchar(30) NOT NULL, `contact_name` varchar(20) NOT NULL, `contact_title` varchar(30) NOT NULL, `contact_mobile` varchar(20) NOT NULL, `contact_email` varchar(100) NOT NULL, `level` varchar(16) NOT NULL, `annual_fee_yuan` int NOT NULL, `business_description` text NOT NULL, `itss_conformity_level` varchar(1) NULL, `licence_file_id` int NOT NULL, `rules_version` varchar(16) NOT NULL, `privacy_version` varchar(16) NOT NULL, `campaign_id` int NULL, `unit_id` int NULL, `submitted_at` datetime NOT NULL, `updated_at` datetime NOT NULL, INDEX `ix_applications_applicant_id` (`applicant_id`), INDEX `ix_applications_state` (`state`), INDEX `ix_applications_credit_code` (`credit_code`), UNIQUE INDEX `uq_applications_open_credit_code` (`open_credit_code`), INDEX `ix_applications_campaign_id` (`campaign_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `application_history` (`id` int NOT NULL AUTO_INCREMENT, `application_id` int NOT NULL, `state` varchar(16) NOT NULL, `at` datetime NOT NULL, `actor_id` int NOT NULL, `actor_role` varchar(16) NOT NULL, `note` varchar(500) NULL, INDEX `ix_application_history_application_id` (`application_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `application_submissions` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `idempotency_key` varchar(64) NOT NULL, `body_hash` varchar(64) NOT NULL, `application_id` int NOT NULL, `created_at` datetime NOT NULL, UNIQUE INDEX `uq_application_submissions_user_key` (`user_id`, `idempotency_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `application_drafts` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `data` text NULL, `campaign_id` int NULL, `updated_at` datetime NOT NULL, UNIQUE INDEX `uq_application_drafts_user_id` (`user_id`), INDEX `ix_application_drafts_campaign_id` (`campaign_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `bills` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `year` int NOT NULL, `level` varchar(16) NOT NULL, `amount_yuan` int NOT NULL, `status` varchar(16) NOT NULL, `created_at` datetime NOT NULL, UNIQUE INDEX `uq_bills_unit_year` (`unit_id`, `year`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `files` (`id` int NOT NULL AUTO_INCREMENT, `storage_key` varchar(64) NOT NULL, `name` varchar(100) NOT NULL, `size` int NOT NULL, `content_type` varchar(32) NOT NULL, `uploaded_by` int NOT NULL, `owner_type` varchar(32) NULL, `owner_id` int NULL, `created_at` datetime NOT NULL, UNIQUE INDEX `uq_files_storage_key` (`storage_key`), INDEX `ix_files_uploaded_by` (`uploaded_by`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `units` (`id` int NOT NULL AUTO_INCREMENT, `name` varchar(60) NOT NULL, `credit_code` varchar(18) NOT NULL, `unit_type` varchar(32) NOT NULL, `province` varchar(20) NOT NULL, `city` varchar(20) NOT NULL, `level` varchar(16) NOT NULL, `status` varchar(16) NOT NULL, `joined_on` varchar(10) NOT NULL, `created_at` datetime NOT NULL, UNIQUE INDEX `uq_units_credit_code` (`credit_code`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
    await queryRunner.query(
      'CREATE TABLE `unit_contacts` (`id` int NOT NULL AUTO_INCREMENT, `unit_id` int NOT NULL, `user_id` int NOT NULL, `is_primary` tinyint NOT NULL, `created_at` datetime NOT NULL, INDEX `ix_unit_contacts_unit_id` (`unit_id`), UNIQUE INDEX `uq_unit_contacts_user_id` (`user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_unit_contacts_user_id` ON `unit_contacts`');
    await queryRunner.query('DROP INDEX `ix_unit_contacts_unit_id` ON `unit_contacts`');
    await queryRunner.query('DROP TABLE `unit_contacts`');
    await queryRunner.query('DROP INDEX `uq_units_credit_code` ON `units`');
    await queryRunner.query('DROP TABLE `units`');
    await queryRunner.query('DROP INDEX `ix_files_uploaded_by` ON `files`');
    await queryRunner.query('DROP INDEX `uq_files_storage_key` ON `files`');
    await queryRunner.query('DROP TABLE `files`');
    await queryRunner.query('DROP INDEX `uq_bills_unit_year` ON `bills`');
    await queryRunner.query('DROP TABLE `bills`');
    await queryRunner.query('DROP INDEX `ix_application_drafts_campaign_id` ON `application_drafts`');
    await queryRunner.query('DROP INDEX `uq_application_drafts_user_id` ON `application_drafts`');
    await queryRunner.query('DROP TABLE `application_drafts`');
    await queryRunner.query('DROP INDEX `uq_application_submissions_user_key` ON `application_submissions`');
    await queryRunner.query('DROP TABLE `application_submissions`');
    await queryRunner.query('DROP INDEX `ix_application_history_application_id` ON `application_history`');
    await queryRunner.query('DROP TABLE `application_history`');
    await queryRunner.query('DROP INDEX `ix_applications_campaign_id` ON `applications`');
    await queryRunner.query('DROP INDEX `uq_applications_open_credit_code` ON `applications`');
    await queryRunner.query('DROP INDEX `ix_applications_credit_code` ON `applications`');
    await queryRunner.query('DROP INDEX `ix_applications_state` ON `applications`');
    await queryRunner.query('DROP INDEX `ix_applications_applicant_id` ON `applications`');
    await queryRunner.query('DROP TABLE `applications`');
  }
}
