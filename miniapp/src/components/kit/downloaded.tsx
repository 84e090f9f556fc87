import { Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, type ReactNode } from 'react';
import { RequestView } from '@/components/state';
import { downloadWithToken, releaseDownload } from '@/services/download';
import { useRequest } from '@/services/useRequest';

/**
 * A file the API serves only with the session's token (a licence, a group's or a campaign's
 * code), which an <Image src> cannot send: downloaded first to a local path (a temp file on weapp,
 * a blob: URL on H5), released when it is no longer shown. Loading and a failure with 重试 are
 * the kit's states.
 */
export function Downloaded({
  load,
  children,
}: {
  /** The download, `downloadWithToken(path)` unless a feature's client wraps it. */
  load: () => Promise<string>;
  children: (localPath: string) => ReactNode;
}) {
  const { state, reload } = useRequest(load);
  const localPath = state.status === 'success' ? state.data : null;
  useEffect(
    () => () => {
      if (localPath) releaseDownload(localPath);
    },
    [localPath],
  );
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {children}
    </RequestView>
  );
}

/** `load` for a plain API path. */
export const downloadOf = (path: string) => () => downloadWithToken(path);

/** A downloaded picture as wide as its box; a tap shows it full screen. */
export function PreviewImage({
  className,
  src,
  saveByLongPress = false,
}: {
  className: string;
  src: string;
  /** WeChat's own menu on a long press (识别二维码, 保存): for codes people scan. */
  saveByLongPress?: boolean;
}) {
  return (
    <Image
      className={className}
      src={src}
      mode="widthFix"
      showMenuByLongpress={saveByLongPress || undefined}
      onClick={() => void Taro.previewImage({ urls: [src], current: src })}
    />
  );
}
