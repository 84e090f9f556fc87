import { extname } from 'node:path';
import {
  type DeclaredError,
  FILE_NAME_MAX_LENGTH,
  FileError,
  FileErrorMessage,
  UPLOAD_MAX_BYTES,
} from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../common/app-error';

/** What arrived in the multipart field `file`: the name the client gave and at most the route's bytes. */
export interface Upload {
  name: string;
  bytes: Buffer;
}

/** The file, and the text fields the route asked for. */
export interface MultipartUpload extends Upload {
  fields: Record<string, string>;
}

/** What a route takes besides the file store's defaults: its own cut-off and words, and text fields. */
export interface UploadLimit {
  /** A larger or smaller cut-off than the file store's 5 MB (a PDF attachment, a QR image), with its 413. */
  maxBytes?: number;
  tooLarge?: string | DeclaredError;
  /** Text fields kept (trimmed, blank dropped); any other field is ignored. */
  fields?: readonly string[];
  /** The route's own words for a second file, and for a body that broke off. */
  tooMany?: string | DeclaredError;
  incomplete?: string | DeclaredError;
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
 * Reads the one file of a multipart request, in whatever order its parts come (WeChat's uploadFile
 * sends the form fields before the file, a browser's FormData in the order appended). Every part is
 * read to the end, so a second file is refused rather than silently dropped. The stream is cut off
 * past the route's limit (the parser stops buffering and this answers 413), so an oversized upload
 * never sits in memory whole. Every multipart route reads its body here.
 */
export async function readUpload(
  request: FastifyRequest,
  {
    maxBytes = UPLOAD_MAX_BYTES,
    tooLarge = FileError.FileTooLarge,
    fields = [],
    tooMany = FileError.TooManyFiles,
    incomplete = FileErrorMessage.UploadIncomplete,
  }: UploadLimit = {},
): Promise<MultipartUpload> {
  if (!request.isMultipart()) throw new AppError(FileError.FileMissing);
  let file: { name: string; bytes: Buffer } | undefined;
  const values: Record<string, string> = {};
  try {
    for await (const part of request.parts({ limits: { ...MULTIPART_LIMITS, fileSize: maxBytes } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // The parser stopped at the limit: what it kept is the head of a larger file.
        if (part.file.truncated) throw new AppError(tooLarge);
        if (part.fieldname === 'file') file = { name: cleanName(part.filename), bytes };
      } else if (fields.includes(part.fieldname) && typeof part.value === 'string' && part.value.trim()) {
        values[part.fieldname] = part.value.trim();
      }
    }
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
        throw new AppError(tooMany);
      default:
        // A malformed or interrupted multipart body: the client's fault, never a 500.
        throw new AppError(incomplete);
    }
  }
  if (!file) throw new AppError(FileError.FileMissing);
  return { ...file, fields: values };
}
