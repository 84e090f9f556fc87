import { FileError, GROUP_CODE_MAX_BYTES, GroupError, GroupErrorMessage } from '@itss/shared';
import type { FastifyRequest } from 'fastify';
import { filetypeinfo } from 'magic-bytes.js';
import { AppError } from '../../common/app-error';
import { readUpload } from '../files/upload-reader';

/** What `PUT /api/groups/:id/code` carries: the image bytes and, as text, when the code expires. */
export interface CodeUpload {
  bytes: Buffer;
  contentType: 'image/png' | 'image/jpeg';
  /** The field `expiresAt` as sent, checked by the service. */
  expiresAt: string | undefined;
}

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg']);

/** PNG or JPEG as the bytes say, whatever the name or declared type; null for anything else. */
export function imageTypeOf(bytes: Buffer): CodeUpload['contentType'] | null {
  const found = filetypeinfo(bytes).find((info) => info.mime !== undefined && IMAGE_TYPES.has(info.mime));
  return (found?.mime as CodeUpload['contentType'] | undefined) ?? null;
}

/**
 * Reads one image and the expiry field, the stream cut off past 2 MB so a large file is never held
 * whole, and refuses, before anything is stored, a missing, empty, oversized or non-image file.
 */
export async function readCodeUpload(request: FastifyRequest): Promise<CodeUpload> {
  const { bytes, fields } = await readUpload(request, {
    maxBytes: GROUP_CODE_MAX_BYTES,
    tooLarge: GroupError.CodeTooLarge,
    fields: ['expiresAt'],
    tooMany: GroupErrorMessage.CodeUploadOneImage,
    incomplete: GroupErrorMessage.CodeUploadIncomplete,
  });
  if (bytes.length === 0) throw new AppError(FileError.FileEmpty);
  const contentType = imageTypeOf(bytes);
  if (!contentType) throw new AppError(GroupError.CodeNotImage);
  return { bytes, contentType, expiresAt: fields.expiresAt };
}
