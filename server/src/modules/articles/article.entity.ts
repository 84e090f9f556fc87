import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { ArticleCategory, ArticleState, ArticleVisibility } from '@itss/shared';

/**
 * An article: written by staff, or submitted by a unit's contact (会员风采, 优秀案例) and reviewed.
 * Readers' lists run on (state, published_at, id), per category or across them, so every page is an
 * index range read from the cursor on.
 */
@Entity('articles')
@Index('ix_articles_feed', ['state', 'publishedAt', 'id'])
@Index('ix_articles_category_feed', ['state', 'category', 'publishedAt', 'id'])
@Index('ix_articles_pinned', ['state', 'pinned', 'publishedAt', 'id'])
@Index('ix_articles_manage', ['updatedAt', 'id'])
@Index('ix_articles_unit', ['unitId', 'id'])
// The dashboard's published and read counts per category, read from the index alone.
@Index('ix_articles_dashboard', ['state', 'category', 'publishedAt', 'readCount'])
export class ArticleEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 20 })
  category: ArticleCategory;

  @Column({ type: 'varchar', length: 80 })
  title: string;

  @Column({ type: 'varchar', length: 200 })
  summary: string;

  /** Sanitized HTML: what readers get, never what the client sent. */
  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 16 })
  visibility: ArticleVisibility;

  @Column({ type: 'varchar', length: 16 })
  state: ArticleState;

  @Column({ type: 'boolean', default: false })
  pinned: boolean;

  @Column({ name: 'cover_file_id', type: 'integer', nullable: true })
  coverFileId: number | null;

  /** File ids in the order shown; the files themselves are claimed by the article (owner). */
  @Column({ name: 'attachment_file_ids', type: 'simple-json' })
  attachmentFileIds: number[];

  @Column({ type: 'simple-json' })
  tags: string[];

  /** The member unit a 会员风采 or 优秀案例 is about. */
  @Column({ name: 'unit_id', type: 'integer', nullable: true })
  unitId: number | null;

  /** The unit's contact who submitted it; null for staff articles. */
  @Column({ name: 'submitted_by', type: 'integer', nullable: true })
  submittedBy: number | null;

  /** WeChat's content check asked a person to look (msg_sec_check 'review'). */
  @Column({ name: 'content_flagged', type: 'boolean', default: false })
  contentFlagged: boolean;

  @Column({ name: 'reject_reason', type: 'varchar', length: 200, nullable: true })
  rejectReason: string | null;

  @Column({ name: 'read_count', type: 'integer', default: 0 })
  readCount: number;

  @Column({ name: 'created_by', type: 'integer' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;

  /** First publication; kept through unpublish/publish so an article keeps its place in the feed. */
  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt: Date | null;

  /** When a submission was approved or rejected. */
  @Column({ name: 'decided_at', type: 'datetime', nullable: true })
  decidedAt: Date | null;
}

/** One state an article entered, with who and when (and why, for a rejected submission). */
@Entity('article_state_changes')
@Index('ix_article_state_changes_article', ['articleId', 'id'])
export class ArticleStateChangeEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'article_id', type: 'integer' })
  articleId: number;

  @Column({ type: 'varchar', length: 16 })
  state: ArticleState;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Column({ name: 'actor_id', type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ type: 'datetime' })
  at: Date;
}
