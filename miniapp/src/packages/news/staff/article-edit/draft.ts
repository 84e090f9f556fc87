import {
  articleFileUrl,
  createArticleRequestSchema,
  isUnitArticleCategory,
  type ArticleAttachment,
  type ArticleCategory,
  type ArticleDetail,
  type ArticleDraft,
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

/** Each field of the form and the contract's name for it, whose message goes once it is changed. */
export const FIELD_PATHS: Record<keyof Draft, string> = {
  category: 'category',
  title: 'title',
  summary: 'summary',
  visibility: 'visibility',
  unit: 'unitId',
  tags: 'tags',
  pinned: 'pinned',
  cover: 'coverFileId',
  attachments: 'attachmentFileIds',
  blocks: 'body',
};

/** The form as the server keeps it between visits. */
export function savedDraftOf(draft: Draft): ArticleDraft {
  return {
    ...(draft.category && { category: draft.category }),
    title: draft.title,
    summary: draft.summary,
    body: blocksToHtml(draft.blocks.map((item) => item.block)),
    visibility: draft.visibility,
    ...(draft.cover && { coverFileId: draft.cover.fileId }),
    attachments: draft.attachments.map(({ fileId, name, size }) => ({ fileId, name, size })),
    ...(draft.unit && { unit: draft.unit }),
    tags: draft.tags,
    pinned: draft.pinned,
  };
}

/** A kept draft over the form it was typed into (a new one, or the article as saved). */
export function draftFromSaved(saved: ArticleDraft, base: Draft): Draft {
  return {
    category: saved.category ?? base.category,
    title: saved.title ?? base.title,
    summary: saved.summary ?? base.summary,
    visibility: saved.visibility ?? base.visibility,
    unit: saved.unit ?? null,
    tags: saved.tags ?? base.tags,
    pinned: saved.pinned ?? base.pinned,
    cover: saved.coverFileId ? { fileId: saved.coverFileId, url: articleFileUrl(saved.coverFileId) } : null,
    attachments: (saved.attachments ?? []).map((file) => ({ ...file, url: articleFileUrl(file.fileId) })),
    blocks: saved.body === undefined ? base.blocks : keyBlocks(htmlToBlocks(saved.body)),
  };
}
