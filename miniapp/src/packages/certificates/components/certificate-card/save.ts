import Taro from '@tarojs/taro';
import type { Certificate } from '@itss/shared';
import { ApiError } from '@/services/http';
import { downloadWithToken, releaseDownload, saveAs } from '@/services/download';
import { showModal } from '@/services/modal';
import { isH5 } from '@/services/session';
import { certificatePdfPath } from '@/packages/certificates/api';

const ALBUM_SCOPE = 'scope.writePhotosAlbum';

/** The name a browser saves the certificate under. */
export function certificateFileName(certificate: Certificate, extension: 'png' | 'pdf'): string {
  return `电子会员证书-${certificate.year}-${certificate.number}.${extension}`;
}

/**
 * WeChat asks for the album once; after a refusal saveImageToPhotosAlbum fails at once until the
 * person allows it in the mini-program's settings. Says why it is needed and opens them; resolves
 * true once the album is allowed.
 */
async function askForAlbum(): Promise<boolean> {
  const { confirm } = await showModal({
    title: '需要保存到相册的权限',
    content: '保存证书图片需要您允许小程序“保存到相册”。请在接下来的设置页中打开“添加到相册”，再返回保存。',
    confirmText: '去设置',
    cancelText: '暂不保存',
  });
  if (!confirm) return false;
  try {
    const { authSetting } = await Taro.openSetting();
    return authSetting[ALBUM_SCOPE] === true;
  } catch {
    return false;
  }
}

/** False only when the person refused the album before (WeChat would not ask again). */
async function albumNotRefused(): Promise<boolean> {
  try {
    const { authSetting } = await Taro.getSetting();
    return authSetting[ALBUM_SCOPE] !== false;
  } catch {
    return true;
  }
}

const errMsgOf = (thrown: unknown): string =>
  typeof thrown === 'object' && thrown && 'errMsg' in thrown ? String(thrown.errMsg) : '';

async function saveToAlbum(localPath: string): Promise<void> {
  if (!(await albumNotRefused()) && !(await askForAlbum())) return;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await Taro.saveImageToPhotosAlbum({ filePath: localPath });
      void Taro.showToast({ title: '已保存到相册', icon: 'success' });
      return;
    } catch (thrown) {
      const errMsg = errMsgOf(thrown);
      if (/cancel/i.test(errMsg)) return;
      // Refused in WeChat's own dialog just now (or by the privacy settings): explain and offer the settings.
      if (attempt === 0 && /auth|deny|denied|permission|privacy/i.test(errMsg)) {
        if (await askForAlbum()) continue;
        return;
      }
      await showModal({
        title: '未能保存',
        content: '证书图片未能保存到相册，请稍后重试；也可以点开图片后长按保存。',
        showCancel: false,
      });
      return;
    }
  }
}

/**
 * 保存到相册: in WeChat the downloaded image goes to the album (asking for the permission, and
 * explaining how to allow it once refused); in a browser it is downloaded as a PNG file.
 */
export async function saveCertificateImage(localPath: string, certificate: Certificate): Promise<void> {
  if (isH5()) {
    saveAs(localPath, certificateFileName(certificate, 'png'));
    return;
  }
  await saveToAlbum(localPath);
}

/** 下载 PDF: WeChat's document viewer (share or save from its menu), a file in a browser. */
export async function downloadCertificatePdf(unitId: number, certificate: Certificate): Promise<void> {
  // The mask keeps a second tap from starting a second download.
  void Taro.showLoading({ title: '正在下载…', mask: true });
  let localPath: string | null = null;
  try {
    localPath = await downloadWithToken(certificatePdfPath(unitId));
    void Taro.hideLoading();
    if (isH5()) saveAs(localPath, certificateFileName(certificate, 'pdf'));
    else await Taro.openDocument({ filePath: localPath, fileType: 'pdf', showMenu: true });
  } catch (thrown) {
    void Taro.hideLoading();
    // openDocument fails with WeChat's errMsg, which is no message for a person.
    const message = thrown instanceof ApiError ? thrown.message : '无法打开证书 PDF，请稍后重试';
    await showModal({ title: '下载失败', content: message, showCancel: false });
  } finally {
    // A browser may read the blob only after the click has returned: let it go a little later.
    const done = localPath;
    if (done) releaseDownload(done);
  }
}
