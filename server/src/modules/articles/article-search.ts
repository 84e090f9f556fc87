import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { ArticleCategory } from '@itss/shared';
import type { Repository } from 'typeorm';
import { ArticleEntity } from './article.entity';

/**
 * Keyword search over published articles' titles and summaries. This stand-in scans with LIKE
 * until the full-text index (FTS5 / FULLTEXT ngram) takes its place behind the same interface.
 */
@Injectable()
export class ArticleSearch {
  constructor(@InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>) {}

  /** Writes the article's title and summary into the search index; call inside the article's transaction. */
  index(_article: { id: number; title: string; summary: string }): Promise<void> {
    return Promise.resolve();
  }

  /**
   * Ids of published articles whose title or summary contain every term of q, newest first
   * (publishedAt desc, id desc), strictly after the keyset position `after`, at most `limit`,
   * optionally in one category.
   */
  async find(
    q: string,
    options: { category?: ArticleCategory; after?: { publishedAt: Date; id: number }; limit: number },
  ): Promise<number[]> {
    const qb = this.articles.createQueryBuilder('a').select('a.id', 'id').where("a.state = 'published'");
    q.split(/\s+/)
      .filter(Boolean)
      .forEach((term, i) => {
        const like = `%${term.replace(/[!%_]/g, (c) => `!${c}`)}%`;
        qb.andWhere(`(a.title LIKE :t${i} ESCAPE '!' OR a.summary LIKE :t${i} ESCAPE '!')`, {
          [`t${i}`]: like,
        });
      });
    if (options.category) qb.andWhere('a.category = :category', { category: options.category });
    if (options.after) {
      qb.andWhere('(a.publishedAt < :at OR (a.publishedAt = :at AND a.id < :id))', {
        at: options.after.publishedAt,
        id: options.after.id,
      });
    }
    const rows = await qb
      .orderBy('a.publishedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(options.limit)
      .getRawMany<{ id: number | string }>();
    return rows.map((row) => Number(row.id));
  }
}
