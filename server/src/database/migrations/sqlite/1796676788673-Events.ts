import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Events1796676788673 implements MigrationInterface {
  name = 'Events1796676788673';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"event_bookings\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" integer NOT NULL, \"session_id\" integer NOT NULL, \"unit_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"seats\" integer NOT NULL, \"amount_fen\" integer NOT NULL, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_event_bookings_session\" ON \"event_bookings\" (\"session_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_event_bookings_unit\" ON \"event_bookings\" (\"unit_id\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"event_sessions\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" integer NOT NULL, \"position\" integer NOT NULL, \"title\" varchar(40) NOT NULL, \"starts_at\" datetime NOT NULL, \"ends_at\" datetime NOT NULL, \"capacity\" integer NOT NULL, \"taken\" integer NOT NULL DEFAULT (0), \"reminded_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_event_sessions_remind\" ON \"event_sessions\" (\"reminded_at\", \"starts_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_event_sessions_event\" ON \"event_sessions\" (\"event_id\", \"position\") ");
    await queryRunner.query("CREATE TABLE \"events\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"kind\" varchar(24) NOT NULL, \"title\" varchar(60) NOT NULL, \"summary\" varchar(120) NOT NULL DEFAULT (''), \"description\" text NOT NULL, \"cover_file_id\" integer, \"place_mode\" varchar(8) NOT NULL, \"place_text\" varchar(300) NOT NULL, \"starts_at\" datetime NOT NULL, \"ends_at\" datetime NOT NULL, \"member_opens_at\" datetime NOT NULL, \"level_opens_at\" text NOT NULL, \"public_opens_at\" datetime, \"closes_at\" datetime NOT NULL, \"audience\" varchar(16) NOT NULL, \"prices\" text NOT NULL, \"refund_full_until_days\" integer NOT NULL, \"hours_tenths\" integer NOT NULL, \"state\" varchar(16) NOT NULL, \"cancel_reason\" varchar(80), \"created_by\" integer, \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL, \"published_at\" datetime, \"cancelled_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_events_kind_ends\" ON \"events\" (\"kind\", \"ends_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_events_state_ends\" ON \"events\" (\"state\", \"ends_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"event_registrations\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"event_id\" integer NOT NULL, \"session_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"live_user_id\" integer, \"booking_id\" integer, \"state\" varchar(20) NOT NULL, \"name\" varchar(20), \"unit_id\" integer, \"unit_name\" varchar(60), \"title\" varchar(30), \"phone\" varchar(20), \"audience\" varchar(16) NOT NULL, \"price_fen\" integer NOT NULL, \"hold_expires_at\" datetime, \"checked_in_at\" datetime, \"checked_in_by\" integer, \"survey_rating\" integer, \"survey_comment\" varchar(300), \"surveyed_at\" datetime, \"invoice_title\" varchar(100), \"invoice_tax_number\" varchar(20), \"invoice_number\" varchar(40), \"invoice_file_id\" integer, \"invoice_requested_at\" datetime, \"invoice_issued_at\" datetime, \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL, \"cancelled_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_event_registrations_hold\" ON \"event_registrations\" (\"state\", \"hold_expires_at\") ");
    await queryRunner.query("CREATE INDEX \"ix_event_registrations_booking\" ON \"event_registrations\" (\"booking_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_event_registrations_user\" ON \"event_registrations\" (\"user_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_event_registrations_event_state\" ON \"event_registrations\" (\"event_id\", \"state\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_event_registrations_session_state\" ON \"event_registrations\" (\"session_id\", \"state\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_event_registrations_live\" ON \"event_registrations\" (\"session_id\", \"live_user_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_event_registrations_live\"");
    await queryRunner.query("DROP INDEX \"ix_event_registrations_session_state\"");
    await queryRunner.query("DROP INDEX \"ix_event_registrations_event_state\"");
    await queryRunner.query("DROP INDEX \"ix_event_registrations_user\"");
    await queryRunner.query("DROP INDEX \"ix_event_registrations_booking\"");
    await queryRunner.query("DROP INDEX \"ix_event_registrations_hold\"");
    await queryRunner.query("DROP TABLE \"event_registrations\"");
    await queryRunner.query("DROP INDEX \"ix_events_state_ends\"");
    await queryRunner.query("DROP INDEX \"ix_events_kind_ends\"");
    await queryRunner.query("DROP TABLE \"events\"");
    await queryRunner.query("DROP INDEX \"ix_event_sessions_event\"");
    await queryRunner.query("DROP INDEX \"ix_event_sessions_remind\"");
    await queryRunner.query("DROP TABLE \"event_sessions\"");
    await queryRunner.query("DROP INDEX \"ix_event_bookings_unit\"");
    await queryRunner.query("DROP INDEX \"ix_event_bookings_session\"");
    await queryRunner.query("DROP TABLE \"event_bookings\"");
  }
}
