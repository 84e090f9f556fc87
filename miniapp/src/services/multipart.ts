import Taro from '@tarojs/taro';
import { ErrorCode, FileError } from '@itss/shared';
import { apiErrorOf, authorization, parseAnswer, withToken, type ResponseSchema } from './http';

/** A file staff picked for a multipart upload (an import sheet, a group's QR image). */
export interface PickedUpload {
  name: string;
  size: number;
  /** WeChat: the temporary path to upload. */
  path?: string;
  /** Browser: the File itself. */
  blob?: Blob;
}

/** The browser's own file dialog; resolves null when the person closes it without a file. */
function pickInBrowser(accept: string): Promise<PickedUpload | null> {
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

const XLSX_ACCEPT = '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An .xlsx: from the computer on H5, from a chat on WeChat (where people keep the files they are sent). */
export async function pickSpreadsheet(): Promise<PickedUpload | null> {
  try {
    if (process.env.TARO_ENV === 'h5') return await pickInBrowser(XLSX_ACCEPT);
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx'] });
    const file = tempFiles[0];
    return file ? { name: file.name, size: file.size, path: file.path } : null;
  } catch {
    // WeChat rejects a cancelled picker: nothing was chosen.
    return null;
  }
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** A png/jpg: a screenshot of the group's QR code from the album on WeChat, a file on H5. */
export async function pickImage(): Promise<PickedUpload | null> {
  try {
    if (process.env.TARO_ENV === 'h5') return await pickInBrowser('.png,.jpg,.jpeg,image/png,image/jpeg');
    const { tempFiles } = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album'],
      // The original: a compressed QR code may no longer scan.
      sizeType: ['original'],
    });
    const file = tempFiles[0];
    return file ? { name: baseName(file.tempFilePath), size: file.size, path: file.tempFilePath } : null;
  } catch {
    return null;
  }
}

/** A photo for an article: from the album on WeChat (compressed: the server re-encodes it anyway), a file on H5. */
export async function pickPhoto(): Promise<PickedUpload | null> {
  try {
    if (process.env.TARO_ENV === 'h5') return await pickInBrowser('.png,.jpg,.jpeg,image/png,image/jpeg');
    const { tempFiles } = await Taro.chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: ['album', 'camera'],
      sizeType: ['compressed'],
    });
    const file = tempFiles[0];
    return file ? { name: baseName(file.tempFilePath), size: file.size, path: file.tempFilePath } : null;
  } catch {
    return null;
  }
}

/** A PDF: from the computer on H5, from a chat on WeChat. */
export async function pickPdf(): Promise<PickedUpload | null> {
  try {
    if (process.env.TARO_ENV === 'h5') return await pickInBrowser('.pdf,application/pdf');
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] });
    const file = tempFiles[0];
    return file ? { name: file.name, size: file.size, path: file.path } : null;
  } catch {
    return null;
  }
}

export interface MultipartOptions<T> {
  path: string;
  method: 'POST' | 'PUT';
  file: PickedUpload;
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
