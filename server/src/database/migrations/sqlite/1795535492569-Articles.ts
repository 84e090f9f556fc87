import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Articles1795535492569 implements MigrationInterface {
  name = 'Articles1795535492569';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"articles\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"category\" varchar(20) NOT NULL, \"title\" varchar(80) NOT NULL, \"summary\" varchar(200) NOT NULL, \"body\" text NOT NULL, \"visibility\" varchar(16) NOT NULL, \"state\" varchar(16) NOT NULL, \"pinned\" boolean NOT NULL DEFAULT (0), \"cover_file_id\" integer, \"attachment_file_ids\" text NOT NULL, \"tags\" text NOT NULL, \"unit_id\" integer, \"submitted_by\" integer, \"content_flagged\" boolean NOT NULL DEFAULT (0), \"reject_reason\" varchar(200), \"read_count\" integer NOT NULL DEFAULT (0), \"created_by\" integer NOT NULL, \"created_at\" datetime NOT NULL, \"updated_at\" datetime NOT NULL, \"published_at\" datetime, \"decided_at\" datetime)");
    await queryRunner.query("CREATE INDEX \"ix_articles_unit\" ON \"articles\" (\"unit_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_articles_manage\" ON \"articles\" (\"updated_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_articles_pinned\" ON \"articles\" (\"state\", \"pinned\", \"published_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_articles_category_feed\" ON \"articles\" (\"state\", \"category\", \"published_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_articles_feed\" ON \"articles\" (\"state\", \"published_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"article_state_changes\" (\"id\" integer PRIMARY KEY AUTOINCREMENT NOT NULL, \"article_id\" integer NOT NULL, \"state\" varchar(16) NOT NULL, \"reason\" varchar(200), \"actor_id\" integer, \"at\" datetime NOT NULL)");
    await queryRunner.query("CREATE INDEX \"ix_article_state_changes_article\" ON \"article_state_changes\" (\"article_id\", \"id\") ");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"ix_article_state_changes_article\"");
    await queryRunner.query("DROP TABLE \"article_state_changes\"");
    await queryRunner.query("DROP INDEX \"ix_articles_feed\"");
    await queryRunner.query("DROP INDEX \"ix_articles_category_feed\"");
    await queryRunner.query("DROP INDEX \"ix_articles_pinned\"");
    await queryRunner.query("DROP INDEX \"ix_articles_manage\"");
    await queryRunner.query("DROP INDEX \"ix_articles_unit\"");
    await queryRunner.query("DROP TABLE \"articles\"");
  }
}
