import Taro from '@tarojs/taro';
import { ErrorCode, FileError, UPLOAD_MAX_BYTES, storedFileSchema, type StoredFile } from '@itss/shared';
import { apiErrorOf, authorization, parseAnswer, withToken, type ResponseSchema } from './http';

/** A file the person picked, before it is uploaded. */
export interface PickedFile {
  name: string;
  size: number;
  /** WeChat: the temporary path to upload. */
  path?: string;
  /** Browser: the File itself. */
  blob?: Blob;
}

/**
 * What a page asks for; each kind says where WeChat finds it (documents live in chats, photos in
 * the album) and which types the browser's dialog offers.
 * - `licence`: a business licence, a photo or a PDF;
 * - `spreadsheet`: an .xlsx to import;
 * - `spreadsheetOrCsv`: an .xlsx or a .csv (banks export statements as either);
 * - `qrCode`: a screenshot of a QR code, uncompressed so it still scans;
 * - `photo`: a picture for an article (compressed: the server re-encodes it anyway);
 * - `pdf`: a document to attach.
 */
export type FileKind = 'licence' | 'spreadsheet' | 'spreadsheetOrCsv' | 'qrCode' | 'photo' | 'pdf';

const IMAGE_ACCEPT = '.png,.jpg,.jpeg,image/png,image/jpeg';
const PDF_ACCEPT = '.pdf,application/pdf';
const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ACCEPT: Record<FileKind, string> = {
  licence: '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf',
  spreadsheet: XLSX_ACCEPT,
  spreadsheetOrCsv: `${XLSX_ACCEPT},.csv,text/csv`,
  qrCode: IMAGE_ACCEPT,
  photo: IMAGE_ACCEPT,
  pdf: PDF_ACCEPT,
};

/** The browser's own file dialog; resolves null when the person closes it without a file. */
function pickInBrowser(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.className = 'file-picker-input';
    input.style.display = 'none';
    const done = (file: File | null) => {
      input.remove();
      resolve(file ? { name: file.name, size: file.size, blob: file } : null);
    };
    input.addEventListener('change', () => done(input.files?.[0] ?? null));
    input.addEventListener('cancel', () => done(null));
    document.body.appendChild(input);
    input.click();
  });
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** A document from a chat, which is where people on WeChat keep the files they are sent. */
async function chooseFromChat(...extension: string[]): Promise<PickedFile | null> {
  const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension });
  const file = tempFiles[0];
  return file ? { name: file.name, size: file.size, path: file.path } : null;
}

async function chooseImage(
  sourceType: ('album' | 'camera')[],
  sizeType: 'original' | 'compressed',
): Promise<PickedFile | null> {
  const { tempFiles } = await Taro.chooseMedia({
    count: 1,
    mediaType: ['image'],
    sourceType,
    sizeType: [sizeType],
  });
  const file = tempFiles[0];
  return file ? { name: baseName(file.tempFilePath), size: file.size, path: file.tempFilePath } : null;
}

async function pickInWechat(kind: FileKind): Promise<PickedFile | null> {
  switch (kind) {
    case 'licence': {
      const { tapIndex } = await Taro.showActionSheet({
        itemList: ['拍照', '从相册选择图片', '从聊天记录选择 PDF'],
      });
      if (tapIndex === 2) return chooseFromChat('pdf');
      return chooseImage([tapIndex === 0 ? 'camera' : 'album'], 'compressed');
    }
    case 'spreadsheet':
      return chooseFromChat('xlsx');
    case 'spreadsheetOrCsv':
      return chooseFromChat('xlsx', 'csv');
    case 'qrCode':
      return chooseImage(['album'], 'original');
    case 'photo':
      return chooseImage(['album', 'camera'], 'compressed');
    case 'pdf':
      return chooseFromChat('pdf');
  }
}

/** Resolves null when the person cancels. */
export async function pickFile(kind: FileKind): Promise<PickedFile | null> {
  try {
    return process.env.TARO_ENV === 'h5' ? await pickInBrowser(ACCEPT[kind]) : await pickInWechat(kind);
  } catch {
    // WeChat rejects a cancelled sheet or picker: nothing was chosen.
    return null;
  }
}

export interface MultipartOptions<T> {
  path: string;
  method: 'POST' | 'PUT';
  file: PickedFile;
  /** Text fields sent before the file. */
  fields?: Record<string, string>;
  schema: ResponseSchema<T>;
}

async function sendInBrowser<T>(options: MultipartOptions<T>, token: string | null): Promise<T> {
  const form = new FormData();
  for (const [key, value] of Object.entries(options.fields ?? {})) form.append(key, value);
  form.append('file', options.file.blob as Blob, options.file.name);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${options.path}`, {
      method: options.method,
      headers: authorization(token),
      body: form,
    });
  } catch {
    throw apiErrorOf(ErrorCode.NetworkError);
  }
  const data: unknown = await response.json().catch(() => null);
  return parseAnswer(response.status, data, options.schema);
}

/** wx.uploadFile always POSTs: a PUT route takes its upload from WeChat as POST on the same path. */
async function sendInWechat<T>(options: MultipartOptions<T>, token: string | null): Promise<T> {
  let answer: Taro.uploadFile.SuccessCallbackResult;
  try {
    answer = await Taro.uploadFile({
      url: `${API_BASE}${options.path}`,
      filePath: options.file.path ?? '',
      name: 'file',
      formData: options.fields ?? {},
      header: authorization(token),
    });
  } catch {
    throw apiErrorOf(ErrorCode.NetworkError);
  }
  let data: unknown = null;
  try {
    data = JSON.parse(answer.data);
  } catch {
    // Not the contract's JSON (a proxy's page): parseAnswer maps the status.
  }
  return parseAnswer(answer.statusCode, data, options.schema);
}

/** Sends one file as multipart field `file`; an empty file is refused before anything is sent. */
export function uploadMultipart<T>(options: MultipartOptions<T>): Promise<T> {
  if (options.file.size <= 0) return Promise.reject(apiErrorOf(FileError.FileEmpty));
  return withToken((token) =>
    process.env.TARO_ENV === 'h5' ? sendInBrowser(options, token) : sendInWechat(options, token),
  );
}

/** Uploads to POST /api/files; empty and oversized files are refused before anything is sent. */
export function uploadFile(file: PickedFile): Promise<StoredFile> {
  if (file.size > UPLOAD_MAX_BYTES) return Promise.reject(apiErrorOf(FileError.FileTooLarge));
  return uploadMultipart({ path: '/api/files', method: 'POST', file, schema: storedFileSchema });
}
