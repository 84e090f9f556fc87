import { Injectable } from '@nestjs/common';
import {
  type ArticleAttachment,
  type ArticleDetail,
  type ArticleSummary,
  articleFileUrl,
} from '@itss/shared';
import { FilesService } from '../files/files.service';
import { UnitsService } from '../units/units.service';
import type { ArticleEntity } from './article.entity';

/** A reader's list item before the caller is known: `locked` is decided per caller on top. */
export type SummaryRow = Omit<ArticleSummary, 'locked'>;
export type PublicDetail = Omit<ArticleDetail, 'locked' | 'staff'>;

/** An article as readers read it, with its unit's name and its attachments described. */
@Injectable()
export class ArticlePresenter {
  constructor(
    private readonly files: FilesService,
    private readonly units: UnitsService,
  ) {}

  /** The page's unit names in one read, whatever the page size. */
  async summaries(rows: ArticleEntity[]): Promise<SummaryRow[]> {
    const names = await this.units.namesOf(rows.flatMap((row) => (row.unitId === null ? [] : [row.unitId])));
    return rows.map((row) => ({
      id: row.id,
      category: row.category,
      title: row.title,
      summary: row.summary,
      publishedAt: (row.publishedAt ?? row.createdAt).toISOString(),
      visibility: row.visibility,
      pinned: row.pinned,
      coverUrl: row.coverFileId === null ? null : articleFileUrl(row.coverFileId),
      unitName: row.unitId === null ? null : (names.get(row.unitId) ?? null),
    }));
  }

  /** Everything a reader allowed the body sees; the feed takes body and attachments off for others. */
  async fullDetail(row: ArticleEntity): Promise<PublicDetail> {
    const [summary] = await this.summaries([row]);
    const described = await this.files.describe(row.attachmentFileIds);
    const attachments: ArticleAttachment[] = row.attachmentFileIds.flatMap((fileId) => {
      const file = described.get(fileId);
      return file ? [{ fileId, name: file.name, size: file.size, url: articleFileUrl(fileId) }] : [];
    });
    return {
      ...(summary as SummaryRow),
      publishedAt: row.publishedAt?.toISOString() ?? null,
      body: row.body,
      attachments,
      tags: row.tags,
      readCount: row.readCount,
      unitId: row.unitId,
    };
  }
}
