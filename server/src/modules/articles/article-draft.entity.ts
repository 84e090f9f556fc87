import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * What one person has typed in an editor and not yet saved, kept on the server as they type so it
 * survives a reload or a change of phone. `draft_key` names the editor: `submission` (a contact's
 * unsent submission), `article:new` (a staff member's new article) or `article:<id>` (their edits of
 * that article, apart from what readers see). One row per person and editor; gone once saved.
 */
@Entity('article_drafts')
@Index('uq_article_drafts_user_key', ['userId', 'draftKey'], { unique: true })
export class ArticleDraftEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ name: 'draft_key', type: 'varchar', length: 32 })
  draftKey: string;

  /** The draft as JSON, bounded by the draft schema and ARTICLE_DRAFT_MAX_BYTES. */
  @Column({ type: 'text' })
  data: string;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
