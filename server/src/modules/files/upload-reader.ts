import { extname } from 'node:path';
import { FILE_NAME_MAX_LENGTH, FileError, UPLOAD_MAX_BYTES, FileErrorMessage } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error';

/** What arrived in the multipart field `file`: the name the client gave and at most UPLOAD_MAX_BYTES. */
export interface Upload {
  name: string;
  bytes: Buffer;
}

/** A larger cut-off than the file store's 5 MB for a route's own kind of file (a PDF attachment), with its 413 code. */
export interface UploadLimit {
  maxBytes?: number;
  tooLarge?: string;
}

/** The upload limits, given to @fastify/multipart when app.factory registers it. */
export const MULTIPART_LIMITS = { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 5, parts: 6 };

/** Keeps a displayable file name: no path, no control characters, shortened keeping its extension. */
function cleanName(raw: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  if (base.length <= FILE_NAME_MAX_LENGTH) return base;
  const extension = extname(base).slice(0, 10);
  return base.slice(0, FILE_NAME_MAX_LENGTH - extension.length) + extension;
}

/**
 * Reads the one file of a multipart request. The stream is cut off past UPLOAD_MAX_BYTES or the
 * route's own limit (the parser stops buffering and this answers 413), so an oversized upload never
 * sits in memory whole.
 */
export async function readUpload(
  request: FastifyRequest,
  { maxBytes = UPLOAD_MAX_BYTES, tooLarge = FileError.FileTooLarge }: UploadLimit = {},
): Promise<Upload> {
  try {
    const part = await request.file({ limits: { ...MULTIPART_LIMITS, fileSize: maxBytes } });
    if (!part || part.fieldname !== 'file') throw new AppError(FileError.FileMissing);
    const bytes = await part.toBuffer();
    // The parser stopped at the limit: what it kept is the head of a larger file.
    if (part.file.truncated) throw new AppError(tooLarge);
    return { name: cleanName(part.filename), bytes };
  } catch (error) {
    if (error instanceof AppError) throw error;
    switch ((error as { code?: unknown }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw new AppError(tooLarge);
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        throw new AppError(FileError.FileMissing);
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
      case 'FST_FIELDS_LIMIT':
        throw new AppError(FileErrorMessage.OneFileOnly);
      default:
        // A malformed or interrupted multipart body: the client's fault, never a 500.
        throw new AppError(FileErrorMessage.UploadIncomplete);
    }
  }
}
