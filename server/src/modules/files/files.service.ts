import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ErrorCode,
  FileError,
  type StoredFile,
  UPLOAD_CONTENT_TYPES,
  type UploadContentType,
  FileErrorMessage,
} from '@itss/shared';
import { filetypeinfo } from 'magic-bytes.js';
import { In, IsNull, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { RequestContext, SignedInContext } from '../../common/request-context';
import { RetryOnConflict } from '../../database/conflicts';
import { Throttle } from '../../state/throttle';
import { FileEntity } from './file.entity';
import { FILE_STORAGE, type FileStorage } from './file-storage';
import { FilesPolicy } from './files.policy';
import type { Upload } from './upload-reader';

/** Decides whether `actor` may read a file that a record of one type owns (the record's and the file's id given). */
export type ReaderRule = (actor: RequestContext, ownerId: number, fileId: number) => Promise<boolean>;

/** A file with who uploaded it and which record, if any, owns it. */
export interface FileRecord extends StoredFile {
  uploadedBy: number;
  ownerType: string | null;
  ownerId: number | null;
}

/** What a record claims a file for: its type (the owning feature's name for it) and id. */
export interface FileOwner {
  type: string;
  id: number;
}

/** A person uploads a licence or two while applying; a loop or a script is stopped well before it fills a disk. */
const UPLOADS_PER_HOUR = 60;
const UPLOADS_PER_DAY = 200;

const ALLOWED = new Set<string>(UPLOAD_CONTENT_TYPES);

/** The type the bytes are, whatever the name or the declared type says; null if not one allowed. */
export function contentTypeOf(bytes: Buffer): UploadContentType | null {
  const found = filetypeinfo(bytes).find((info) => info.mime !== undefined && ALLOWED.has(info.mime));
  return (found?.mime as UploadContentType | undefined) ?? null;
}

function toStoredFile(row: FileEntity): StoredFile {
  return { id: row.id, name: row.name, size: row.size, contentType: row.contentType };
}

/** The one writer of `files`; the bytes go to the FileStorage, the rows here. */
@Injectable()
export class FilesService {
  private readonly logger = new Logger(FilesService.name);
  private readonly readers = new Map<string, ReaderRule>();

  constructor(
    @InjectRepository(FileEntity) private readonly files: Repository<FileEntity>,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    private readonly policy: FilesPolicy,
    private readonly throttle: Throttle,
  ) {}

  /**
   * A feature whose records own files says who, besides the uploader, may read them (staff, for
   * an application's licence). Called from the owning module's initialisation.
   */
  allowReaders(ownerType: string, rule: ReaderRule): void {
    this.readers.set(ownerType, rule);
  }

  /**
   * Stores an upload: counted against the person's limits before a byte is read, typed from its
   * bytes, refused (and nothing kept) when empty or not a JPG, PNG or PDF.
   */
  async upload(ctx: SignedInContext, read: () => Promise<Upload>): Promise<StoredFile> {
    authorize(this.policy, ctx, 'upload', undefined);
    await this.throttle.take(
      {
        key: `throttle:upload:${ctx.user.id}`,
        limit: UPLOADS_PER_HOUR,
        windowMs: 60 * 60_000,
        message: FileErrorMessage.UploadsTooMany,
      },
      {
        key: `throttle:upload-day:${ctx.user.id}`,
        limit: UPLOADS_PER_DAY,
        windowMs: 24 * 60 * 60_000,
        message: FileErrorMessage.UploadsSpentToday,
      },
    );
    const { name, bytes } = await read();
    if (bytes.length === 0) throw new AppError(FileError.FileEmpty);
    const contentType = contentTypeOf(bytes);
    if (!contentType) throw new AppError(FileError.FileTypeNotAllowed);
    const key = randomBytes(24).toString('base64url');
    await this.storage.put(key, bytes, contentType);
    try {
      return toStoredFile(
        await this.saveRow(ctx, key, name || `文件.${contentType.split('/')[1]}`, bytes.length, contentType),
      );
    } catch (error) {
      // No row, no bytes: an upload that could not be recorded leaves nothing behind.
      await this.storage.delete(key).catch((cause: unknown) => {
        this.logger.error(`Could not remove the bytes of a failed upload ${key}: ${String(cause)}`);
      });
      throw error;
    }
  }

  @RetryOnConflict()
  @Transactional()
  private saveRow(
    ctx: SignedInContext,
    storageKey: string,
    name: string,
    size: number,
    contentType: UploadContentType,
  ): Promise<FileEntity> {
    return this.files.save(
      this.files.create({
        storageKey,
        name,
        size,
        contentType,
        uploadedBy: ctx.user.id,
        ownerType: null,
        ownerId: null,
        createdAt: new Date(),
      }),
    );
  }

  /** The file and its bytes, for its uploader or whom its owner allows; anyone else 404. */
  async open(ctx: SignedInContext, id: number): Promise<{ file: StoredFile; bytes: Readable }> {
    const file = await this.readable(ctx, await this.record(id));
    const { uploadedBy: _uploader, ownerType: _type, ownerId: _owner, ...stored } = file;
    return { file: stored, bytes: await this.bytesOf(file) };
  }

  /**
   * The one rule for reading a file, whichever route serves it: its uploader, or whom the feature
   * owning it allows; an unclaimed upload is its uploader's alone. Anyone else, and an unknown id, 404.
   */
  async readable(ctx: RequestContext, file: FileRecord | null): Promise<FileRecord> {
    if (!file) throw new AppError(ErrorCode.NotFound);
    const rule = file.ownerType ? this.readers.get(file.ownerType) : undefined;
    const ownerAllows =
      file.ownerId !== null && rule !== undefined && (await rule(ctx, file.ownerId, file.id));
    authorize(this.policy, ctx, 'read', { uploadedBy: file.uploadedBy, ownerAllows }, { hide: true });
    return file;
  }

  /**
   * Makes a record the owner of a file, inside the caller's transaction: the actor's own upload, not
   * owned by another record; a file this record already owns stays its own whoever uploaded it (a
   * second editor saving an article keeps the first one's images). Null when the file cannot be
   * claimed, for the caller to refuse in its own words.
   */
  async claim(actor: SignedInContext, fileId: number, owner: FileOwner): Promise<StoredFile | null> {
    const row = await this.files.findOneBy({ id: fileId });
    if (!row) return null;
    if (row.ownerType !== null) {
      return row.ownerType === owner.type && row.ownerId === owner.id ? toStoredFile(row) : null;
    }
    if (row.uploadedBy !== actor.user.id) return null;
    // Guarded on "still unowned": of two records claiming one file at once, one gets it.
    const { affected } = await this.files.update(
      { id: fileId, ownerType: IsNull() },
      { ownerType: owner.type, ownerId: owner.id },
    );
    return affected ? toStoredFile(row) : null;
  }

  /**
   * A file's row with who uploaded and owns it, for a feature that serves its records' files under
   * its own rule and route (articles, read by visitors too); null when unknown.
   */
  async record(id: number): Promise<FileRecord | null> {
    const row = await this.files.findOneBy({ id });
    return (
      row && {
        ...toStoredFile(row),
        uploadedBy: row.uploadedBy,
        ownerType: row.ownerType,
        ownerId: row.ownerId,
      }
    );
  }

  /**
   * The bytes of a file found by `record`, once the rule has allowed the caller. Bytes missing from
   * storage (a database restored without its uploads) are the operator's to fix: logged with the
   * file's id and storage key, and answered 410 rather than as a fault of the request.
   */
  async bytesOf(file: FileRecord): Promise<Readable> {
    const row = await this.files.findOneByOrFail({ id: file.id });
    const bytes = await this.storage.get(row.storageKey);
    if (!bytes) {
      this.logger.error(
        `file ${row.id} (${row.name}, storage key ${row.storageKey}) has a row but no bytes in storage`,
      );
      throw new AppError(FileError.FileGone);
    }
    return bytes;
  }

  async describe(ids: number[]): Promise<Map<number, StoredFile>> {
    const rows = ids.length ? await this.files.findBy({ id: In([...new Set(ids)]) }) : [];
    return new Map(rows.map((row) => [row.id, toStoredFile(row)]));
  }
}
