import {
  createArticleRequestSchema,
  isUnitArticleCategory,
  type ArticleAttachment,
  type ArticleCategory,
  type ArticleDetail,
  type ArticleVisibility,
} from '@itss/shared';
import { keyBlocks, type EditorBlock } from '@/components/article-editor';
import { blocksToHtml, htmlToBlocks } from '@/components/article-editor/blocks';
import type { Cover } from '@/components/article-editor/fields';

/** The article as the form holds it while staff edit. */
export interface Draft {
  category: ArticleCategory | undefined;
  title: string;
  summary: string;
  visibility: ArticleVisibility;
  unit: { id: number; name: string } | null;
  tags: string;
  pinned: boolean;
  cover: Cover | null;
  attachments: ArticleAttachment[];
  blocks: EditorBlock[];
}

export function draftOf(article: ArticleDetail | null): Draft {
  if (!article)
    return {
      category: undefined,
      title: '',
      summary: '',
      visibility: 'public',
      unit: null,
      tags: '',
      pinned: false,
      cover: null,
      attachments: [],
      blocks: keyBlocks([{ kind: 'paragraph', text: '' }]),
    };
  const coverFileId = article.staff?.coverFileId ?? null;
  return {
    category: article.category,
    title: article.title,
    summary: article.summary,
    visibility: article.visibility,
    unit: article.unitId ? { id: article.unitId, name: article.unitName ?? `单位 ${article.unitId}` } : null,
    tags: article.tags.join('，'),
    pinned: article.pinned,
    cover: coverFileId && article.coverUrl ? { fileId: coverFileId, url: article.coverUrl } : null,
    attachments: article.attachments ?? [],
    blocks: keyBlocks(htmlToBlocks(article.body ?? '')),
  };
}

const splitTags = (text: string) => text.split(/[,，、;；\s]+/).filter(Boolean);

export function requestOf(draft: Draft) {
  return createArticleRequestSchema.safeParse({
    category: draft.category,
    title: draft.title,
    summary: draft.summary,
    body: blocksToHtml(draft.blocks.map((item) => item.block)),
    visibility: draft.visibility,
    coverFileId: draft.cover?.fileId ?? null,
    attachmentFileIds: draft.attachments.map((file) => file.fileId),
    tags: splitTags(draft.tags),
    unitId: draft.category && isUnitArticleCategory(draft.category) ? (draft.unit?.id ?? null) : null,
    pinned: draft.pinned,
  });
}
