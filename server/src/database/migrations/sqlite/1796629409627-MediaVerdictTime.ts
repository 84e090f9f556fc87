import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaVerdictTime1796629409627 implements MigrationInterface {
  name = 'MediaVerdictTime1796629409627';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_submission_media_checks_fetch_token\"");
    await queryRunner.query("DROP INDEX \"uq_submission_media_checks_trace\"");
    await queryRunner.query("DROP INDEX \"ix_submission_media_checks_article\"");
    await queryRunner.query("CREATE TABLE \"temporary_submission_media_checks\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"article_id\" integer NOT NULL, \"file_id\" integer NOT NULL, \"trace_id\" varchar(64) NOT NULL, \"fetch_token\" varchar(32) NOT NULL, \"result\" varchar(16), \"created_at\" datetime NOT NULL, \"result_at\" datetime)");
    await queryRunner.query("INSERT INTO \"temporary_submission_media_checks\"(\"id\", \"article_id\", \"file_id\", \"trace_id\", \"fetch_token\", \"result\", \"created_at\") SELECT \"id\", \"article_id\", \"file_id\", \"trace_id\", \"fetch_token\", \"result\", \"created_at\" FROM \"submission_media_checks\"");
    await queryRunner.query("DROP TABLE \"submission_media_checks\"");
    await queryRunner.query("ALTER TABLE \"temporary_submission_media_checks\" RENAME TO \"submission_media_checks\"");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_submission_media_checks_fetch_token\" ON \"submission_media_checks\" (\"fetch_token\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_submission_media_checks_trace\" ON \"submission_media_checks\" (\"trace_id\") ");
    await queryRunner.query("CREATE INDEX \"ix_submission_media_checks_article\" ON \"submission_media_checks\" (\"article_id\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_submission_media_checks_article\"");
    await queryRunner.query("DROP INDEX \"uq_submission_media_checks_trace\"");
    await queryRunner.query("DROP INDEX \"uq_submission_media_checks_fetch_token\"");
    await queryRunner.query("ALTER TABLE \"submission_media_checks\" RENAME TO \"temporary_submission_media_checks\"");
    await queryRunner.query("CREATE TABLE \"submission_media_checks\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"article_id\" integer NOT NULL, \"file_id\" integer NOT NULL, \"trace_id\" varchar(64) NOT NULL, \"fetch_token\" varchar(32) NOT NULL, \"result\" varchar(16), \"created_at\" datetime NOT NULL)");
    await queryRunner.query("INSERT INTO \"submission_media_checks\"(\"id\", \"article_id\", \"file_id\", \"trace_id\", \"fetch_token\", \"result\", \"created_at\") SELECT \"id\", \"article_id\", \"file_id\", \"trace_id\", \"fetch_token\", \"result\", \"created_at\" FROM \"temporary_submission_media_checks\"");
    await queryRunner.query("DROP TABLE \"temporary_submission_media_checks\"");
    await queryRunner.query("CREATE INDEX \"ix_submission_media_checks_article\" ON \"submission_media_checks\" (\"article_id\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_submission_media_checks_trace\" ON \"submission_media_checks\" (\"trace_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_submission_media_checks_fetch_token\" ON \"submission_media_checks\" (\"fetch_token\") ");
  }
}
