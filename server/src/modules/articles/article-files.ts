import type { Readable } from 'node:stream';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ATTACHMENT_MAX_BYTES,
  ArticleError,
  type ArticleUploadResponse,
  ErrorCode,
  FileError,
  type StoredFile,
  articleFileUrl,
} from '@itss/shared';
import sharp from 'sharp';
import { MoreThan, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { type FileRecord, FilesService, contentTypeOf } from '../files/files.service';
import type { Upload } from '../files/upload-reader';
import { bodyImageIds } from './article-html';
import { ArticleReaders } from './article-readers';
import { ArticleEntity } from './article.entity';
import { ArticlesPolicy } from './articles.policy';
import { SubmissionMediaCheckEntity } from './submission-media-check.entity';

/** The owner type article files are claimed under in the file store. */
export const ARTICLE_FILE_OWNER = 'article';

/** Wide enough for a phone screen at 3× and a desktop column; larger only costs readers' data. */
const IMAGE_MAX_WIDTH = 1600;
/** A 5 MB file can claim gigapixels; nothing a phone takes comes near 50 million. */
const IMAGE_MAX_PIXELS = 50_000_000;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
/** How long WeChat may fetch an image sent to its media check (it answers within 30 minutes). */
const MEDIA_CHECK_FETCH_MS = 24 * 60 * 60 * 1000;

/** The files an article shows: its cover, the images in its (sanitized) body, its attachments. */
export interface ArticleFileRefs {
  coverFileId?: number | null;
  attachmentFileIds?: number[];
  body: string;
}

/** A file served from `GET /api/articles/files/:id`, with how long others may keep it. */
export interface ServedFile {
  file: StoredFile;
  bytes: Readable;
  cacheControl: string;
}

function uploadResponse(file: StoredFile): ArticleUploadResponse {
  return { fileId: file.id, name: file.name, size: file.size, url: articleFileUrl(file.id) };
}

/**
 * Re-encodes an image as what it was (JPEG or PNG): turned upright by its EXIF orientation, no
 * wider than IMAGE_MAX_WIDTH, and without its metadata (sharp writes none unless asked), so a
 * phone photo's location never reaches readers.
 */
async function reencode(upload: Upload): Promise<Upload> {
  if (upload.bytes.length === 0) throw new AppError(FileError.FileEmpty);
  const type = contentTypeOf(upload.bytes);
  if (!type || !IMAGE_TYPES.has(type)) throw new AppError(ArticleError.ImageInvalid);
  try {
    const image = sharp(upload.bytes, { failOn: 'error', limitInputPixels: IMAGE_MAX_PIXELS })
      .rotate()
      .resize({ width: IMAGE_MAX_WIDTH, withoutEnlargement: true });
    const bytes =
      type === 'image/png'
        ? await image.png({ compressionLevel: 9 }).toBuffer()
        : await image.jpeg({ quality: 85 }).toBuffer();
    return { name: upload.name, bytes };
  } catch {
    throw new AppError(ArticleError.ImageInvalid);
  }
}

function pdfOnly(upload: Upload): Upload {
  if (upload.bytes.length === 0) throw new AppError(FileError.FileEmpty);
  if (contentTypeOf(upload.bytes) !== 'application/pdf') throw new AppError(ArticleError.AttachmentNotPdf);
  return upload;
}

/**
 * An article's images and attachments: uploaded into the file store as the uploader's, claimed by
 * the article when it is saved, read under the article's rule. Submissions claim theirs the same way.
 */
@Injectable()
export class ArticleFiles implements OnModuleInit {
  constructor(
    @InjectRepository(ArticleEntity) private readonly articles: Repository<ArticleEntity>,
    @InjectRepository(SubmissionMediaCheckEntity)
    private readonly mediaChecks: Repository<SubmissionMediaCheckEntity>,
    private readonly files: FilesService,
    private readonly readers: ArticleReaders,
    private readonly policy: ArticlesPolicy,
  ) {}

  onModuleInit(): void {
    // Both routes that serve files (/api/files/:id and the article route) ask the files feature's
    // one rule, which asks this for the files an article owns.
    this.files.allowReaders(ARTICLE_FILE_OWNER, (actor, articleId, fileId) =>
      this.articleAllows(actor, articleId, fileId),
    );
  }

  /** The caller may upload before a byte is read: staff, and contacts of active units. */
  async uploadImage(
    ctx: SignedInContext,
    read: (limit: { maxBytes?: number; tooLarge?: string }) => Promise<Upload>,
  ): Promise<ArticleUploadResponse> {
    authorize(this.policy, ctx, 'uploadImage', { standing: await this.readers.standingOf(ctx) });
    return uploadResponse(await this.files.upload(ctx, async () => reencode(await read({}))));
  }

  /** A PDF up to 20 MB, staff only; the stream is cut off past the limit, so nothing is kept. */
  async uploadAttachment(
    ctx: SignedInContext,
    read: (limit: { maxBytes?: number; tooLarge?: string }) => Promise<Upload>,
  ): Promise<ArticleUploadResponse> {
    authorize(this.policy, ctx, 'manage', { standing: 'public' });
    const upload = () =>
      read({ maxBytes: ATTACHMENT_MAX_BYTES, tooLarge: ArticleError.AttachmentTooLarge }).then(pdfOnly);
    return uploadResponse(await this.files.upload(ctx, upload));
  }

  /**
   * Makes the article the owner of the files it shows, inside the caller's transaction: each must
   * be the caller's own upload or already this article's, an image for the cover and the body, a
   * PDF for attachments; otherwise 400 and the whole save rolls back.
   */
  async claimAll(actor: SignedInContext, articleId: number, refs: ArticleFileRefs): Promise<void> {
    const images = [...(refs.coverFileId != null ? [refs.coverFileId] : []), ...bodyImageIds(refs.body)];
    const owner = { type: ARTICLE_FILE_OWNER, id: articleId };
    for (const id of new Set(images)) {
      const file = await this.files.claim(actor, id, owner);
      if (!file || !IMAGE_TYPES.has(file.contentType)) throw new AppError(ArticleError.FileUnusable);
    }
    for (const id of new Set(refs.attachmentFileIds ?? [])) {
      const file = await this.files.claim(actor, id, owner);
      if (!file || file.contentType !== 'application/pdf') throw new AppError(ArticleError.FileUnusable);
    }
  }

  /**
   * A file of the article store, under the files feature's one rule: an unclaimed upload to its
   * uploader alone; once an article owns it, whom the article allows (`articleAllows`). Any other
   * feature's file is 404 here. Public readers' copies may be shared by caches.
   */
  async open(ctx: RequestContext, fileId: number, check?: string): Promise<ServedFile> {
    const file = await this.files.record(fileId);
    if (!file || (file.ownerType !== null && file.ownerType !== ARTICLE_FILE_OWNER)) {
      throw new AppError(ErrorCode.NotFound);
    }
    if (check !== undefined) return this.openForMediaCheck(file, check);
    await this.files.readable(ctx, file);
    const article =
      file.ownerId !== null
        ? await this.articles.findOne({
            where: { id: file.ownerId },
            select: { id: true, state: true, visibility: true },
          })
        : null;
    const everyone = article?.state === 'published' && article.visibility === 'public';
    return {
      file,
      bytes: await this.files.bytesOf(file),
      cacheControl: everyone ? 'public, max-age=300' : 'private, max-age=300',
    };
  }

  /**
   * Who reads a file an article owns: staff always; whoever may read the article's body; its cover
   * whoever sees the teaser of the published article.
   */
  private async articleAllows(actor: RequestContext, articleId: number, fileId: number): Promise<boolean> {
    const article = await this.articles.findOne({
      where: { id: articleId },
      select: { id: true, state: true, visibility: true, coverFileId: true },
    });
    if (!article) return false;
    const published = article.state === 'published';
    return this.policy.can(actor, 'readFile', {
      standing:
        published && article.visibility !== 'public' ? await this.readers.standingOf(actor) : 'public',
      article: { published, visibility: article.visibility },
      file: { isCover: article.coverFileId === fileId },
    });
  }

  /**
   * WeChat's media check fetching a submitted image by the token its address carries: that image
   * only, for a day after it was sent, never kept by a cache. Anything else is 404, like a stranger.
   */
  private async openForMediaCheck(file: FileRecord, check: string): Promise<ServedFile> {
    const sent = await this.mediaChecks.findOneBy({
      fileId: file.id,
      fetchToken: check,
      createdAt: MoreThan(new Date(Date.now() - MEDIA_CHECK_FETCH_MS)),
    });
    if (!sent) throw new AppError(ErrorCode.NotFound);
    return { file, bytes: await this.files.bytesOf(file), cacheControl: 'no-store' };
  }
}
