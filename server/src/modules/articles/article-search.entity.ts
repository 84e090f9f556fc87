import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * An article's title, summary, body text and tags as search pieces (search-tokens.ts) and its month
 * of publication, one row per article, written by ArticleSearch.index. The full-text index over `tokens` is each
 * database's own and written by hand in the ArticleSearch migrations: on MariaDB a FULLTEXT index
 * (declared here with `synchronize: false` so that the schema comparison keeps it and never tries
 * to build it), on SQLite the FTS5 table `article_search_fts`, which triggers on this table keep in
 * step. MariaDB also has `article_search_months`, the same pieces filed by month, with no entity
 * either (ArticleSearch explains why).
 */
@Entity('article_search')
@Index('ft_article_search_tokens', { synchronize: false })
export class ArticleSearchEntity {
  @PrimaryColumn({ name: 'article_id', type: 'integer' })
  articleId: number;

  /** The pieces, separated by spaces. */
  @Column({ type: 'text' })
  tokens: string;
}
