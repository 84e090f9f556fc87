import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StoredFile } from '@itss/shared';
import { Downloaded, downloadOf, PreviewImage } from '@/components/kit/downloaded';
import { filePath } from '@/packages/join/api';
import { isH5 } from '@/services/session';
import { formatFileSize } from '@/utils/format';
import './licence.scss';

async function openPdf(localPath: string): Promise<void> {
  if (isH5()) {
    window.open(localPath, '_blank', 'noopener');
    return;
  }
  try {
    await Taro.openDocument({ filePath: localPath, fileType: 'pdf', showMenu: true });
  } catch {
    await Taro.showToast({ title: '无法打开该文件，请稍后重试', icon: 'none' });
  }
}

/**
 * The application's business licence. The file needs the token, so it is downloaded first (a temp
 * file on weapp, a blob: URL on H5): an image is shown and opens full screen on tap, a PDF opens
 * in WeChat's viewer or a new browser tab.
 */
export function LicenceView({ file }: { file: StoredFile }) {
  const caption = (
    <Text className="licence__caption">
      {file.name} · {formatFileSize(file.size)}
    </Text>
  );
  return (
    <Downloaded load={downloadOf(filePath(file.id))}>
      {(localPath) =>
        file.contentType === 'application/pdf' ? (
          <View className="licence licence--pdf" onClick={() => void openPdf(localPath)}>
            <Text className="licence__pdf-icon">PDF</Text>
            <View className="licence__pdf-body">
              {caption}
              <Text className="licence__open">打开营业执照</Text>
            </View>
            <View className="link-arrow" />
          </View>
        ) : (
          <View className="licence">
            <PreviewImage className="licence__image" src={localPath} />
            {caption}
            <Text className="licence__hint">点击图片全屏查看</Text>
          </View>
        )
      }
    </Downloaded>
  );
}
