import type { MigrationInterface, QueryRunner } from 'typeorm';
import { reindexArticleSearch } from '../reindex-article-search';

/**
 * Written by hand: no table changes, only what the index holds. Search now also finds words of an
 * article's body and lists an article's tags, so every existing article is indexed again here,
 * once, as it is saved from now on (its body text and a piece per tag beside title and summary).
 * Going down leaves the richer entries in place: the older search reads them without harm.
 */
export class ArticleSearchBody1795600000000 implements MigrationInterface {
  name = 'ArticleSearchBody1795600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await reindexArticleSearch(queryRunner);
  }

  async down(): Promise<void> {
    // Nothing to undo: see above.
  }
}
