import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ArticleDrafts1796629193283 implements MigrationInterface {
  name = 'ArticleDrafts1796629193283';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"article_drafts\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"user_id\" integer NOT NULL, \"draft_key\" varchar(32) NOT NULL, \"data\" text NOT NULL, \"updated_at\" datetime NOT NULL)");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_article_drafts_user_key\" ON \"article_drafts\" (\"user_id\", \"draft_key\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"uq_article_drafts_user_key\"");
    await queryRunner.query("DROP TABLE \"article_drafts\"");
  }
}
