import { FileError, GROUP_CODE_MAX_BYTES, GroupError, GroupErrorMessage } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import { filetypeinfo } from 'magic-bytes.js';
import { AppError } from '../../common/app-error';

/** What `PUT /api/groups/:id/code` carries: the image bytes and, as text, when the code expires. */
export interface CodeUpload {
  bytes: Buffer;
  contentType: 'image/png' | 'image/jpeg';
  /** The field `expiresAt` as sent, checked by the service. */
  expiresAt: string | undefined;
}

/** One image and the expiry field; the stream is cut off past 2 MB, so a large file is never held whole. */
const LIMITS = { fileSize: GROUP_CODE_MAX_BYTES, files: 1, fields: 2, parts: 3 };

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);

/** PNG or JPEG as the bytes say, whatever the name or declared type; null for anything else. */
export function imageTypeOf(bytes: Buffer): CodeUpload['contentType'] | null {
  const found = filetypeinfo(bytes).find((info) => info.mime !== undefined && IMAGE_TYPES.has(info.mime));
  return (found?.mime as CodeUpload['contentType'] | undefined) ?? null;
}

/**
 * Reads the multipart body in whatever order its parts come (WeChat's uploadFile sends the form
 * fields before the file, a browser's FormData in the order appended) and refuses, before anything
 * is stored, a missing, empty, oversized or non-image file.
 */
export async function readCodeUpload(request: FastifyRequest): Promise<CodeUpload> {
  if (!request.isMultipart()) throw new AppError(FileError.FileMissing);
  let bytes: Buffer | undefined;
  let expiresAt: string | undefined;
  try {
    for await (const part of request.parts({ limits: LIMITS })) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.file.truncated) throw new AppError(GroupError.CodeTooLarge);
        if (part.fieldname === 'file') bytes = content;
      } else if (part.fieldname === 'expiresAt' && typeof part.value === 'string') {
        expiresAt = part.value.trim() || undefined;
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    switch ((error as { code?: unknown }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw new AppError(GroupError.CodeTooLarge);
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        throw new AppError(GroupErrorMessage.CodeUploadOneImage);
      default:
        // A malformed or interrupted multipart body: the client's fault, never a 500.
        throw new AppError(GroupErrorMessage.CodeUploadIncomplete);
    }
  }
  if (!bytes) throw new AppError(FileError.FileMissing);
  if (bytes.length === 0) throw new AppError(FileError.FileEmpty);
  const contentType = imageTypeOf(bytes);
  if (!contentType) throw new AppError(GroupError.CodeNotImage);
  return { bytes, contentType, expiresAt };
}
