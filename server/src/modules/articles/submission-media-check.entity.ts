import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An image of a member submission sent to WeChat's asynchronous media check. WeChat's verdict
 * arrives later as a wxa_media_check event carrying the trace id; until something records it,
 * `result` is null and staff judge the image in review.
 */
@Entity('submission_media_checks')
@Index('uq_submission_media_checks_trace', ['traceId'], { unique: true })
@Index('ix_submission_media_checks_article', ['articleId', 'id'])
export class SubmissionMediaCheckEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'article_id', type: 'integer' })
  articleId: number;

  @Column({ name: 'file_id', type: 'integer' })
  fileId: number;

  @Column({ name: 'trace_id', type: 'varchar', length: 64 })
  traceId: string;

  /**
   * The random token in the image's address given to WeChat (`?check=`): it lets WeChat fetch an
   * image no one may read yet, for a day, and nothing else.
   */
  @Index('uq_submission_media_checks_fetch_token', { unique: true })
  @Column({ name: 'fetch_token', type: 'varchar', length: 32 })
  fetchToken: string;

  /** WeChat's suggestion once pushed: pass, review or risky. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  result: string | null;

  /** When WeChat made the verdict kept in `result` (its CreateTime): only a newer one replaces it. */
  @Column({ name: 'result_at', type: 'datetime', nullable: true })
  resultAt: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
