import type { MigrationInterface, QueryRunner } from 'typeorm';

export class UnitContactsInvitesRequestsSeats1795523183478 implements MigrationInterface {
  name = 'UnitContactsInvitesRequestsSeats1795523183478';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"unit_seat_limits\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"level\" varchar(16) NOT NULL, \"seats\" integer NOT NULL, \"updated_at\" datetime NOT NULL, \"updated_by\" integer)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_unit_seat_limits_level\" ON \"unit_seat_limits\" (\"level\") ");
    await queryRunner.query("CREATE TABLE \"unit_rosters\" (\"id\" integer PRIMARY KEY NOT NULL, \"changed_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE TABLE \"unit_invites\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"token_hash\" varchar(64) NOT NULL, \"created_by\" integer NOT NULL, \"invited_by_name\" varchar(20) NOT NULL, \"expires_at\" datetime NOT NULL, \"used_at\" datetime, \"used_by\" integer, \"created_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_unit_invites_unit_id\" ON \"unit_invites\" (\"unit_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_unit_invites_token_hash\" ON \"unit_invites\" (\"token_hash\") ");
    await queryRunner.query("CREATE TABLE \"unit_join_requests\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"unit_id\" integer NOT NULL, \"user_id\" integer NOT NULL, \"open_user_id\" integer, \"name\" varchar(20) NOT NULL, \"title\" varchar(30), \"state\" varchar(16) NOT NULL, \"created_at\" datetime NOT NULL, \"decided_at\" datetime, \"decided_by\" integer)");
    await queryRunner.query("CREATE INDEX \"ix_unit_join_requests_unit_id\" ON \"unit_join_requests\" (\"unit_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_unit_join_requests_user_id\" ON \"unit_join_requests\" (\"user_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_unit_join_requests_open_user_id\" ON \"unit_join_requests\" (\"open_user_id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_unit_join_requests_open_user_id\"");
    await queryRunner.query("DROP INDEX \"ix_unit_join_requests_user_id\"");
    await queryRunner.query("DROP INDEX \"ix_unit_join_requests_unit_id\"");
    await queryRunner.query("DROP TABLE \"unit_join_requests\"");
    await queryRunner.query("DROP INDEX \"uq_unit_invites_token_hash\"");
    await queryRunner.query("DROP INDEX \"ix_unit_invites_unit_id\"");
    await queryRunner.query("DROP TABLE \"unit_invites\"");
    await queryRunner.query("DROP TABLE \"unit_rosters\"");
    await queryRunner.query("DROP INDEX \"uq_unit_seat_limits_level\"");
    await queryRunner.query("DROP TABLE \"unit_seat_limits\"");
  }
}
