import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ARTICLE_DRAFT_MAX_BYTES,
  type ArticleDraft,
  ArticleDraftError,
  type ArticleDraftResponse,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { ArticleDraftEntity } from './article-draft.entity';

/** Which editor a draft is of: a contact's submission, a new article, or edits of one article. */
export const SUBMISSION_DRAFT = 'submission';
export const articleDraftKey = (articleId: number | null): string =>
  articleId === null ? 'article:new' : `article:${articleId}`;

/**
 * The drafts of both editors, always the person's own: every read and write is by the caller's id,
 * so no one reaches another's. Callers decide who may keep a draft (their policy) before asking;
 * saving the real thing clears it in the same transaction.
 */
@Injectable()
export class ArticleDrafts {
  constructor(
    @InjectRepository(ArticleDraftEntity) private readonly drafts: Repository<ArticleDraftEntity>,
  ) {}

  async read(userId: number, draftKey: string): Promise<ArticleDraftResponse> {
    const row = await this.drafts.findOneBy({ userId, draftKey });
    return row
      ? { draft: JSON.parse(row.data) as ArticleDraft, updatedAt: row.updatedAt.toISOString() }
      : { draft: null, updatedAt: null };
  }

  /** An emptied form leaves nothing to restore. */
  @RetryOnConflict()
  @Transactional()
  async write(userId: number, draftKey: string, draft: ArticleDraft): Promise<ArticleDraftResponse> {
    if (Object.keys(draft).length === 0) {
      await this.clear(userId, draftKey);
      return { draft: null, updatedAt: null };
    }
    const data = JSON.stringify(draft);
    if (Buffer.byteLength(data, 'utf8') > ARTICLE_DRAFT_MAX_BYTES) {
      throw new AppError(ArticleDraftError.TooLarge);
    }
    const at = now();
    const found = await this.drafts.findOneBy({ userId, draftKey });
    // Insert when missing: a concurrent first save makes this a duplicate, and the rerun updates.
    if (found) await this.drafts.update({ id: found.id }, { data, updatedAt: at });
    else await this.drafts.insert({ userId, draftKey, data, updatedAt: at });
    return { draft, updatedAt: at.toISOString() };
  }

  async clear(userId: number, draftKey: string): Promise<void> {
    await this.drafts.delete({ userId, draftKey });
  }
}
