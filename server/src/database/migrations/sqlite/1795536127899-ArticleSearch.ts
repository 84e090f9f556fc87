import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: TypeORM knows nothing of FTS5. `article_search_fts` indexes the `tokens` of
 * `article_search` without a copy of them (external content), and the triggers keep it in step with
 * every insert, update and delete of that table, inside the same transaction, whoever writes it
 * (ArticleSearch.index, the benchmark's seed). `detail=none` and `columnsize=0` leave out positions
 * and lengths: a search only asks which rows have every piece, never for phrases or a ranking.
 * The schema comparison never looks at these objects: it reads only the tables of entities.
 */
export class ArticleSearch1795536127899 implements MigrationInterface {
  name = 'ArticleSearch1795536127899';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"article_search\" (\"article_id\" integer PRIMARY KEY NOT NULL, \"tokens\" text NOT NULL)");
    await queryRunner.query("CREATE VIRTUAL TABLE \"article_search_fts\" USING fts5(\"tokens\", content='article_search', content_rowid='article_id', detail='none', columnsize=0)");
    await queryRunner.query("CREATE TRIGGER \"article_search_fts_insert\" AFTER INSERT ON \"article_search\" BEGIN INSERT INTO \"article_search_fts\" (\"rowid\", \"tokens\") VALUES (new.\"article_id\", new.\"tokens\"); END");
    await queryRunner.query("CREATE TRIGGER \"article_search_fts_delete\" AFTER DELETE ON \"article_search\" BEGIN INSERT INTO \"article_search_fts\" (\"article_search_fts\", \"rowid\", \"tokens\") VALUES ('delete', old.\"article_id\", old.\"tokens\"); END");
    await queryRunner.query("CREATE TRIGGER \"article_search_fts_update\" AFTER UPDATE ON \"article_search\" WHEN old.\"tokens\" IS NOT new.\"tokens\" OR old.\"article_id\" IS NOT new.\"article_id\" BEGIN INSERT INTO \"article_search_fts\" (\"article_search_fts\", \"rowid\", \"tokens\") VALUES ('delete', old.\"article_id\", old.\"tokens\"); INSERT INTO \"article_search_fts\" (\"rowid\", \"tokens\") VALUES (new.\"article_id\", new.\"tokens\"); END");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TRIGGER \"article_search_fts_update\"");
    await queryRunner.query("DROP TRIGGER \"article_search_fts_delete\"");
    await queryRunner.query("DROP TRIGGER \"article_search_fts_insert\"");
    await queryRunner.query("DROP TABLE \"article_search_fts\"");
    await queryRunner.query("DROP TABLE \"article_search\"");
  }
}
