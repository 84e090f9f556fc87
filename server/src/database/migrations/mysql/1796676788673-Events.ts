import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Events1796676788673 implements MigrationInterface {
  name = 'Events1796676788673';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE `event_bookings` (`id` int NOT NULL AUTO_INCREMENT, `event_id` int NOT NULL, `session_id` int NOT NULL, `unit_id` int NOT NULL, `user_id` int NOT NULL, `seats` int NOT NULL, `amount_fen` int NOT NULL, `created_at` datetime NOT NULL, INDEX `ix_event_bookings_session` (`session_id`), INDEX `ix_event_bookings_unit` (`unit_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `event_sessions` (`id` int NOT NULL AUTO_INCREMENT, `event_id` int NOT NULL, `position` int NOT NULL, `title` varchar(40) NOT NULL, `starts_at` datetime NOT NULL, `ends_at` datetime NOT NULL, `capacity` int NOT NULL, `taken` int NOT NULL DEFAULT '0', `reminded_at` datetime NULL, INDEX `ix_event_sessions_remind` (`reminded_at`, `starts_at`), INDEX `ix_event_sessions_event` (`event_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `events` (`id` int NOT NULL AUTO_INCREMENT, `kind` varchar(24) NOT NULL, `title` varchar(60) NOT NULL, `summary` varchar(120) NOT NULL DEFAULT '', `description` text NOT NULL, `cover_file_id` int NULL, `place_mode` varchar(8) NOT NULL, `place_text` varchar(300) NOT NULL, `starts_at` datetime NOT NULL, `ends_at` datetime NOT NULL, `member_opens_at` datetime NOT NULL, `level_opens_at` text NOT NULL, `public_opens_at` datetime NULL, `closes_at` datetime NOT NULL, `audience` varchar(16) NOT NULL, `prices` text NOT NULL, `refund_full_until_days` int NOT NULL, `hours_tenths` int NOT NULL, `state` varchar(16) NOT NULL, `cancel_reason` varchar(80) NULL, `created_by` int NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `published_at` datetime NULL, `cancelled_at` datetime NULL, INDEX `ix_events_kind_ends` (`kind`, `ends_at`, `id`), INDEX `ix_events_state_ends` (`state`, `ends_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
    await queryRunner.query("CREATE TABLE `event_registrations` (`id` int NOT NULL AUTO_INCREMENT, `event_id` int NOT NULL, `session_id` int NOT NULL, `user_id` int NOT NULL, `live_user_id` int NULL, `booking_id` int NULL, `state` varchar(20) NOT NULL, `name` varchar(20) NULL, `unit_id` int NULL, `unit_name` varchar(60) NULL, `title` varchar(30) NULL, `phone` varchar(20) NULL, `audience` varchar(16) NOT NULL, `price_fen` int NOT NULL, `hold_expires_at` datetime NULL, `checked_in_at` datetime NULL, `checked_in_by` int NULL, `survey_rating` int NULL, `survey_comment` varchar(300) NULL, `surveyed_at` datetime NULL, `invoice_title` varchar(100) NULL, `invoice_tax_number` varchar(20) NULL, `invoice_number` varchar(40) NULL, `invoice_file_id` int NULL, `invoice_requested_at` datetime NULL, `invoice_issued_at` datetime NULL, `created_at` datetime NOT NULL, `updated_at` datetime NOT NULL, `cancelled_at` datetime NULL, INDEX `ix_event_registrations_hold` (`state`, `hold_expires_at`), INDEX `ix_event_registrations_booking` (`booking_id`), INDEX `ix_event_registrations_user` (`user_id`, `id`), INDEX `ix_event_registrations_event_state` (`event_id`, `state`, `id`), INDEX `ix_event_registrations_session_state` (`session_id`, `state`, `id`), UNIQUE INDEX `uq_event_registrations_live` (`session_id`, `live_user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `uq_event_registrations_live` ON `event_registrations`");
    await queryRunner.query("DROP INDEX `ix_event_registrations_session_state` ON `event_registrations`");
    await queryRunner.query("DROP INDEX `ix_event_registrations_event_state` ON `event_registrations`");
    await queryRunner.query("DROP INDEX `ix_event_registrations_user` ON `event_registrations`");
    await queryRunner.query("DROP INDEX `ix_event_registrations_booking` ON `event_registrations`");
    await queryRunner.query("DROP INDEX `ix_event_registrations_hold` ON `event_registrations`");
    await queryRunner.query("DROP TABLE `event_registrations`");
    await queryRunner.query("DROP INDEX `ix_events_state_ends` ON `events`");
    await queryRunner.query("DROP INDEX `ix_events_kind_ends` ON `events`");
    await queryRunner.query("DROP TABLE `events`");
    await queryRunner.query("DROP INDEX `ix_event_sessions_event` ON `event_sessions`");
    await queryRunner.query("DROP INDEX `ix_event_sessions_remind` ON `event_sessions`");
    await queryRunner.query("DROP TABLE `event_sessions`");
    await queryRunner.query("DROP INDEX `ix_event_bookings_unit` ON `event_bookings`");
    await queryRunner.query("DROP INDEX `ix_event_bookings_session` ON `event_bookings`");
    await queryRunner.query("DROP TABLE `event_bookings`");
  }
}
