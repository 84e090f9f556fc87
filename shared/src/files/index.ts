import { z } from 'zod';
import { decimalIdSchema } from '../common';
import { ErrorCode, defineErrorMessages, defineErrors } from '../errors';

/** What an uploaded file may be, judged from its bytes, never from its name or declared type. */
export const UPLOAD_CONTENT_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** The longest file name kept; a longer one is shortened, keeping its extension. */
export const FILE_NAME_MAX_LENGTH = 100;

export const FileError = defineErrors({
  FileMissing: { code: 'FILE_MISSING', status: 400, message: '请选择要上传的文件' },
  FileEmpty: { code: 'FILE_EMPTY', status: 400, message: '文件是空的，请重新选择' },
  FileTooLarge: { code: 'FILE_TOO_LARGE', status: 413, message: '文件不能超过 5 MB，请压缩后重新上传' },
  /** The bytes are not a JPG, PNG or PDF, whatever the name says (a renamed .exe, a .docx). */
  FileTypeNotAllowed: {
    code: 'FILE_TYPE_NOT_ALLOWED',
    status: 415,
    message: '仅支持 JPG、PNG 图片或 PDF 文件',
  },
  /** The file is on record but its bytes are no longer kept (a database restored without its uploads). */
  FileGone: { code: 'FILE_GONE', status: 410, message: '该文件已无法找到，请联系会员服务部或重新上传' },
  /** A multipart request with a second file (or more parts than a route takes): nothing is kept. */
  TooManyFiles: {
    code: 'FILE_TOO_MANY',
    status: 400,
    message: '一次只能上传一个文件，请只选择一个文件后重新上传',
  },
});

export const FileErrorMessage = defineErrorMessages({
  UploadIncomplete: { code: ErrorCode.BadRequest, message: '上传未完成，请重新选择文件上传' },
  UploadsTooMany: { code: ErrorCode.RateLimited, message: '上传过于频繁，请一小时后再试' },
  UploadsSpentToday: { code: ErrorCode.RateLimited, message: '今天的上传次数已达上限，请明天再试' },
});

export const storedFileSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  size: z.number().int().positive(),
  contentType: z.enum(UPLOAD_CONTENT_TYPES),
});
export type StoredFile = z.infer<typeof storedFileSchema>;

export const fileIdParamSchema = z.strictObject({ id: decimalIdSchema });
