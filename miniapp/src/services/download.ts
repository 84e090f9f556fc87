import Taro from '@tarojs/taro';
import { ErrorCode } from '@itss/shared';
import { beijingDateStamp } from '@/utils/format';
import { ApiError, apiErrorOf, apiErrorOfStatus, authorization, withToken } from './http';
import { isH5 } from './session';
import { showModal } from './modal';

const TIMEOUT_MS = 30000;

async function downloadOnce(path: string, token: string | null): Promise<string> {
  let answer: { statusCode: number; tempFilePath: string };
  try {
    answer = await Taro.downloadFile({
      url: `${API_BASE}${path}`,
      header: authorization(token),
      timeout: TIMEOUT_MS,
    });
  } catch {
    throw apiErrorOf(ErrorCode.NetworkError);
  }
  if (answer.statusCode >= 200 && answer.statusCode < 300) return answer.tempFilePath;
  releaseDownload(answer.tempFilePath);
  throw apiErrorOfStatus(answer.statusCode);
}

/**
 * Fetches an API path that answers bytes (a licence, a mini-program code, a spreadsheet) with the
 * session's token, which an <Image src> or a plain link cannot send. Resolves to a local path: a
 * temporary file on weapp, a blob: URL on H5 (Taro's downloadFile). A refused token logs in again
 * once, as `request` does; any other failure rejects with an ApiError by status, since the body of
 * a failed download is not read.
 */
export function downloadWithToken(path: string): Promise<string> {
  return withToken((token) => downloadOnce(path, token));
}

/**
 * A moment after a downloaded file is let go: a picture on a page that is leaving may still be
 * reading its blob, and a link just clicked still saving it; revoking at once fails those loads.
 */
const RELEASE_AFTER_MS = 10_000;

/** H5 keeps a downloaded blob in memory until its URL is revoked; weapp cleans its temp files itself. */
export function releaseDownload(localPath: string): void {
  if (isH5() && localPath.startsWith('blob:')) {
    setTimeout(() => URL.revokeObjectURL(localPath), RELEASE_AFTER_MS);
  }
}

/** H5 only: hands a downloaded blob to the browser as a file with this name. */
export function saveAs(localPath: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = localPath;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
}

/**
 * Exports a spreadsheet the API builds: weapp opens it in WeChat's viewer (share or save from
 * there), H5 downloads it as `<name>-<Beijing date>.xlsx`. A failure is said in a dialog.
 */
export async function exportSheet(path: string, name: string): Promise<void> {
  // The mask keeps a second tap from starting a second export.
  void Taro.showLoading({ title: '正在导出', mask: true });
  let localPath: string | null = null;
  try {
    localPath = await downloadWithToken(path);
    if (isH5()) saveAs(localPath, `${name}-${beijingDateStamp()}.xlsx`);
    else await Taro.openDocument({ filePath: localPath, fileType: 'xlsx', showMenu: true });
    void Taro.hideLoading();
  } catch (thrown) {
    void Taro.hideLoading();
    // openDocument fails with WeChat's errMsg, which is no message for a person.
    const message = thrown instanceof ApiError ? thrown.message : '无法打开导出的文件，请稍后重试';
    await showModal({ title: '导出失败', content: message, showCancel: false });
  } finally {
    // Some browsers read the blob only after the click has returned: let it go a little later.
    const done = localPath;
    if (done && isH5()) setTimeout(() => releaseDownload(done), 60000);
  }
}
