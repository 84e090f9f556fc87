import Taro from '@tarojs/taro';
import { ErrorCode, FileError, UPLOAD_MAX_BYTES, storedFileSchema, type StoredFile } from '@itss/shared';
import { apiErrorOf, authorization, parseAnswer, withToken } from './http';

/** A file the person picked, before it is uploaded. */
export interface PickedFile {
  name: string;
  size: number;
  /** WeChat: the temporary path to upload. */
  path?: string;
  /** Browser: the File itself. */
  blob?: Blob;
}

const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';

/** The browser's own file dialog: any of the allowed types, PDF included (chooseImage has no PDF). */
function pickInBrowser(): Promise<PickedFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT;
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

/** WeChat: a photo (album or camera), or a PDF from a chat, which is where people keep documents. */
async function pickInWechat(): Promise<PickedFile | null> {
  const { tapIndex } = await Taro.showActionSheet({
    itemList: ['拍照', '从相册选择图片', '从聊天记录选择 PDF'],
  });
  if (tapIndex === 2) {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf'] });
    const file = tempFiles[0];
    return file ? { name: file.name, size: file.size, path: file.path } : null;
  }
  const { tempFiles } = await Taro.chooseMedia({
    count: 1,
    mediaType: ['image'],
    sourceType: [tapIndex === 0 ? 'camera' : 'album'],
    sizeType: ['compressed'],
  });
  const file = tempFiles[0];
  return file ? { name: baseName(file.tempFilePath), size: file.size, path: file.tempFilePath } : null;
}

/** Resolves null when the person cancels. */
export async function pickLicenceFile(): Promise<PickedFile | null> {
  try {
    return process.env.TARO_ENV === 'h5' ? await pickInBrowser() : await pickInWechat();
  } catch {
    // WeChat rejects a cancelled sheet or picker: nothing was chosen.
    return null;
  }
}

async function sendInBrowser(file: PickedFile, token: string | null): Promise<StoredFile> {
  const form = new FormData();
  form.append('file', file.blob as Blob, file.name);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}/api/files`, {
      method: 'POST',
      headers: authorization(token),
      body: form,
    });
  } catch {
    throw apiErrorOf(ErrorCode.NetworkError);
  }
  const data: unknown = await response.json().catch(() => null);
  return parseAnswer(response.status, data, storedFileSchema);
}

async function sendInWechat(file: PickedFile, token: string | null): Promise<StoredFile> {
  let answer: Taro.uploadFile.SuccessCallbackResult;
  try {
    answer = await Taro.uploadFile({
      url: `${API_BASE}/api/files`,
      filePath: file.path ?? '',
      name: 'file',
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
  return parseAnswer(answer.statusCode, data, storedFileSchema);
}

/** Uploads to POST /api/files; empty and oversized files are refused before anything is sent. */
export function uploadFile(file: PickedFile): Promise<StoredFile> {
  if (file.size <= 0) return Promise.reject(apiErrorOf(FileError.FileEmpty));
  if (file.size > UPLOAD_MAX_BYTES) return Promise.reject(apiErrorOf(FileError.FileTooLarge));
  return withToken((token) =>
    process.env.TARO_ENV === 'h5' ? sendInBrowser(file, token) : sendInWechat(file, token),
  );
}
