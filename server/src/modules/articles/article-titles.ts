import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { ArticleEntity } from './article.entity';

/** Articles' titles for features that link to them (a notice's link), without their bodies. */
@Injectable()
export class ArticleTitles {
  constructor(@InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>) {}

  /** Titles by id of those of `ids` that exist; `publishedOnly` keeps only what readers can open. */
  async of(ids: readonly number[], { publishedOnly = false } = {}): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.articles.find({
      select: { id: true, title: true },
      where: { id: In([...new Set(ids)]), ...(publishedOnly ? { state: 'published' as const } : {}) },
    });
    return new Map(rows.map((row) => [row.id, row.title]));
  }
}
